package dev.ctrlstore.store.health;

import dev.ctrlstore.store.internal.Durations;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;

import java.time.Duration;
import java.time.Instant;

/**
 * A probe a checker runs against one service of an instance, every {@code interval}. Its outcomes are stored as
 * {@link HealthResult}s. Immutable; build new ones with {@link #builder()} and changed copies with
 * {@link #toBuilder()}. Every component is persisted by every backend.
 *
 * @param id the check's id
 * @param tenantId the owning tenant (the instance's tenant)
 * @param instanceId the instance it probes; fixed for the life of the check
 * @param serviceName the service of the instance it probes, a DNS label; {@code ""} for the main service
 * @param name display name, required, at most 255 characters
 * @param type how the target is probed
 * @param target what is probed: a URL, {@code host:port} or a command line, per {@code type}; {@code ""} for none;
 *     at most 1 MiB characters
 * @param interval time between probes, not negative, kept to microseconds
 * @param timeout time one probe may take, not negative, kept to microseconds
 * @param retries failed probes in a row before the service counts as unhealthy, not negative
 * @param enabled whether the checker runs it
 * @param createdAt set by the store on insert; null while {@code version} is 0
 * @param updatedAt set by the store on every write; null while {@code version} is 0
 * @param version 0 for a check never stored; the store sets 1 on insert and adds 1 on every update
 */
public record HealthCheck(HealthCheckId id, TenantId tenantId, InstanceId instanceId, String serviceName,
        String name, CheckType type, String target, Duration interval, Duration timeout, int retries,
        boolean enabled, Instant createdAt, Instant updatedAt, long version) {
    /** The interval a new check gets from {@link #builder()}: 30 seconds. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** The timeout a new check gets from {@link #builder()}: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The retries a new check gets from {@link #builder()}. */
    public static final int DEFAULT_RETRIES = 3;

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field ({@code check.<component>}) that
     *     is missing, malformed, negative or too long
     */
    public HealthCheck {
        Checks.notNull(id, "check.id");
        Checks.notNull(tenantId, "check.tenantId");
        Checks.notNull(instanceId, "check.instanceId");
        serviceName = serviceName == null || serviceName.isEmpty() ? "" : Checks.slug(serviceName, "check.serviceName");
        name = Checks.text(name, "check.name", Checks.SHORT_TEXT);
        Checks.notNull(type, "check.type");
        target = Checks.optionalText(target, "check.target", Checks.LONG_TEXT);
        interval = Durations.nonNegative(interval, "check.interval");
        timeout = Durations.nonNegative(timeout, "check.timeout");
        Checks.nonNegative(retries, "check.retries");
        createdAt = Times.micros(createdAt, "check.createdAt");
        updatedAt = Times.micros(updatedAt, "check.updatedAt");
        Versions.check(version, createdAt, updatedAt, "check");
    }

    /**
     * A builder for a new check: a fresh id, main service, no target, interval {@link #DEFAULT_INTERVAL}, timeout
     * {@link #DEFAULT_TIMEOUT}, {@link #DEFAULT_RETRIES} retries, enabled, version 0.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this check's values, for a changed copy (keep the version for optimistic updates). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link HealthCheck} values; {@code tenantId}, {@code instanceId}, {@code name} and {@code type} are
     * required.
     */
    public static final class Builder {
        private HealthCheckId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private InstanceId instanceId;
        private String serviceName = "";
        private String name;
        private CheckType type;
        private String target = "";
        private Duration interval = DEFAULT_INTERVAL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int retries = DEFAULT_RETRIES;
        private boolean enabled = true;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(HealthCheck c) {
            id = c.id;
            newId = false;
            tenantId = c.tenantId;
            instanceId = c.instanceId;
            serviceName = c.serviceName;
            name = c.name;
            type = c.type;
            target = c.target;
            interval = c.interval;
            timeout = c.timeout;
            retries = c.retries;
            enabled = c.enabled;
            createdAt = c.createdAt;
            updatedAt = c.updatedAt;
            version = c.version;
        }

        public Builder id(HealthCheckId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder serviceName(String v) { serviceName = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder type(CheckType v) { type = v; return this; }
        public Builder target(String v) { target = v; return this; }
        public Builder interval(Duration v) { interval = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder retries(int v) { retries = v; return this; }
        public Builder enabled(boolean v) { enabled = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder version(long v) { version = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public HealthCheck build() {
            if (newId) {
                id = HealthCheckId.generate();
                newId = false;
            }
            return new HealthCheck(id, tenantId, instanceId, serviceName, name, type, target, interval, timeout,
                    retries, enabled, createdAt, updatedAt, version);
        }
    }
}
