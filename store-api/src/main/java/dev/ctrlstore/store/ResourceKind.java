package dev.ctrlstore.store;

/** The kinds of thing a store keeps; carried by every {@link StoreException} so callers need not parse messages. */
public enum ResourceKind {
    INSTANCE("instance"),
    DEPLOYMENT("deployment"),
    RELEASE("release"),
    HEALTH_CHECK("health check"),
    HEALTH_RESULT("health result"),
    METRIC("metric"),
    LOG_ENTRY("log entry"),
    TRACE("trace span"),
    RESOURCE_SNAPSHOT("resource snapshot"),
    DOMAIN("domain"),
    ROUTE("route"),
    CERTIFICATE("certificate"),
    SECRET("secret"),
    TENANT("tenant"),
    AUDIT_ENTRY("audit entry"),
    /** A family of control tables. */
    CONTROL_FAMILY("family"),
    /** A control table (a family's user-defined table). */
    CONTROL_TABLE("table"),
    /** A writer of control tables. */
    CONTROL_WRITER("writer"),
    /** The store itself (closed, unreachable). */
    STORE("store");

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    /** Lower-case words used in messages, e.g. {@code health check}. */
    public String label() {
        return label;
    }
}
