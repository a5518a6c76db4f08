package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.JsonValues;

import java.time.Instant;
import java.util.Map;

/**
 * One log line of an instance, as an agent reported it. Append-only history: no id, no version. Immutable; build new
 * ones with {@link #builder()}.
 *
 * @param tenantId the tenant the line belongs to; the only tenant that can read or purge it
 * @param instanceId the instance that logged it; the instance need not exist (agents report late)
 * @param level severity as free text, e.g. {@code info} or {@code WARN}; required, at most 255 characters, matched
 *     exactly by {@link LogQuery#level()}
 * @param message the text; {@code ""} for none; at most 1,048,576 characters
 * @param fields structured fields as a JSON object: a deep unmodifiable copy whose numbers are {@link Long} (integers)
 *     or {@link Double}, as they read back from every backend
 * @param source where it came from, e.g. {@code stdout} or a service name; {@code ""} for unknown
 * @param timestamp when it was logged (event time, given by the caller), truncated to microseconds, years 1 to 9999
 */
public record LogEntry(TenantId tenantId, InstanceId instanceId, String level, String message,
        Map<String, Object> fields, String source, Instant timestamp) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed, out of
     *     range or too long, e.g. {@code logEntry.level}
     */
    public LogEntry {
        Checks.notNull(tenantId, "logEntry.tenantId");
        Checks.notNull(instanceId, "logEntry.instanceId");
        level = Checks.text(level, "logEntry.level", Checks.SHORT_TEXT);
        message = Checks.optionalText(message, "logEntry.message", Checks.LONG_TEXT);
        fields = JsonValues.document(fields, "logEntry.fields");
        source = Checks.optionalText(source, "logEntry.source", Checks.SHORT_TEXT);
        timestamp = Numbers.eventTime(timestamp, "logEntry.timestamp");
    }

    /** A builder for a log line: no message, fields or source; tenant, instance, level and time required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this line's values, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link LogEntry} values; {@code tenantId}, {@code instanceId}, {@code level} and time required. */
    public static final class Builder {
        private TenantId tenantId;
        private InstanceId instanceId;
        private String level;
        private String message = "";
        private Map<String, Object> fields = Map.of();
        private String source = "";
        private Instant timestamp;

        private Builder() {
        }

        private Builder(LogEntry e) {
            tenantId = e.tenantId;
            instanceId = e.instanceId;
            level = e.level;
            message = e.message;
            fields = e.fields;
            source = e.source;
            timestamp = e.timestamp;
        }

        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder level(String v) { level = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder fields(Map<String, Object> v) { fields = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder timestamp(Instant v) { timestamp = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public LogEntry build() {
            return new LogEntry(tenantId, instanceId, level, message, fields, source, timestamp);
        }
    }
}
