package dev.ctrlstore.store.health;

import dev.ctrlstore.store.WireValue;

/** How a {@link HealthCheck} probes its target; decides what {@link HealthCheck#target()} holds. */
public enum CheckType implements WireValue {
    /** An HTTP request; the target is a URL. */
    HTTP("http"),
    /** A TCP connect; the target is {@code host:port}. */
    TCP("tcp"),
    /** The gRPC health protocol; the target is {@code host:port}. */
    GRPC("grpc"),
    /** A command run in the service's container; the target is the command line. */
    COMMAND("command"),
    /** A checker-specific probe; the target is whatever that checker reads. */
    CUSTOM("custom");

    private final String wire;

    CheckType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static CheckType fromWire(String text) {
        return WireValue.parse(CheckType.class, text, "checkType");
    }
}
