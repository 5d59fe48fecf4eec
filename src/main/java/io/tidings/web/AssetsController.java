package io.tidings.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.tidings.mail.TemplateRenderer;

import java.util.Map;

/** The pages' one stylesheet, served from the templates folder so operators restyle it there. */
@Controller("/assets")
class AssetsController {

    private final TemplateRenderer templates;

    AssetsController(TemplateRenderer templates) {
        this.templates = templates;
    }

    @Get(value = "/site.css", produces = "text/css")
    HttpResponse<String> stylesheet() {
        return HttpResponse.ok(templates.render("pages/site.css", Map.of()))
                .header("Cache-Control", "public, max-age=3600");
    }
}
