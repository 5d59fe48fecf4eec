package io.tidings.admin;

import java.util.HashSet;
import java.util.Set;

/**
 * What an operator or an API key may do. A right is also an API key scope, and it is what a route names in
 * {@code @Secured}: an authenticated caller holds the rights of their role (or their key's scopes).
 */
public final class Rights {

    /** Readers' addresses and data: lists, search, export, a reader's page, bounces. */
    public static final String SUBSCRIBERS_READ = "subscribers:read";
    /** Import, erase, resend a confirmation, restore bounced readers. */
    public static final String SUBSCRIBERS_WRITE = "subscribers:write";
    /** Articles, feeds and what the next digests would carry. */
    public static final String ARTICLES_READ = "articles:read";
    /** Load, edit and leave out articles; add, edit, remove and poll feeds. */
    public static final String ARTICLES_WRITE = "articles:write";
    /** Editions, their progress and previews. */
    public static final String EDITIONS_READ = "editions:read";
    /** Test, send, pause, resume and cancel editions. */
    public static final String EDITIONS_SEND = "editions:send";
    /** The overview, statistics and the service's health. */
    public static final String STATS_READ = "stats:read";
    /** The audit log. */
    public static final String AUDIT_READ = "audit:read";
    /** Operators, invitations and API keys. */
    public static final String OPERATORS_MANAGE = "operators:manage";

    public static final Set<String> ALL = Set.of(SUBSCRIBERS_READ, SUBSCRIBERS_WRITE, ARTICLES_READ,
            ARTICLES_WRITE, EDITIONS_READ, EDITIONS_SEND, STATS_READ, AUDIT_READ, OPERATORS_MANAGE);

    private Rights() {
    }

    /** An operator's role and the rights it carries. */
    public enum Role {
        OWNER(ALL),
        EDITOR(Set.of(SUBSCRIBERS_READ, ARTICLES_READ, ARTICLES_WRITE, EDITIONS_READ, EDITIONS_SEND, STATS_READ)),
        /** Reads only; a viewer sees readers' addresses only where the owner allowed it (see {@link #rights}). */
        VIEWER(Set.of(ARTICLES_READ, EDITIONS_READ, STATS_READ));

        private final Set<String> rights;

        Role(Set<String> rights) {
            this.rights = rights;
        }

        public Set<String> rights(boolean mayReadAddresses) {
            if (this != VIEWER || !mayReadAddresses) {
                return rights;
            }
            Set<String> withAddresses = new HashSet<>(rights);
            withAddresses.add(SUBSCRIBERS_READ);
            return Set.copyOf(withAddresses);
        }
    }
}
