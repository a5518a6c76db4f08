package dev.ctrlstore.store;

import dev.ctrlstore.store.id.TenantId;

/**
 * An insert would duplicate a unique key: the id itself, or a natural key such as a slug within a tenant. Nothing
 * was written.
 */
public final class AlreadyExistsException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    /**
     * @param id the id of the rejected resource
     * @param field the unique key that collided, e.g. {@code id}, {@code slug}, {@code version}
     * @param value the colliding value of that key
     */
    public AlreadyExistsException(TenantId tenantId, ResourceKind resource, String id, String field, String value) {
        super(resource.label() + " with " + field + " \"" + value + "\" already exists" + inTenant(tenantId)
                + "; " + ("id".equals(field) ? "generate a new id" : "choose another " + field)
                + " or update the existing " + resource.label(),
                tenantId, resource, id, null);
        this.field = field;
        this.value = value;
    }

    /** The unique key that collided, e.g. {@code id}, {@code slug}, {@code version}. */
    public String field() {
        return field;
    }

    /** The colliding value of {@link #field()}. */
    public String value() {
        return value;
    }
}
