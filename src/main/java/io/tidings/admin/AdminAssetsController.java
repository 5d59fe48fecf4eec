package io.tidings.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.tidings.mail.TemplateRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The dashboard's stylesheet, from the templates folder like the reader pages' one, and its script,
 * which is code rather than a template and so ships in the jar. Open, as the sign-in page uses them.
 */
@Controller("/assets/admin")
class AdminAssetsController {

    private static final String CACHE = "public, max-age=3600";
    private final TemplateRenderer templates;
    private final String script;

    AdminAssetsController(TemplateRenderer templates) {
        this.templates = templates;
        try (InputStream in = AdminAssetsController.class.getResourceAsStream("/assets/admin.js")) {
            this.script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(value = "/admin.css", produces = "text/css")
    HttpResponse<String> stylesheet() {
        return HttpResponse.ok(templates.render("pages/admin/admin.css", Map.of())).header("Cache-Control", CACHE);
    }

    @Get(value = "/admin.js", produces = "text/javascript")
    HttpResponse<String> script() {
        return HttpResponse.ok(script).header("Cache-Control", CACHE);
    }
}
