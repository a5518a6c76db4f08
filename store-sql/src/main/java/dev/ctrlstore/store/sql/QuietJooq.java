package dev.ctrlstore.store.sql;

/**
 * Keeps jOOQ out of an application's log: on first use it prints a logo, a tip and, at INFO, the server's version.
 * Its switches are JVM-wide system properties, so only those the application has not set are set; a version
 * mismatch still logs its WARN.
 */
final class QuietJooq {
    static {
        System.getProperties().putIfAbsent("org.jooq.no-logo", "true");
        System.getProperties().putIfAbsent("org.jooq.no-tips", "true");
        System.getProperties().putIfAbsent("org.jooq.log.org.jooq.impl.DefaultExecuteContext.logVersionSupport",
                "WARN");
    }

    private QuietJooq() {
    }

    /** Sets the properties, once, before the caller's first jOOQ query. */
    static void init() {
        // The work is in the static initializer, which the JVM runs once.
    }
}
