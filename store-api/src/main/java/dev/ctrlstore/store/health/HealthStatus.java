package dev.ctrlstore.store.health;

import dev.ctrlstore.store.WireValue;

/** The outcome of one probe of a {@link HealthCheck}, as recorded in a {@link HealthResult}. */
public enum HealthStatus implements WireValue {
    /** The target answered as expected. */
    HEALTHY("healthy"),
    /** The target answered, but slowly or only partly as expected. */
    DEGRADED("degraded"),
    /** The target did not answer, or answered with a failure. */
    UNHEALTHY("unhealthy"),
    /** The probe could not decide (not run yet, checker error). */
    UNKNOWN("unknown");

    private final String wire;

    HealthStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static HealthStatus fromWire(String text) {
        return WireValue.parse(HealthStatus.class, text, "status");
    }
}
