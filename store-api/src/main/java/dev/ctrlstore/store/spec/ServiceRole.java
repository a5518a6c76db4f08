package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.WireValue;

/** The role of a service within an instance. */
public enum ServiceRole implements WireValue {
    MAIN("main"),
    SIDECAR("sidecar"),
    INIT("init");

    private final String wire;

    ServiceRole(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static ServiceRole fromWire(String text) {
        return WireValue.parse(ServiceRole.class, text, "serviceRole");
    }
}
