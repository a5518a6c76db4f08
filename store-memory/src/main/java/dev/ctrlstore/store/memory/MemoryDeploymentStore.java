package dev.ctrlstore.store.memory;

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
import dev.ctrlstore.store.internal.Times;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deployments and releases in two maps by id; the release-version uniqueness check runs under the write lock. */
final class MemoryDeploymentStore implements DeploymentStore {
    private static final String STAYS =
            "a deployment stays with its instance and release: insert a new deployment instead";
    private final MemoryState state;
    private final Map<DeploymentId, Deployment> deployments = new HashMap<>();
    private final Map<ReleaseId, Release> releases = new HashMap<>();

    MemoryDeploymentStore(MemoryState state) {
        this.state = state;
        state.onInstanceDeleted((tenantId, instanceId) -> {
            deployments.values().removeIf(d -> belongs(d.tenantId(), d.instanceId(), tenantId, instanceId));
            releases.values().removeIf(r -> belongs(r.tenantId(), r.instanceId(), tenantId, instanceId));
        });
    }

    @Override
    public Deployment insertDeployment(Deployment deployment) {
        Checks.notNull(deployment, "deployment");
        Versions.requireNew(deployment.version(), "deployment", deployment.id().value());
        return state.write(() -> {
            state.requireInstance(deployment.tenantId(), deployment.instanceId());
            Release release = findRelease(deployment.tenantId(), deployment.releaseId());
            if (release == null || !release.instanceId().equals(deployment.instanceId())) {
                throw new NotFoundException(deployment.tenantId(), ResourceKind.RELEASE,
                        deployment.releaseId().value());
            }
            if (deployments.containsKey(deployment.id())) {
                throw new AlreadyExistsException(deployment.tenantId(), ResourceKind.DEPLOYMENT,
                        deployment.id().value(), "id", deployment.id().value());
            }
            Instant now = state.now();
            Deployment stored = deployment.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            deployments.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Deployment getDeployment(TenantId tenantId, DeploymentId id) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(id, "deploymentId");
        return state.read(() -> existingDeployment(tenantId, id));
    }

    @Override
    public Deployment updateDeployment(Deployment deployment) {
        Checks.notNull(deployment, "deployment");
        Versions.requireStored(deployment.version(), "deployment", deployment.id().value());
        return state.write(() -> {
            Deployment current = existingDeployment(deployment.tenantId(), deployment.id());
            StoreRules.requireUnchanged(current.instanceId(), deployment.instanceId(), "deployment.instanceId",
                    deployment.tenantId(), ResourceKind.DEPLOYMENT, deployment.id().value(), STAYS);
            StoreRules.requireUnchanged(current.releaseId(), deployment.releaseId(), "deployment.releaseId",
                    deployment.tenantId(), ResourceKind.DEPLOYMENT, deployment.id().value(), STAYS);
            if (current.version() != deployment.version()) {
                throw new ConflictException(deployment.tenantId(), ResourceKind.DEPLOYMENT, deployment.id().value(),
                        deployment.version(), current.version());
            }
            Deployment stored = deployment.toBuilder().createdAt(current.createdAt()).updatedAt(state.now())
                    .version(current.version() + 1).build();
            deployments.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Page<Deployment> listDeployments(TenantId tenantId, InstanceId instanceId, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        Checks.notNull(page, "page");
        return state.read(() -> {
            List<Deployment> matches = deployments.values().stream()
                    .filter(d -> belongs(d.tenantId(), d.instanceId(), tenantId, instanceId))
                    .toList();
            return MemoryPaging.page(matches, page, KeysetCursor.Scope.deployments(tenantId, instanceId),
                    d -> Times.epochMicros(d.createdAt()), d -> d.id().value());
        });
    }

    @Override
    public Release insertRelease(Release release) {
        Checks.notNull(release, "release");
        if (release.createdAt() != null) {
            throw new InvalidArgumentException("release.createdAt", "release " + release.id() + " carries"
                    + " release.createdAt " + release.createdAt() + ", so it was stored already; releases are"
                    + " immutable and inserted once: build a new release (new id, no createdAt) for a new version");
        }
        return state.write(() -> {
            state.requireInstance(release.tenantId(), release.instanceId());
            if (releases.containsKey(release.id())) {
                throw new AlreadyExistsException(release.tenantId(), ResourceKind.RELEASE, release.id().value(),
                        "id", release.id().value());
            }
            for (Release other : releases.values()) {
                if (belongs(other.tenantId(), other.instanceId(), release.tenantId(), release.instanceId())
                        && other.version() == release.version()) {
                    throw new AlreadyExistsException(release.tenantId(), ResourceKind.RELEASE, release.id().value(),
                            "version", Integer.toString(release.version()));
                }
            }
            Release stored = release.toBuilder().createdAt(state.now()).build();
            releases.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Release getRelease(TenantId tenantId, ReleaseId id) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(id, "releaseId");
        return state.read(() -> {
            Release r = findRelease(tenantId, id);
            if (r == null) {
                throw new NotFoundException(tenantId, ResourceKind.RELEASE, id.value());
            }
            return r;
        });
    }

    @Override
    public Page<Release> listReleases(TenantId tenantId, InstanceId instanceId, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        Checks.notNull(page, "page");
        return state.read(() -> {
            List<Release> matches = releases.values().stream()
                    .filter(r -> belongs(r.tenantId(), r.instanceId(), tenantId, instanceId))
                    .toList();
            return MemoryPaging.page(matches, page, KeysetCursor.Scope.releases(tenantId, instanceId), Release::version,
                    r -> r.id().value());
        });
    }

    @Override
    public int nextReleaseVersion(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return state.read(() -> {
            int max = releases.values().stream()
                    .filter(r -> belongs(r.tenantId(), r.instanceId(), tenantId, instanceId))
                    .mapToInt(Release::version)
                    .max()
                    .orElse(0);
            if (max == Integer.MAX_VALUE) { // only reachable by inserting that version by hand
                throw new InvalidArgumentException("instanceId", "instance " + instanceId + " has a release with"
                        + " the highest possible version " + max + "; no next version exists");
            }
            return max + 1;
        });
    }

    private static boolean belongs(TenantId tenantId, InstanceId instanceId, TenantId tenant, InstanceId instance) {
        return tenantId.equals(tenant) && instanceId.equals(instance);
    }

    private Release findRelease(TenantId tenantId, ReleaseId id) {
        Release r = releases.get(id);
        return r != null && r.tenantId().equals(tenantId) ? r : null;
    }

    private Deployment existingDeployment(TenantId tenantId, DeploymentId id) {
        Deployment d = deployments.get(id);
        if (d == null || !d.tenantId().equals(tenantId)) {
            throw new NotFoundException(tenantId, ResourceKind.DEPLOYMENT, id.value());
        }
        return d;
    }
}
