package io.tidings.core;

/**
 * What differs between the databases the service runs on, in the manner of db-scheduler's
 * {@code JdbcCustomization}: one implementation for PostgreSQL and one for H2, picked once at start
 * by {@link DatabaseFactory}. Nothing else asks which database this is; a caller asks for a
 * capability, and keeps the statements of its own tables for each answer.
 */
public interface Database {

    /**
     * Whether due rows can be locked skipping those other transactions hold, and leased and returned
     * in the same statement ({@code FOR UPDATE SKIP LOCKED}, {@code UPDATE ... RETURNING}). Without it
     * a claim reads ids unlocked and a fenced update re-checks each row: safe, but claimers collide.
     */
    boolean skipsLockedRows();

    /**
     * Whether one statement can insert or update many rows from arrays bound as parameters ({@code unnest})
     * and return the rows it wrote. Without it, a JDBC batch of one statement a row, or a list of values.
     */
    boolean updatesFromArrays();

    /**
     * A call to select, in a statement of its own or among others, that lets the transaction it runs in
     * commit without waiting for the disk; empty where the database has no such setting.
     */
    String commitWithoutFlush();

    /**
     * Whether many instances of the service may share this database, so that what is counted in one
     * instance's memory (a throttle) undercounts. PostgreSQL: yes; embedded H2 serves one instance.
     */
    boolean sharedByInstances();

    /** The product and version the connection reported at start, such as {@code PostgreSQL 15.8}, for the health document. */
    String description();

    /** Brings the planner's statistics of a table up to date after a large change; nothing where none are kept. */
    void refreshStatistics(String table);
}
