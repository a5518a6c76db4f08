package dev.ctrlstore.store;

import dev.ctrlstore.store.id.TenantId;

/**
 * The resource does not exist in the tenant. A resource of another tenant is reported exactly like a missing one, so
 * a caller cannot learn that an id exists elsewhere.
 */
public final class NotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param tenantId the caller's tenant; null for lookups that are not tenant-scoped */
    public NotFoundException(TenantId tenantId, ResourceKind resource, String id) {
        super(message(tenantId, resource, id), tenantId, resource, id, null);
    }

    private static String message(TenantId tenantId, ResourceKind resource, String id) {
        if (tenantId == null || (resource == ResourceKind.TENANT && tenantId.value().equals(id))) {
            return resource.label() + " " + id + " not found (it may have been deleted)";
        }
        return resource.label() + " " + id + " not found in tenant " + tenantId
                + " (it may belong to another tenant or have been deleted)";
    }
}
