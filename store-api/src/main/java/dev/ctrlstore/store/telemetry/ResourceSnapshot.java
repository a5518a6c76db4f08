package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;

import java.time.Instant;

/**
 * The resources an instance used at one moment, as an agent reported them. Append-only history: no id, no version.
 * Immutable; build new ones with {@link #builder()}. Every amount is finite and not negative ({@code -0.0} is kept
 * as {@code 0.0}).
 *
 * @param tenantId the tenant the snapshot belongs to; the only tenant that can read or purge it
 * @param instanceId the instance it describes; the instance need not exist (agents report late)
 * @param cpuPercent CPU in use, in percent of one core (so above 100 on several cores)
 * @param memoryUsedMb memory in use, MiB
 * @param memoryLimitMb memory limit, MiB; 0 for none
 * @param diskUsedMb disk in use, MiB
 * @param networkInMb data received since the previous snapshot, MiB
 * @param networkOutMb data sent since the previous snapshot, MiB
 * @param timestamp when it was measured (event time, given by the caller), truncated to microseconds, years 1 to 9999
 */
public record ResourceSnapshot(TenantId tenantId, InstanceId instanceId, double cpuPercent, long memoryUsedMb,
        long memoryLimitMb, long diskUsedMb, double networkInMb, double networkOutMb, Instant timestamp) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, negative or not
     *     finite, e.g. {@code resourceSnapshot.cpuPercent}
     */
    public ResourceSnapshot {
        Checks.notNull(tenantId, "resourceSnapshot.tenantId");
        Checks.notNull(instanceId, "resourceSnapshot.instanceId");
        cpuPercent = Numbers.finiteNonNegative(cpuPercent, "resourceSnapshot.cpuPercent");
        Checks.nonNegative(memoryUsedMb, "resourceSnapshot.memoryUsedMb");
        Checks.nonNegative(memoryLimitMb, "resourceSnapshot.memoryLimitMb");
        Checks.nonNegative(diskUsedMb, "resourceSnapshot.diskUsedMb");
        networkInMb = Numbers.finiteNonNegative(networkInMb, "resourceSnapshot.networkInMb");
        networkOutMb = Numbers.finiteNonNegative(networkOutMb, "resourceSnapshot.networkOutMb");
        timestamp = Numbers.eventTime(timestamp, "resourceSnapshot.timestamp");
    }

    /** A builder for a snapshot with every amount 0; tenant, instance and time required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this snapshot's values, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ResourceSnapshot} values; {@code tenantId}, {@code instanceId}, {@code timestamp} required. */
    public static final class Builder {
        private TenantId tenantId;
        private InstanceId instanceId;
        private double cpuPercent;
        private long memoryUsedMb;
        private long memoryLimitMb;
        private long diskUsedMb;
        private double networkInMb;
        private double networkOutMb;
        private Instant timestamp;

        private Builder() {
        }

        private Builder(ResourceSnapshot s) {
            tenantId = s.tenantId;
            instanceId = s.instanceId;
            cpuPercent = s.cpuPercent;
            memoryUsedMb = s.memoryUsedMb;
            memoryLimitMb = s.memoryLimitMb;
            diskUsedMb = s.diskUsedMb;
            networkInMb = s.networkInMb;
            networkOutMb = s.networkOutMb;
            timestamp = s.timestamp;
        }

        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder cpuPercent(double v) { cpuPercent = v; return this; }
        public Builder memoryUsedMb(long v) { memoryUsedMb = v; return this; }
        public Builder memoryLimitMb(long v) { memoryLimitMb = v; return this; }
        public Builder diskUsedMb(long v) { diskUsedMb = v; return this; }
        public Builder networkInMb(double v) { networkInMb = v; return this; }
        public Builder networkOutMb(double v) { networkOutMb = v; return this; }
        public Builder timestamp(Instant v) { timestamp = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public ResourceSnapshot build() {
            return new ResourceSnapshot(tenantId, instanceId, cpuPercent, memoryUsedMb, memoryLimitMb, diskUsedMb,
                    networkInMb, networkOutMb, timestamp);
        }
    }
}
