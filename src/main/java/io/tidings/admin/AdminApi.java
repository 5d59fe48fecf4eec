package io.tidings.admin;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tidings.web.Problem;
import io.tidings.web.ProblemResponses;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operator controller in the API description: Micronaut Security guards its paths with an
 * API key, ADMIN_TOKEN or a console session ({@link BearerAuthentication}, {@link SessionAuthentication}),
 * answers neither with 401 problem+json (or, for a browser asking for a page, a redirect to the sign-in
 * page), a caller without the route's right with 403, and too many wrong tokens with 429 (web/AuthFailures).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ProblemResponses
@SecurityRequirement(name = AdminApi.SECURITY_SCHEME)
@SecurityRequirement(name = AdminApi.SESSION_SCHEME)
@ApiResponse(responseCode = "401", description = "No valid admin bearer token or session",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller's role or key lacks the right this route needs",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "429", description = "Too many wrong tokens from this address or for this key prefix; see Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface AdminApi {

    /** The bearer scheme declared on {@code io.tidings.Application}. */
    String SECURITY_SCHEME = "adminToken";

    /** The dashboard's session cookie, also declared on {@code io.tidings.Application}. */
    String SESSION_SCHEME = "adminSession";
}
