package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One span of a distributed trace, as an agent reported it. Append-only history: no id of the store's own and no
 * version; {@code (traceId, spanId)} is the tracer's identity and is not checked for uniqueness (a span reported twice
 * is stored twice). Immutable; build new ones with {@link #builder()}.
 *
 * @param tenantId the tenant the span belongs to; the only tenant that can read or purge it
 * @param instanceId the instance that recorded it; the instance need not exist (agents report late)
 * @param traceId the trace it is part of; required, at most 255 characters
 * @param spanId its id within the trace; required, at most 255 characters
 * @param parentId the parent span's id; {@code ""} for a root span
 * @param operation what it timed, e.g. {@code GET /health}; required, at most 255 characters
 * @param duration how long it took; not negative, truncated to microseconds
 * @param status outcome as free text, e.g. {@code ok} or {@code error}; {@code ""} for unset
 * @param attributes tags of the span; an unmodifiable copy
 * @param timestamp when it started (event time, given by the caller), truncated to microseconds, years 1 to 9999
 */
public record Span(TenantId tenantId, InstanceId instanceId, String traceId, String spanId, String parentId,
        String operation, Duration duration, String status, Map<String, String> attributes, Instant timestamp) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed, out of
     *     range or too long, e.g. {@code span.traceId}
     */
    public Span {
        Checks.notNull(tenantId, "span.tenantId");
        Checks.notNull(instanceId, "span.instanceId");
        traceId = Checks.text(traceId, "span.traceId", Checks.SHORT_TEXT);
        spanId = Checks.text(spanId, "span.spanId", Checks.SHORT_TEXT);
        parentId = Checks.optionalText(parentId, "span.parentId", Checks.SHORT_TEXT);
        operation = Checks.text(operation, "span.operation", Checks.SHORT_TEXT);
        duration = Durations.nonNegative(duration, "span.duration");
        status = Checks.optionalText(status, "span.status", Checks.SHORT_TEXT);
        attributes = Checks.stringMap(attributes, "span.attributes");
        timestamp = Numbers.eventTime(timestamp, "span.timestamp");
    }

    /** Whether this span has no parent. */
    public boolean isRoot() {
        return parentId.isEmpty();
    }

    /**
     * A builder for a root span of zero duration with no status or attributes; tenant, instance, trace id, span id,
     * operation and time required.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this span's values, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Span} values. */
    public static final class Builder {
        private TenantId tenantId;
        private InstanceId instanceId;
        private String traceId;
        private String spanId;
        private String parentId = "";
        private String operation;
        private Duration duration = Duration.ZERO;
        private String status = "";
        private Map<String, String> attributes = Map.of();
        private Instant timestamp;

        private Builder() {
        }

        private Builder(Span s) {
            tenantId = s.tenantId;
            instanceId = s.instanceId;
            traceId = s.traceId;
            spanId = s.spanId;
            parentId = s.parentId;
            operation = s.operation;
            duration = s.duration;
            status = s.status;
            attributes = s.attributes;
            timestamp = s.timestamp;
        }

        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder traceId(String v) { traceId = v; return this; }
        public Builder spanId(String v) { spanId = v; return this; }
        public Builder parentId(String v) { parentId = v; return this; }
        public Builder operation(String v) { operation = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder status(String v) { status = v; return this; }
        public Builder attributes(Map<String, String> v) { attributes = v; return this; }
        public Builder timestamp(Instant v) { timestamp = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public Span build() {
            return new Span(tenantId, instanceId, traceId, spanId, parentId, operation, duration, status, attributes,
                    timestamp);
        }
    }
}
