package dev.ctrlstore.store;

import dev.ctrlstore.store.id.TenantId;

/**
 * An argument is malformed or out of bounds: a null or blank tenant, an id of the wrong kind, a limit outside its
 * range, an oversized string, a cursor that no list produced. Thrown before anything is written. The message names
 * the field, the bound and the value received.
 */
public final class InvalidArgumentException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /** An argument error not tied to a stored resource. */
    public InvalidArgumentException(String field, String message) {
        this(field, message, null, null, null);
    }

    /** An argument error about a stored resource, e.g. an update that would move it to another parent. */
    public InvalidArgumentException(String field, String message, TenantId tenantId, ResourceKind resource, String id) {
        super(message, tenantId, resource, id, null);
        this.field = field;
    }

    /** The name of the offending parameter or record component, e.g. {@code limit} or {@code instance.name}. */
    public String field() {
        return field;
    }
}
