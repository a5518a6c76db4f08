package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.WireValue;

/** How a secret is handed to a service. */
public enum SecretType implements WireValue {
    ENV("env"),
    FILE("file"),
    REGISTRY("registry"),
    TLS("tls");

    private final String wire;

    SecretType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static SecretType fromWire(String text) {
        return WireValue.parse(SecretType.class, text, "secretType");
    }
}
