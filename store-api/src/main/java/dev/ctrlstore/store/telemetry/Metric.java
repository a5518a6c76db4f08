package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;

import java.time.Instant;
import java.util.Map;

/**
 * One sample of a named metric of an instance, as an agent reported it. Append-only history: no id, no version.
 * Immutable; build new ones with {@link #builder()}.
 *
 * @param tenantId the tenant the sample belongs to; the only tenant that can read or purge it
 * @param instanceId the instance it describes; the instance need not exist (agents report late)
 * @param name metric name, e.g. {@code http_requests_total}; required, at most 255 characters
 * @param type how to read the value
 * @param value the sample; finite ({@code -0.0} is kept as {@code 0.0})
 * @param labels dimensions of the sample; an unmodifiable copy; keys and values at most 255 characters
 * @param timestamp when it was measured (event time, given by the caller), truncated to microseconds, years 1 to 9999
 */
public record Metric(TenantId tenantId, InstanceId instanceId, String name, MetricType type, double value,
        Map<String, String> labels, Instant timestamp) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed, out of
     *     range or too long, e.g. {@code metric.name}
     */
    public Metric {
        Checks.notNull(tenantId, "metric.tenantId");
        Checks.notNull(instanceId, "metric.instanceId");
        name = Checks.text(name, "metric.name", Checks.SHORT_TEXT);
        Checks.notNull(type, "metric.type");
        value = Numbers.finite(value, "metric.value");
        labels = Checks.labels(labels, "metric.labels");
        timestamp = Numbers.eventTime(timestamp, "metric.timestamp");
    }

    /** A builder for a sample: type {@code gauge}, value 0, no labels; tenant, instance, name and time required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this sample's values, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Metric} values; {@code tenantId}, {@code instanceId}, {@code name}, {@code timestamp} required. */
    public static final class Builder {
        private TenantId tenantId;
        private InstanceId instanceId;
        private String name;
        private MetricType type = MetricType.GAUGE;
        private double value;
        private Map<String, String> labels = Map.of();
        private Instant timestamp;

        private Builder() {
        }

        private Builder(Metric m) {
            tenantId = m.tenantId;
            instanceId = m.instanceId;
            name = m.name;
            type = m.type;
            value = m.value;
            labels = m.labels;
            timestamp = m.timestamp;
        }

        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder type(MetricType v) { type = v; return this; }
        public Builder value(double v) { value = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder timestamp(Instant v) { timestamp = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public Metric build() {
            return new Metric(tenantId, instanceId, name, type, value, labels, timestamp);
        }
    }
}
