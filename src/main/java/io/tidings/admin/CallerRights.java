package io.tidings.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;

import java.util.Set;

/**
 * The rights of the operator or API key behind a request: the roles of its Micronaut Security
 * authentication. A request without one holds none (no console route admits one).
 */
public final class CallerRights {

    private CallerRights() {
    }

    public static Set<String> of(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(authentication -> Set.copyOf(authentication.getRoles()))
                .orElse(Set.of());
    }

    public static boolean holds(HttpRequest<?> request, String right) {
        return of(request).contains(right);
    }
}
