package dev.ctrlstore.store.deploy;

import dev.ctrlstore.store.id.DeploymentId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.spec.ServiceDeploySpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rollout of a release onto an instance, and how far it got. Immutable; build new ones with {@link #builder()}
 * and changed copies with {@link #toBuilder()}. The instance and the release are fixed when the deployment is
 * stored; everything else may change by update.
 *
 * @param id the deployment's id
 * @param tenantId the owning tenant
 * @param instanceId the instance being deployed to, an instance of the same tenant
 * @param releaseId the release being rolled out, a release of the same tenant and instance
 * @param state where the rollout stands
 * @param strategy how it rolls out, required, at most 255 characters; by convention {@code rolling},
 *     {@code blue-green}, {@code canary}, {@code recreate} (rollbacks) or {@code initial} (the synthetic first one)
 * @param services only the services this rollout changes
 * @param serviceProgress service name to that service's progress ({@code pending}, {@code running},
 *     {@code succeeded}, {@code failed} by convention)
 * @param providerRef the provider's handle for the rollout; {@code ""} for none
 * @param startedAt when the rollout started; empty before it starts
 * @param finishedAt when the rollout finished; empty while it has not
 * @param error what went wrong; {@code ""} for nothing
 * @param initiator the subject (user or service account id) that asked for it; {@code ""} for unknown
 * @param createdAt set by the store on insert; null while {@code version} is 0
 * @param updatedAt set by the store on every write; null while {@code version} is 0
 * @param version 0 for a deployment never stored; the store sets 1 on insert and adds 1 on every update
 */
public record Deployment(DeploymentId id, TenantId tenantId, InstanceId instanceId, ReleaseId releaseId,
        DeployState state, String strategy, List<ServiceDeploySpec> services, Map<String, String> serviceProgress,
        String providerRef, Optional<Instant> startedAt, Optional<Instant> finishedAt, String error,
        String initiator, Instant createdAt, Instant updatedAt, long version) {

    /** The strategy a new deployment gets when none is given. */
    public static final String DEFAULT_STRATEGY = "rolling";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed or
     *     too long
     */
    public Deployment {
        Checks.notNull(id, "deployment.id");
        Checks.notNull(tenantId, "deployment.tenantId");
        Checks.notNull(instanceId, "deployment.instanceId");
        Checks.notNull(releaseId, "deployment.releaseId");
        Checks.notNull(state, "deployment.state");
        strategy = Checks.text(strategy, "deployment.strategy", Checks.SHORT_TEXT);
        services = Checks.list(services, "deployment.services");
        serviceProgress = Checks.stringMap(serviceProgress, "deployment.serviceProgress");
        providerRef = Checks.optionalText(providerRef, "deployment.providerRef", Checks.LONG_TEXT);
        startedAt = Times.micros(startedAt, "deployment.startedAt");
        finishedAt = Times.micros(finishedAt, "deployment.finishedAt");
        error = Checks.optionalText(error, "deployment.error", Checks.LONG_TEXT);
        initiator = Checks.optionalText(initiator, "deployment.initiator", Checks.SHORT_TEXT);
        createdAt = Times.micros(createdAt, "deployment.createdAt");
        updatedAt = Times.micros(updatedAt, "deployment.updatedAt");
        Versions.check(version, createdAt, updatedAt, "deployment");
    }

    /**
     * A builder for a new deployment: a fresh id, state {@code pending}, strategy {@value #DEFAULT_STRATEGY},
     * version 0.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this deployment's values, for a changed copy (keep the version for optimistic updates). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Deployment} values; {@code tenantId}, {@code instanceId} and {@code releaseId} are required. */
    public static final class Builder {
        private DeploymentId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private InstanceId instanceId;
        private ReleaseId releaseId;
        private DeployState state = DeployState.PENDING;
        private String strategy = DEFAULT_STRATEGY;
        private List<ServiceDeploySpec> services = List.of();
        private Map<String, String> serviceProgress = Map.of();
        private String providerRef = "";
        private Optional<Instant> startedAt = Optional.empty();
        private Optional<Instant> finishedAt = Optional.empty();
        private String error = "";
        private String initiator = "";
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(Deployment d) {
            id = d.id;
            newId = false;
            tenantId = d.tenantId;
            instanceId = d.instanceId;
            releaseId = d.releaseId;
            state = d.state;
            strategy = d.strategy;
            services = d.services;
            serviceProgress = d.serviceProgress;
            providerRef = d.providerRef;
            startedAt = d.startedAt;
            finishedAt = d.finishedAt;
            error = d.error;
            initiator = d.initiator;
            createdAt = d.createdAt;
            updatedAt = d.updatedAt;
            version = d.version;
        }

        public Builder id(DeploymentId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder releaseId(ReleaseId v) { releaseId = v; return this; }
        public Builder state(DeployState v) { state = v; return this; }
        public Builder strategy(String v) { strategy = v; return this; }
        public Builder services(List<ServiceDeploySpec> v) { services = v; return this; }
        public Builder serviceProgress(Map<String, String> v) { serviceProgress = v; return this; }
        public Builder providerRef(String v) { providerRef = v; return this; }
        public Builder startedAt(Instant v) { startedAt = Optional.ofNullable(v); return this; }
        public Builder finishedAt(Instant v) { finishedAt = Optional.ofNullable(v); return this; }
        public Builder error(String v) { error = v; return this; }
        public Builder initiator(String v) { initiator = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder version(long v) { version = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public Deployment build() {
            if (newId) {
                id = DeploymentId.generate();
                newId = false;
            }
            return new Deployment(id, tenantId, instanceId, releaseId, state, strategy, services, serviceProgress,
                    providerRef, startedAt, finishedAt, error, initiator, createdAt, updatedAt, version);
        }
    }
}
