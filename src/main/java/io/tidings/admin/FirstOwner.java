package io.tidings.admin;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.runtime.event.annotation.EventListener;
import io.tidings.core.SiteConfig;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, makes sure someone can sign in: an owner from {@code ADMIN_EMAIL}/{@code ADMIN_PASSWORD}
 * when no operator has that address, or, with no operator at all and no password given, a one-time
 * set-up link in the log.
 */
@Singleton
class FirstOwner {

    private static final Logger LOG = LoggerFactory.getLogger(FirstOwner.class);
    private final Operators operators;
    private final OperatorRepository repository;
    private final OperatorLinks links;
    private final SiteConfig site;
    private final String email;
    private final String password;

    FirstOwner(Operators operators, OperatorRepository repository, OperatorLinks links, SiteConfig site,
               @Value("${tidings.admin-email:}") String email, @Value("${tidings.admin-password:}") String password) {
        this.operators = operators;
        this.repository = repository;
        this.links = links;
        this.site = site;
        this.email = Operators.normalized(email);
        this.password = password;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!email.isEmpty() && !password.isEmpty()) {
            if (repository.findByEmail(email).isEmpty()) {
                String problem = Passwords.problem(password);
                if (problem != null) {
                    throw new IllegalStateException("ADMIN_PASSWORD: " + problem);
                }
                try {
                    operators.create(email, email, Rights.Role.OWNER, password);
                    LOG.info("Created the owner {} from ADMIN_EMAIL and ADMIN_PASSWORD", email);
                } catch (DataAccessException raced) {
                    // Another instance starting at the same moment made them first (the address is unique).
                    if (repository.findByEmail(email).isEmpty()) {
                        throw raced;
                    }
                }
            }
            return;
        }
        if (!operators.any()) {
            String token = links.issue(OperatorLink.Purpose.SETUP);
            LOG.warn("No operator yet: set up the first owner at {}{}?token={} (single use; it expires)",
                    site.publicBaseUrl(), SetupController.PATH, token);
        }
    }
}
