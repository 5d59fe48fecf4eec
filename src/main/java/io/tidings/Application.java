package io.tidings;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "Tidings", version = "${project.version}",
        description = "Reader pages and forms, the public subscription API, and the operator's API under /admin."))
@SecurityScheme(name = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "ADMIN_TOKEN, or the token printed at start when it is unset")
@SecurityScheme(name = "adminSession", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        paramName = "tidings_admin", description = "The dashboard's session after signing in at /admin/sign-in; "
        + "unsafe methods also need the session's CSRF token in the csrf form field or the X-CSRF-Token header")
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        // No banner: standard output carries log lines only (one JSON object each with LOG_FORMAT=json).
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
