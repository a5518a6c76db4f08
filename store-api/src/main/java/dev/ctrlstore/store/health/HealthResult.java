package dev.ctrlstore.store.health;

import dev.ctrlstore.store.internal.Durations;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.HealthResultId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one probe of a {@link HealthCheck}. Append-only history: never updated, so it has no version and no
 * store-assigned timestamps; {@code checkedAt} is the event time the checker gives. Immutable; build with
 * {@link #builder()}, which generates the id.
 *
 * @param id the result's id
 * @param tenantId the owning tenant (the check's tenant)
 * @param checkId the check that was probed
 * @param instanceId the check's instance (must equal {@link HealthCheck#instanceId()})
 * @param status the outcome
 * @param latency how long the probe took, not negative, kept to microseconds
 * @param message detail from the probe; {@code ""} for none; at most 1 MiB characters
 * @param statusCode the HTTP status of an {@code http} check, 0 to 999; 0 for none
 * @param checkedAt when the probe ran, given by the caller, kept to microseconds
 */
public record HealthResult(HealthResultId id, TenantId tenantId, HealthCheckId checkId, InstanceId instanceId,
        HealthStatus status, Duration latency, String message, int statusCode, Instant checkedAt) {
    /** The largest {@link #statusCode()}. */
    public static final int MAX_STATUS_CODE = 999;

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field ({@code result.<component>}) that
     *     is missing, negative, out of range or too long
     */
    public HealthResult {
        Checks.notNull(id, "result.id");
        Checks.notNull(tenantId, "result.tenantId");
        Checks.notNull(checkId, "result.checkId");
        Checks.notNull(instanceId, "result.instanceId");
        Checks.notNull(status, "result.status");
        latency = Durations.nonNegative(latency, "result.latency");
        message = Checks.optionalText(message, "result.message", Checks.LONG_TEXT);
        Checks.range(statusCode, 0, MAX_STATUS_CODE, "result.statusCode");
        checkedAt = Times.required(checkedAt, "result.checkedAt");
    }

    /**
     * A builder for a new result: a fresh id, latency zero, no message, status code 0. {@code tenantId},
     * {@code checkId}, {@code instanceId} (or all three via {@link Builder#check(HealthCheck)}), {@code status} and
     * {@code checkedAt} are required.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this result's values, id included. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link HealthResult} values. */
    public static final class Builder {
        private HealthResultId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private HealthCheckId checkId;
        private InstanceId instanceId;
        private HealthStatus status;
        private Duration latency = Duration.ZERO;
        private String message = "";
        private int statusCode;
        private Instant checkedAt;

        private Builder() {
        }

        private Builder(HealthResult r) {
            id = r.id;
            newId = false;
            tenantId = r.tenantId;
            checkId = r.checkId;
            instanceId = r.instanceId;
            status = r.status;
            latency = r.latency;
            message = r.message;
            statusCode = r.statusCode;
            checkedAt = r.checkedAt;
        }

        /** Sets {@code tenantId}, {@code checkId} and {@code instanceId} from the check that was probed. */
        public Builder check(HealthCheck c) {
            Checks.notNull(c, "check");
            tenantId = c.tenantId();
            checkId = c.id();
            instanceId = c.instanceId();
            return this;
        }

        public Builder id(HealthResultId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder checkId(HealthCheckId v) { checkId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder status(HealthStatus v) { status = v; return this; }
        public Builder latency(Duration v) { latency = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder statusCode(int v) { statusCode = v; return this; }
        public Builder checkedAt(Instant v) { checkedAt = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public HealthResult build() {
            if (newId) {
                id = HealthResultId.generate();
                newId = false;
            }
            return new HealthResult(id, tenantId, checkId, instanceId, status, latency, message, statusCode,
                    checkedAt);
        }
    }
}
