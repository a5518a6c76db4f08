package dev.ctrlstore.store.instance;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.spec.DeploymentSource;
import dev.ctrlstore.store.spec.Endpoint;
import dev.ctrlstore.store.spec.ServiceSpec;
import dev.ctrlstore.store.spec.WorkloadKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running (or provisioning, or stopped) deployment target of a tenant: one or more services on a provider.
 * Immutable; build new ones with {@link #builder()} and changed copies with {@link #toBuilder()}.
 *
 * @param id the instance's id
 * @param tenantId the owning tenant
 * @param name display name, required, at most 255 characters
 * @param slug DNS-label handle, unique within the tenant
 * @param datacenterId the datacenter it runs in; {@code ""} for none
 * @param providerName the provider that runs it, e.g. {@code k8s}
 * @param providerRef the provider's handle (pod name, compose project, allocation id)
 * @param serviceRefs service name to the provider's per-container handle
 * @param region region name
 * @param state lifecycle state
 * @param kind how the services run
 * @param services the services it was provisioned with
 * @param source where its workload came from; empty for a plain services instance
 * @param endpoints network endpoints it exposes
 * @param labels free labels, matched exactly by {@link InstanceFilter#labels()}; keys and values at most 255
 *     characters
 * @param currentRelease the release it runs; empty before the first release
 * @param suspendedAt when it was suspended; empty when not suspended
 * @param createdAt set by the store on insert; null while {@code version} is 0
 * @param updatedAt set by the store on every write; null while {@code version} is 0
 * @param version 0 for an instance never stored; the store sets 1 on insert and adds 1 on every update
 */
public record Instance(InstanceId id, TenantId tenantId, String name, String slug, String datacenterId,
        String providerName, String providerRef, Map<String, String> serviceRefs, String region,
        InstanceState state, WorkloadKind kind, List<ServiceSpec> services, Optional<DeploymentSource> source,
        List<Endpoint> endpoints, Map<String, String> labels, Optional<ReleaseId> currentRelease,
        Optional<Instant> suspendedAt, Instant createdAt, Instant updatedAt, long version) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed or
     *     too long
     */
    public Instance {
        Checks.notNull(id, "instance.id");
        Checks.notNull(tenantId, "instance.tenantId");
        name = Checks.text(name, "instance.name", Checks.SHORT_TEXT);
        slug = Checks.slug(slug, "instance.slug");
        datacenterId = Checks.optionalText(datacenterId, "instance.datacenterId", Checks.SHORT_TEXT);
        providerName = Checks.optionalText(providerName, "instance.providerName", Checks.SHORT_TEXT);
        providerRef = Checks.optionalText(providerRef, "instance.providerRef", Checks.LONG_TEXT);
        serviceRefs = Checks.stringMap(serviceRefs, "instance.serviceRefs");
        region = Checks.optionalText(region, "instance.region", Checks.SHORT_TEXT);
        Checks.notNull(state, "instance.state");
        Checks.notNull(kind, "instance.kind");
        services = Checks.list(services, "instance.services");
        requireUniqueServiceNames(services);
        source = source == null ? Optional.empty() : source;
        endpoints = Checks.list(endpoints, "instance.endpoints");
        labels = Checks.labels(labels, "instance.labels");
        currentRelease = currentRelease == null ? Optional.empty() : currentRelease;
        suspendedAt = Times.micros(suspendedAt, "instance.suspendedAt");
        createdAt = Times.micros(createdAt, "instance.createdAt");
        updatedAt = Times.micros(updatedAt, "instance.updatedAt");
        Versions.check(version, createdAt, updatedAt, "instance");
    }

    private static void requireUniqueServiceNames(List<ServiceSpec> services) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ServiceSpec s : services) {
            if (!names.add(s.name())) {
                throw new dev.ctrlstore.store.InvalidArgumentException("instance.services", "instance.services has two"
                        + " services named \"" + s.name() + "\"; service names must be unique within an instance");
            }
        }
    }

    /** A builder for a new instance: a fresh id, state {@code provisioning}, kind {@code deployment}, version 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values, for a changed copy (keep the version for optimistic updates). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Instance} values; {@code tenantId}, {@code name} and {@code slug} are required. */
    public static final class Builder {
        private InstanceId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private String name;
        private String slug;
        private String datacenterId = "";
        private String providerName = "";
        private String providerRef = "";
        private Map<String, String> serviceRefs = Map.of();
        private String region = "";
        private InstanceState state = InstanceState.PROVISIONING;
        private WorkloadKind kind = WorkloadKind.DEPLOYMENT;
        private List<ServiceSpec> services = List.of();
        private Optional<DeploymentSource> source = Optional.empty();
        private List<Endpoint> endpoints = List.of();
        private Map<String, String> labels = Map.of();
        private Optional<ReleaseId> currentRelease = Optional.empty();
        private Optional<Instant> suspendedAt = Optional.empty();
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(Instance i) {
            id = i.id;
            newId = false;
            tenantId = i.tenantId;
            name = i.name;
            slug = i.slug;
            datacenterId = i.datacenterId;
            providerName = i.providerName;
            providerRef = i.providerRef;
            serviceRefs = i.serviceRefs;
            region = i.region;
            state = i.state;
            kind = i.kind;
            services = i.services;
            source = i.source;
            endpoints = i.endpoints;
            labels = i.labels;
            currentRelease = i.currentRelease;
            suspendedAt = i.suspendedAt;
            createdAt = i.createdAt;
            updatedAt = i.updatedAt;
            version = i.version;
        }

        public Builder id(InstanceId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder slug(String v) { slug = v; return this; }
        public Builder datacenterId(String v) { datacenterId = v; return this; }
        public Builder providerName(String v) { providerName = v; return this; }
        public Builder providerRef(String v) { providerRef = v; return this; }
        public Builder serviceRefs(Map<String, String> v) { serviceRefs = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder state(InstanceState v) { state = v; return this; }
        public Builder kind(WorkloadKind v) { kind = v; return this; }
        public Builder services(List<ServiceSpec> v) { services = v; return this; }
        public Builder source(DeploymentSource v) { source = Optional.ofNullable(v); return this; }
        public Builder endpoints(List<Endpoint> v) { endpoints = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder currentRelease(ReleaseId v) { currentRelease = Optional.ofNullable(v); return this; }
        public Builder suspendedAt(Instant v) { suspendedAt = Optional.ofNullable(v); return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder version(long v) { version = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public Instance build() {
            if (newId) {
                id = InstanceId.generate();
                newId = false;
            }
            return new Instance(id, tenantId, name, slug, datacenterId, providerName, providerRef, serviceRefs,
                    region, state, kind, services, source, endpoints, labels, currentRelease, suspendedAt,
                    createdAt, updatedAt, version);
        }
    }
}
