package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.id.DeploymentId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.KeysetCursor;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.jooq.tables.records.DeploymentsRecord;
import dev.ctrlstore.store.jooq.tables.records.ReleasesRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Instant;

import static dev.ctrlstore.store.jooq.Tables.DEPLOYMENTS;
import static dev.ctrlstore.store.jooq.Tables.RELEASES;

/**
 * Deployments in the {@code deployments} table and releases in {@code releases}. The unique key
 * (tenant_id, instance_id, release_version) makes a release number taken once per instance, also across processes;
 * both tables go with their instance through the schema's {@code ON DELETE CASCADE} keys.
 */
final class SqlDeploymentStore extends SqlSubsystem implements DeploymentStore {
    private static final String STAYS =
            "a deployment stays with its instance and release: insert a new deployment instead";
    private static final Keyset<DeploymentsRecord, Instant, DeploymentId> DEPLOYMENT_PAGES =
            Keyset.byTime(DEPLOYMENTS, DEPLOYMENTS.CREATED_AT, DEPLOYMENTS.ID);
    private static final Keyset<ReleasesRecord, Integer, ReleaseId> RELEASE_PAGES = new Keyset<>(RELEASES,
            RELEASES.RELEASE_VERSION, Integer::longValue, SqlDeploymentStore::versionOfCursor, RELEASES.ID);
    private static final Keyset.Term DEPLOYMENT_TENANT = Keyset.Term.eq(DEPLOYMENTS.TENANT_ID);
    private static final Keyset.Term DEPLOYMENT_INSTANCE = Keyset.Term.eq(DEPLOYMENTS.INSTANCE_ID);
    private static final Keyset.Term RELEASE_TENANT = Keyset.Term.eq(RELEASES.TENANT_ID);
    private static final Keyset.Term RELEASE_INSTANCE = Keyset.Term.eq(RELEASES.INSTANCE_ID);
    // Reads by key, prepared once (see Prepared).
    private static final Prepared DEPLOYMENT_BY_ID = Prepared.byKey("deployments.byId", DEPLOYMENTS,
            DEPLOYMENTS.TENANT_ID, DEPLOYMENTS.ID);
    private static final Prepared RELEASE_BY_ID = Prepared.byKey("releases.byId", RELEASES,
            RELEASES.TENANT_ID, RELEASES.ID);

    SqlDeploymentStore(SqlDatabase db, Clock clock) {
        super(db, clock);
    }

    @Override
    public Deployment insertDeployment(Deployment deployment) {
        Checks.notNull(deployment, "deployment");
        Versions.requireNew(deployment.version(), "deployment", deployment.id().value());
        return transact("deployments().insertDeployment", tx -> {
            DSLContext ctx = tx.dsl();
            requireInstance(ctx, deployment.tenantId(), deployment.instanceId());
            // The release must be one of this tenant's and of this same instance.
            if (!ctx.fetchExists(RELEASES, RELEASES.TENANT_ID.eq(deployment.tenantId()),
                    RELEASES.ID.eq(deployment.releaseId()), RELEASES.INSTANCE_ID.eq(deployment.instanceId()))) {
                throw new NotFoundException(deployment.tenantId(), ResourceKind.RELEASE,
                        deployment.releaseId().value());
            }
            if (ctx.fetchExists(DEPLOYMENTS, DEPLOYMENTS.ID.eq(deployment.id()))) {
                throw duplicate(deployment);
            }
            Instant now = now();
            Deployment stored = deployment.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            tx.insert(toRecord(stored));
            return stored;
        }, field -> duplicate(deployment));
    }

