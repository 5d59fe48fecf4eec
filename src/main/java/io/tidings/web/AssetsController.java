package io.tidings.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.mail.TemplateRenderer;

import java.util.Map;

/** The pages' one stylesheet, served from the templates folder so operators restyle it there. */
@Tag(name = "Reader pages")
@Controller("/assets")
class AssetsController {

    private final TemplateRenderer templates;

    AssetsController(TemplateRenderer templates) {
        this.templates = templates;
    }

    /** The pages' stylesheet. */
    @Get(value = "/site.css", produces = "text/css")
    HttpResponse<String> stylesheet() {
        return HttpResponse.ok(templates.render("pages/site.css", Map.of()))
                .header("Cache-Control", "public, max-age=3600");
    }
}
