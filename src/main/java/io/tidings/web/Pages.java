package io.tidings.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.tidings.core.SiteConfig;
import io.tidings.mail.TemplateRenderer;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/** Renders reader pages from {@code templates/pages/}, each with the site in its model. */
@Singleton
public class Pages {

    static final String EMAIL_PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private final TemplateRenderer templates;
    private final SiteConfig site;
    private final CsrfTokens csrf;

    Pages(TemplateRenderer templates, SiteConfig site, CsrfTokens csrf) {
        this.templates = templates;
        this.site = site;
        this.csrf = csrf;
    }

    public MutableHttpResponse<String> render(HttpStatus status, String page, Map<String, ?> model) {
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE).body(html(page, model));
    }

    public MutableHttpResponse<String> render(String page, Map<String, ?> model) {
        return render(HttpStatus.OK, page, model);
    }

    /**
     * An email's HTML shown as a page: its own inline styles apply, nothing else loads or runs, and its
     * links and forms lead nowhere from here ({@code form-action 'none'}).
     */
    public static MutableHttpResponse<String> emailPreview(String html) {
        return HttpResponse.ok(html).contentType(MediaType.TEXT_HTML_TYPE).header(SecurityHeadersFilter.CSP, EMAIL_PREVIEW_POLICY);
    }

    String html(String page, Map<String, ?> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("site", site);
        csrf.current().ifPresent(token -> variables.put("csrf", token));
        return templates.render("pages/" + page + ".html", variables);
    }
}
