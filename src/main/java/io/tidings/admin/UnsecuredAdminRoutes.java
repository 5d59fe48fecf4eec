package io.tidings.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * An /admin route that names no right with {@code @Secured} is shut to everyone, so a route that forgot
 * its rule fails closed. Requests that match no route (404, 405, 415) are left to the router's answer.
 */
@Singleton
class UnsecuredAdminRoutes implements SecurityRule<HttpRequest<?>> {

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        boolean unsecured = AdminPaths.covers(request) && RouteAttributes.getRouteMatch(request)
                .filter(route -> !route.getAnnotationMetadata().hasStereotype(Secured.class)).isPresent();
        return Mono.just(unsecured ? SecurityRuleResult.REJECTED : SecurityRuleResult.UNKNOWN);
    }

    /** Right after the @Secured rule, before the URL map that opens the reader side. */
    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER + 1;
    }
}
