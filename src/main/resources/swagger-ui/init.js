// In a file of its own: the service's Content-Security-Policy allows no inline script.
window.ui = SwaggerUIBundle({
  url: '/swagger/tidings.yml',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  // Swagger UI would otherwise send the document to an online validator, and the page must work offline.
  validatorUrl: null
});
