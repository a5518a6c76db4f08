package dev.ctrlstore.store.admin;

import dev.ctrlstore.store.WireValue;

/**
 * Standing of a tenant. Stores accept any status and enforce nothing by it; a service layer decides what a suspended
 * tenant may do. {@link #DELETED} marks a soft-deleted tenant; {@link AdminStore#deleteTenant} removes the row instead.
 */
public enum TenantStatus implements WireValue {
    ACTIVE("active"),
    SUSPENDED("suspended"),
    DELETED("deleted");

    private final String wire;

    TenantStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static TenantStatus fromWire(String text) {
        return WireValue.parse(TenantStatus.class, text, "tenantStatus");
    }
}