    @Override
    public Deployment getDeployment(TenantId tenantId, DeploymentId id) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(id, "deploymentId");
        return fetchExisting(DEPLOYMENT_BY_ID, SqlDeploymentStore::toDeployment,
                () -> new NotFoundException(tenantId, ResourceKind.DEPLOYMENT, id.value()), tenantId, id);
    }

    @Override
    public Deployment updateDeployment(Deployment deployment) {
        Checks.notNull(deployment, "deployment");
        Versions.requireStored(deployment.version(), "deployment", deployment.id().value());
        return transact("deployments().updateDeployment", tx -> {
            DSLContext ctx = tx.dsl();
            Deployment current = existingDeployment(ctx, deployment.tenantId(), deployment.id());
            StoreRules.requireUnchanged(current.instanceId(), deployment.instanceId(), "deployment.instanceId",
                    deployment.tenantId(), ResourceKind.DEPLOYMENT, deployment.id().value(), STAYS);
            StoreRules.requireUnchanged(current.releaseId(), deployment.releaseId(), "deployment.releaseId",
                    deployment.tenantId(), ResourceKind.DEPLOYMENT, deployment.id().value(), STAYS);
            if (current.version() != deployment.version()) {
                throw conflict(deployment, current.version());
            }
            Deployment stored = deployment.toBuilder().createdAt(current.createdAt()).updatedAt(now())
                    .version(current.version() + 1).build();
            if (!tx.update(toRecord(stored), deployment.version())) {
                throw conflict(deployment, existingDeployment(ctx, deployment.tenantId(), deployment.id()).version());
            }
            return stored;
        });
    }

    @Override
    public Page<Deployment> listDeployments(TenantId tenantId, InstanceId instanceId, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        Checks.notNull(page, "page");
        return DEPLOYMENT_PAGES.page(db,
                new Keyset.Where().and(DEPLOYMENT_TENANT, tenantId).and(DEPLOYMENT_INSTANCE, instanceId), page,
                KeysetCursor.Scope.deployments(tenantId, instanceId), SqlDeploymentStore::toDeployment);
    }

    @Override
    public Release insertRelease(Release release) {
        Checks.notNull(release, "release");
        if (release.createdAt() != null) {
            throw new InvalidArgumentException("release.createdAt", "release " + release.id() + " carries"
                    + " release.createdAt " + release.createdAt() + ", so it was stored already; releases are"
                    + " immutable and inserted once: build a new release (new id, no createdAt) for a new version");
        }
        return transact("deployments().insertRelease", tx -> {
            DSLContext ctx = tx.dsl();
            requireInstance(ctx, release.tenantId(), release.instanceId());
            if (ctx.fetchExists(RELEASES, RELEASES.ID.eq(release.id()))) {
                throw duplicate(release, "id");
            }
            if (ctx.fetchExists(RELEASES, RELEASES.TENANT_ID.eq(release.tenantId()),
                    RELEASES.INSTANCE_ID.eq(release.instanceId()), RELEASES.RELEASE_VERSION.eq(release.version()))) {
                throw duplicate(release, "version");
            }
            Release stored = release.toBuilder().createdAt(now()).build();
            tx.insert(toRecord(stored));
            return stored;
        }, field -> duplicate(release, field));
    }

    @Override
    public Release getRelease(TenantId tenantId, ReleaseId id) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(id, "releaseId");
        return fetchExisting(RELEASE_BY_ID, SqlDeploymentStore::toRelease,
                () -> new NotFoundException(tenantId, ResourceKind.RELEASE, id.value()), tenantId, id);
    }

    @Override
    public Page<Release> listReleases(TenantId tenantId, InstanceId instanceId, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        Checks.notNull(page, "page");
        return RELEASE_PAGES.page(db,
                new Keyset.Where().and(RELEASE_TENANT, tenantId).and(RELEASE_INSTANCE, instanceId), page,
                KeysetCursor.Scope.releases(tenantId, instanceId), SqlDeploymentStore::toRelease);
    }

    @Override
    public int nextReleaseVersion(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return read(ctx -> {
            Integer highest = ctx.select(DSL.max(RELEASES.RELEASE_VERSION))
                    .from(RELEASES)
                    .where(RELEASES.TENANT_ID.eq(tenantId), RELEASES.INSTANCE_ID.eq(instanceId))
                    .fetchOne()
                    .value1();
            int max = highest == null ? 0 : highest;
            if (max == Integer.MAX_VALUE) { // only reachable by inserting that version by hand
                throw new InvalidArgumentException("instanceId", "instance " + instanceId + " has a release with"
                        + " the highest possible version " + max + "; no next version exists");
            }
            return max + 1;
        });
    }

    private static Deployment existingDeployment(DSLContext ctx, TenantId tenantId, DeploymentId id) {
        return ctx.selectFrom(DEPLOYMENTS)
                .where(DEPLOYMENTS.TENANT_ID.eq(tenantId), DEPLOYMENTS.ID.eq(id))
                .fetchOptional(r -> toDeployment(Row.of(r)))
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.DEPLOYMENT, id.value()));
    }

    /** A release cursor's key back to a version; a key no int can hold was not issued by this list. */
    private static Integer versionOfCursor(long key) {
        if (key < Integer.MIN_VALUE || key > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("cursor", "cursor is not one this store issued for releases (its"
                    + " version " + key + " is out of range); start again without a cursor");
        }
        return (int) key;
    }

    private static AlreadyExistsException duplicate(Deployment deployment) {
        // The primary key is the deployments table's only unique key.
        return new AlreadyExistsException(deployment.tenantId(), ResourceKind.DEPLOYMENT, deployment.id().value(),
                "id", deployment.id().value());
    }

    private static AlreadyExistsException duplicate(Release release, String field) {
        return "version".equals(field)
                ? new AlreadyExistsException(release.tenantId(), ResourceKind.RELEASE, release.id().value(),
                        "version", Integer.toString(release.version()))
                : new AlreadyExistsException(release.tenantId(), ResourceKind.RELEASE, release.id().value(),
                        "id", release.id().value());
    }

    private static ConflictException conflict(Deployment deployment, long actual) {
        return new ConflictException(deployment.tenantId(), ResourceKind.DEPLOYMENT, deployment.id().value(),
                deployment.version(), actual);
    }

    private static DeploymentsRecord toRecord(Deployment d) {
        DeploymentsRecord r = new DeploymentsRecord();
        r.setId(d.id());
        r.setTenantId(d.tenantId());
        r.setInstanceId(d.instanceId());
        r.setReleaseId(d.releaseId());
        r.setState(d.state());
        r.setStrategy(d.strategy());
        r.setServices(d.services());
        r.setServiceProgress(d.serviceProgress());
        r.setProviderRef(d.providerRef());
        r.setStartedAt(d.startedAt().orElse(null));
        r.setFinishedAt(d.finishedAt().orElse(null));
        r.setError(d.error());
        r.setInitiator(d.initiator());
        r.setCreatedAt(d.createdAt());
        r.setUpdatedAt(d.updatedAt());
        r.setVersion(d.version());
        return r;
    }

    private static Deployment toDeployment(Row r) {
        return Deployment.builder()
                .id(r.get(DEPLOYMENTS.ID))
                .tenantId(r.get(DEPLOYMENTS.TENANT_ID))
                .instanceId(r.get(DEPLOYMENTS.INSTANCE_ID))
                .releaseId(r.get(DEPLOYMENTS.RELEASE_ID))
                .state(r.get(DEPLOYMENTS.STATE))
                .strategy(r.get(DEPLOYMENTS.STRATEGY))
                .services(r.get(DEPLOYMENTS.SERVICES))
                .serviceProgress(r.get(DEPLOYMENTS.SERVICE_PROGRESS))
                .providerRef(r.get(DEPLOYMENTS.PROVIDER_REF))
                .startedAt(r.get(DEPLOYMENTS.STARTED_AT))
                .finishedAt(r.get(DEPLOYMENTS.FINISHED_AT))
                .error(r.get(DEPLOYMENTS.ERROR))
                .initiator(r.get(DEPLOYMENTS.INITIATOR))
                .createdAt(r.get(DEPLOYMENTS.CREATED_AT))
                .updatedAt(r.get(DEPLOYMENTS.UPDATED_AT))
                .version(r.get(DEPLOYMENTS.VERSION))
                .build();
    }

    private static ReleasesRecord toRecord(Release rel) {
        ReleasesRecord r = new ReleasesRecord();
        r.setId(rel.id());
        r.setTenantId(rel.tenantId());
        r.setInstanceId(rel.instanceId());
        r.setReleaseVersion(rel.version());
        r.setServices(rel.services());
        r.setNotes(rel.notes());
        r.setCommitSha(rel.commitSha());
        r.setActive(rel.active());
        r.setCreatedAt(rel.createdAt());
        return r;
    }

    private static Release toRelease(Row r) {
        return Release.builder()
                .id(r.get(RELEASES.ID))
                .tenantId(r.get(RELEASES.TENANT_ID))
                .instanceId(r.get(RELEASES.INSTANCE_ID))
                .version(r.get(RELEASES.RELEASE_VERSION))
                .services(r.get(RELEASES.SERVICES))
                .notes(r.get(RELEASES.NOTES))
                .commitSha(r.get(RELEASES.COMMIT_SHA))
                .active(r.get(RELEASES.ACTIVE))
                .createdAt(r.get(RELEASES.CREATED_AT))
                .build();
    }
}
