package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.WireValue;

/** How a metric's value is to be read. */
public enum MetricType implements WireValue {
    /** A value at a point in time (memory in use, queue length). */
    GAUGE("gauge"),
    /** A running total that only grows until its source restarts (requests served). */
    COUNTER("counter"),
    /** One observation of a distribution (a request's latency). */
    HISTOGRAM("histogram");

    private final String wire;

    MetricType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static MetricType fromWire(String text) {
        return WireValue.parse(MetricType.class, text, "metricType");
    }
}
