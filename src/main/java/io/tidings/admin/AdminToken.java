package io.tidings.admin;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.tidings.core.Secret;
import io.tidings.core.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's bearer token: {@code ADMIN_TOKEN}, or a random one made at start and printed once,
 * so a fresh install is never open.
 */
@Context // made at start, so a generated token is printed before anyone needs it
class AdminToken {

    /** What ADMIN_TOKEN stands for: an API key with every right. */
    static final Caller CALLER = new Caller(null, null, Rights.ALL);
    /** Who a caller with the token is, in the audit log and wherever a name is shown. */
    public static final String NAME = "admin token";
    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    private final Secret secret;

    AdminToken(@Value("${tidings.admin-token:}") String configured) {
        this.secret = Secret.of(configured.isBlank() ? generated() : configured.strip());
    }

    private static String generated() {
        String token = Tokens.random();
        LOG.warn("ADMIN_TOKEN is not set; this run's admin token is {} (it is not shown again)", token);
        return token;
    }

    Secret secret() {
        return secret;
    }

    boolean matches(String presented) {
        return secret.matches(presented);
    }
}
