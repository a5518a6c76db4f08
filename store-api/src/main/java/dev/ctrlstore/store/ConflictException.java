package dev.ctrlstore.store;

import dev.ctrlstore.store.id.TenantId;

/**
 * Optimistic concurrency failed: the update was based on a version that is no longer the stored one, because
 * someone else changed the resource in between. Nothing was written; re-read, re-apply and try again.
 */
public final class ConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long expectedVersion;
    private final long actualVersion;

    public ConflictException(TenantId tenantId, ResourceKind resource, String id, long expectedVersion,
            long actualVersion) {
        super(resource.label() + " " + id + inTenant(tenantId) + " was changed concurrently: the update was based on"
                + " version " + expectedVersion + " but the stored version is " + actualVersion
                + "; re-read the " + resource.label() + ", apply the change again and retry",
                tenantId, resource, id, null);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** The version the rejected update carried. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version stored when the update was rejected. */
    public long actualVersion() {
        return actualVersion;
    }
}
