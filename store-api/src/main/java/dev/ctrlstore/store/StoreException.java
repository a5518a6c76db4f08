package dev.ctrlstore.store;

import dev.ctrlstore.store.id.TenantId;

/**
 * Root of every error a {@link Store} throws. Subtypes name the situation, not the driver: no {@code SQLException}
 * or driver exception crosses the API. Each carries the tenant, the kind of resource and its id as fields, so
 * callers (and the HTTP layer) decide by type and fields, never by parsing the message.
 */
public abstract class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TenantId tenantId;
    private final ResourceKind resource;
    private final String id;

    protected StoreException(String message, TenantId tenantId, ResourceKind resource, String id, Throwable cause) {
        super(message, cause);
        this.tenantId = tenantId;
        this.resource = resource;
        this.id = id;
    }

    /** The tenant the operation was scoped to; null for operations that are not tenant-scoped (the tenant registry). */
    public TenantId tenantId() {
        return tenantId;
    }

    /** The kind of resource concerned; null when the error is about an argument that belongs to none. */
    public ResourceKind resource() {
        return resource;
    }

    /** The id or natural key (slug, key, hostname) concerned, as text; null when there is none. */
    public String id() {
        return id;
    }

    /** Whether the same call may succeed if simply tried again. Only {@link StoreUnavailableException} says yes. */
    public boolean isRetryable() {
        return false;
    }

    static String inTenant(TenantId tenantId) {
        return tenantId == null ? "" : " in tenant " + tenantId;
    }
}
