package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who an authenticated request comes from, as kept in its Micronaut Security {@link Authentication}:
 * its roles are the caller's rights.
 *
 * @param operatorId the operator signed in, or whose key this is; null for ADMIN_TOKEN and its keys
 * @param apiKeyId   the API key used, or null
 */
record Caller(@Nullable Long operatorId, @Nullable Long apiKeyId, Set<String> rights) {

    private static final String OPERATOR = "operatorId";
    private static final String API_KEY = "apiKeyId";

    Authentication authentication(String name) {
        Map<String, Object> attributes = new HashMap<>();
        if (operatorId != null) {
            attributes.put(OPERATOR, operatorId);
        }
        if (apiKeyId != null) {
            attributes.put(API_KEY, apiKeyId);
        }
        return Authentication.build(name, rights, attributes);
    }

    static Caller of(Authentication authentication) {
        return new Caller(number(authentication.getAttributes().get(OPERATOR)),
                number(authentication.getAttributes().get(API_KEY)), Set.copyOf(authentication.getRoles()));
    }

    @Nullable
    private static Long number(@Nullable Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
