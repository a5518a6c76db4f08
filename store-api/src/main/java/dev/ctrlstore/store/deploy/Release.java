package dev.ctrlstore.store.deploy;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.spec.ServiceSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * A numbered snapshot of every service of an instance: what a deployment rolls out and a rollback returns to.
 * Immutable, and immutable once stored too: there is no update, so a release has no {@code version} counter and no
 * {@code updatedAt}. Build with {@link #builder()}.
 *
 * @param id the release's id
 * @param tenantId the owning tenant
 * @param instanceId the instance it belongs to, an instance of the same tenant
 * @param version the release number within the instance: 1, 2, 3, ... (at least 1); unique per instance, see
 *     {@link DeploymentStore#nextReleaseVersion}
 * @param services the full set of the instance's services at this release
 * @param notes free text; {@code ""} for none
 * @param commitSha the source commit; {@code ""} for none; at most 255 characters
 * @param active whether the release is in use; the deploy service records releases as active
 * @param createdAt set by the store on insert; null for a release that was never stored
 */
public record Release(ReleaseId id, TenantId tenantId, InstanceId instanceId, int version,
        List<ServiceSnapshot> services, String notes, String commitSha, boolean active, Instant createdAt) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed or
     *     too long
     */
    public Release {
        Checks.notNull(id, "release.id");
        Checks.notNull(tenantId, "release.tenantId");
        Checks.notNull(instanceId, "release.instanceId");
        Checks.range(version, 1, Integer.MAX_VALUE, "release.version");
        services = Checks.list(services, "release.services");
        notes = Checks.optionalText(notes, "release.notes", Checks.LONG_TEXT);
        commitSha = Checks.optionalText(commitSha, "release.commitSha", Checks.SHORT_TEXT);
        createdAt = Times.micros(createdAt, "release.createdAt");
    }

    /** A builder for a new release: a fresh id, {@code active} true, no {@code createdAt}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this release's values; set a new id and clear {@code createdAt} to store a copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link Release} values; {@code tenantId}, {@code instanceId} and {@code version} are required (the
     * version usually comes from {@link DeploymentStore#nextReleaseVersion}).
     */
    public static final class Builder {
        private ReleaseId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private InstanceId instanceId;
        private int version;
        private List<ServiceSnapshot> services = List.of();
        private String notes = "";
        private String commitSha = "";
        private boolean active = true;
        private Instant createdAt;

        private Builder() {
        }

        private Builder(Release r) {
            id = r.id;
            newId = false;
            tenantId = r.tenantId;
            instanceId = r.instanceId;
            version = r.version;
            services = r.services;
            notes = r.notes;
            commitSha = r.commitSha;
            active = r.active;
            createdAt = r.createdAt;
        }

        public Builder id(ReleaseId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder version(int v) { version = v; return this; }
        public Builder services(List<ServiceSnapshot> v) { services = v; return this; }
        public Builder notes(String v) { notes = v; return this; }
        public Builder commitSha(String v) { commitSha = v; return this; }
        public Builder active(boolean v) { active = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public Release build() {
            if (newId) {
                id = ReleaseId.generate();
                newId = false;
            }
            return new Release(id, tenantId, instanceId, version, services, notes, commitSha, active, createdAt);
        }
    }
}
