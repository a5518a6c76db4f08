package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.deploy.DeployState;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.id.DeploymentId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.spec.HealthCheckSpec;
import dev.ctrlstore.store.spec.ServiceDeploySpec;
import dev.ctrlstore.store.spec.ServiceSnapshot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Phaser;
import java.util.stream.IntStream;

import static dev.ctrlstore.store.tck.StoreAssertions.assertAlreadyExists;
import static dev.ctrlstore.store.tck.StoreAssertions.assertConflict;
import static dev.ctrlstore.store.tck.StoreAssertions.assertInvalidArgument;
import static dev.ctrlstore.store.tck.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules D-n of the deploy subsystem ({@code tck-rules/deployments.md}): deployments and releases belong to one
 * instance of one tenant, release versions are unique per instance (so concurrent deploys cannot share a number),
 * both lists page by keyset, and deleting an instance deletes both.
 *
 * <p>If these fail, check the backend's tenant and instance filters on every deployment and release statement, the
 * unique (tenant, instance, version) key of releases, the (key, id) tie-breaker of the two cursors, and the instance
 * delete cascade.
 */
public abstract class DeploymentStoreContract extends ContractSupport {

    private DeploymentStore deploys() {
        return store.deployments();
    }

    private Release.Builder newRelease(Instance instance, int version) {
        return Release.builder().tenantId(instance.tenantId()).instanceId(instance.id()).version(version)
                .services(List.of(new ServiceSnapshot("web", "registry.example/web:" + version, Map.of("V", "1"))));
    }

    private Release insertRelease(Instance instance, int version) {
        return deploys().insertRelease(newRelease(instance, version).build());
    }

    private static Deployment.Builder newDeployment(Release release) {
        return Deployment.builder().tenantId(release.tenantId()).instanceId(release.instanceId())
                .releaseId(release.id()).initiator("usr_1");
    }

    private Deployment insertDeployment(Release release) {
        return deploys().insertDeployment(newDeployment(release).build());
    }

    private List<Deployment> allDeployments(Instance instance) {
        return deploys().listDeployments(instance.tenantId(), instance.id(), PageRequest.first(PageRequest.MAX_LIMIT))
                .items();
    }

    private List<Release> allReleases(Instance instance) {
        return deploys().listReleases(instance.tenantId(), instance.id(), PageRequest.first(PageRequest.MAX_LIMIT))
                .items();
    }

    private static List<Integer> versions(List<Release> releases) {
        return releases.stream().map(Release::version).toList();
    }

    // ---- deployments: insert and get -------------------------------------------------------------------------

    @Test
    @DisplayName("D-1a insertDeployment stores every field and sets createdAt = updatedAt = now and version 1")
    void deploymentRoundTripsEveryField() {
        Instance instance = insertInstance(tenant);
        Release release = insertRelease(instance, 1);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            env.put("KEY_" + i, UNICODE + i);
        }
        List<ServiceDeploySpec> services = new ArrayList<>();
        Map<String, String> progress = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            services.add(new ServiceDeploySpec("svc-" + i, "registry.example/" + UNICODE + ":" + i, env,
                    i % 2 == 0 ? Optional.empty() : Optional.of(new HealthCheckSpec("/healthz/" + UNICODE, 8080,
                            Duration.ofSeconds(30), Duration.ofMillis(1500), 3))));
            progress.put("svc-" + i, i % 3 == 0 ? "succeeded" : "running");
        }
        Instant started = clock().instant().minusSeconds(90);
        Deployment given = newDeployment(release).state(DeployState.RUNNING).strategy("blue-green " + UNICODE)
                .services(services).serviceProgress(progress).providerRef(UNICODE + " ref")
                .startedAt(started).finishedAt(started.plusSeconds(60)).error(UNICODE + "\n" + text(5000))
                .initiator("usr_" + UNICODE).build();

        Deployment stored = deploys().insertDeployment(given);

        Instant now = clock().instant();
        assertThat(stored)
                .as("[D-1a] stored (deploys().insertDeployment(given)) must equal …")
                .isEqualTo(given.toBuilder().createdAt(now).updatedAt(now).version(1).build());
        assertThat(deploys().getDeployment(tenant, given.id()))
                .as("[D-1a] deploys().getDeployment(tenant, given.id()) must equal stored").isEqualTo(stored);
    }

    @Test
    @DisplayName("D-1b a deployment with only the required fields reads back with its defaults: pending, rolling,"
            + " empty collections, absent instants")
    void minimalDeploymentRoundTrips() {
        Release release = insertRelease(insertInstance(tenant), 1);
        Deployment given = Deployment.builder().tenantId(tenant).instanceId(release.instanceId())
                .releaseId(release.id()).build();

        Deployment read = deploys().getDeployment(tenant, deploys().insertDeployment(given).id());

        assertThat(read)
                .as("[D-1b] read (deploys().getDeployment(tenant, deploys().insertDeployment(…).id())) must equal …")
                .isEqualTo(given.toBuilder().createdAt(clock().instant()).updatedAt(clock().instant())
                .version(1).build());
        assertThat(read.state())
                .as("[D-1b] read.state() from deploys().getDeployment(tenant, deploys().insertDeployment(…).id()) must "
                        + "equal DeployState.PENDING").isEqualTo(DeployState.PENDING);
        assertThat(read.strategy())
                .as("[D-1b] read.strategy() from deploys().getDeployment(tenant, deploys().insertDeployment(…).id()) "
                        + "must equal \"rolling\"").isEqualTo("rolling");
        assertThat(read.services())
                .as("[D-1b] read.services() from deploys().getDeployment(tenant, deploys().insertDeployment(…).id()) "
                        + "must be empty").isEmpty();
        assertThat(read.serviceProgress())
                .as("[D-1b] read.serviceProgress() from deploys().getDeployment(tenant, "
                        + "deploys().insertDeployment(…).id()) must be empty").isEmpty();
        assertThat(read.startedAt())
                .as("[D-1b] read.startedAt() from deploys().getDeployment(tenant, deploys().insertDeployment(…).id()) "
                        + "must be empty").isEmpty();
        assertThat(read.finishedAt())
                .as("[D-1b] read.finishedAt() from deploys().getDeployment(tenant, deploys().insertDeployment(…).id()) "
                        + "must be empty").isEmpty();
        assertThat(read.providerRef())
                .as("[D-1b] read.providerRef() from deploys().getDeployment(tenant, "
                        + "deploys().insertDeployment(…).id()) must be empty").isEmpty();
        assertThat(read.error())
                .as("[D-1b] read.error() from deploys().getDeployment(tenant, deploys().insertDeployment(…).id()) must "
                        + "be empty").isEmpty();
        assertThat(read.initiator())
                .as("[D-1b] read.initiator() from deploys().getDeployment(tenant, deploys().insertDeployment(…).id()) "
                        + "must be empty").isEmpty();
    }

    @Test
    @DisplayName("D-1c the store accepts and returns every deploy state, and any change between states")
    void everyDeployStateIsStored() {
        Release release = insertRelease(insertInstance(tenant), 1);
        for (DeployState s : DeployState.values()) {
            Deployment d = deploys().insertDeployment(newDeployment(release).state(s).build());
            assertThat(deploys().getDeployment(tenant, d.id()).state())
                    .as("[D-1c] deploys().getDeployment(tenant, d.id()).state() must equal s").isEqualTo(s);
        }
        Deployment d = deploys().insertDeployment(newDeployment(release).state(DeployState.SUCCEEDED).build());
        for (DeployState s : List.of(DeployState.PENDING, DeployState.ROLLED_BACK, DeployState.RUNNING)) {
            d = deploys().updateDeployment(d.toBuilder().state(s).build());
            assertThat(deploys().getDeployment(tenant, d.id()).state())
                    .as("[D-1c] deploys().getDeployment(tenant, d.id()).state() must equal s").isEqualTo(s);
        }
    }

    @Test
    @DisplayName("D-2 timestamps keep microseconds: the clock's now and caller-given instants with nanoseconds read"
            + " back truncated to microseconds")
    void timestampsKeepMicroseconds() {
        clock().set(Instant.parse("2026-05-01T10:00:00.123456789Z"));
        Instance instance = insertInstance(tenant);
        Release release = insertRelease(instance, 1);
        Deployment d = deploys().insertDeployment(newDeployment(release)
                .startedAt(Instant.parse("2026-05-01T09:59:58.000001999Z"))
                .finishedAt(Instant.parse("2026-05-01T09:59:59.999999999Z")).build());

        Deployment read = deploys().getDeployment(tenant, d.id());
        assertThat(read.createdAt())
                .as("[D-2] read.createdAt() from deploys().getDeployment(tenant, d.id()) must equal Instant.parse(…)")
                .isEqualTo(Instant.parse("2026-05-01T10:00:00.123456Z"));
        assertThat(read.updatedAt())
                .as("[D-2] read.updatedAt() from deploys().getDeployment(tenant, d.id()) must equal Instant.parse(…)")
                .isEqualTo(Instant.parse("2026-05-01T10:00:00.123456Z"));
        assertThat(read.startedAt())
                .as("[D-2] read.startedAt() from deploys().getDeployment(tenant, d.id()) must contain Instant.parse(…)")
                .contains(Instant.parse("2026-05-01T09:59:58.000001Z"));
        assertThat(read.finishedAt())
                .as("[D-2] read.finishedAt() from deploys().getDeployment(tenant, d.id()) must contain "
                        + "Instant.parse(…)")
                .contains(Instant.parse("2026-05-01T09:59:59.999999Z"));
        assertThat(deploys().getRelease(tenant, release.id()).createdAt())
                .as("[D-2] deploys().getRelease(tenant, release.id()).createdAt() must equal Instant.parse(…)")
                .isEqualTo(Instant.parse("2026-05-01T10:00:00.123456Z"));
    }

    @Test
    @DisplayName("D-3 insertDeployment requires the instance in the deployment's tenant: a missing or another tenant's"
            + " instance throws NotFound INSTANCE and nothing is stored")
    void deploymentNeedsInstanceOfTenant() {
        InstanceId missing = InstanceId.generate();
        Deployment toMissing = Deployment.builder().tenantId(tenant).instanceId(missing)
                .releaseId(ReleaseId.generate()).build();
        assertNotFound("[D-3] deploys().insertDeployment(toMissing) must throw NotFoundException",
                () -> deploys().insertDeployment(toMissing), tenant, ResourceKind.INSTANCE, missing);

        Instance foreign = insertInstance(otherTenant);
        Release foreignRelease = insertRelease(foreign, 1);
        Deployment toForeign = Deployment.builder().tenantId(tenant).instanceId(foreign.id())
                .releaseId(foreignRelease.id()).build();
        assertNotFound("[D-3] deploys().insertDeployment(toForeign) must throw NotFoundException",
                () -> deploys().insertDeployment(toForeign), tenant, ResourceKind.INSTANCE, foreign.id());

        assertNotFound("[D-3] deploys().getDeployment(tenant, toMissing.id()) must throw NotFoundException",
                () -> deploys().getDeployment(tenant, toMissing.id()), tenant, ResourceKind.DEPLOYMENT,
                toMissing.id());
        assertNotFound("[D-3] deploys().getDeployment(tenant, toForeign.id()) must throw NotFoundException",
                () -> deploys().getDeployment(tenant, toForeign.id()), tenant, ResourceKind.DEPLOYMENT,
                toForeign.id());
        assertNotFound("[D-3] deploys().getDeployment(otherTenant, toForeign.id()) must throw NotFoundException",
                () -> deploys().getDeployment(otherTenant, toForeign.id()), otherTenant,
                ResourceKind.DEPLOYMENT, toForeign.id());
        assertThat(allDeployments(foreign)).as("[D-3] allDeployments(foreign) must be empty").isEmpty();
    }

    @Test
    @DisplayName("D-4a insertDeployment with a release id that does not exist throws NotFound RELEASE")
    void deploymentNeedsExistingRelease() {
        Instance instance = insertInstance(tenant);
        ReleaseId missing = ReleaseId.generate();
        Deployment d = Deployment.builder().tenantId(tenant).instanceId(instance.id()).releaseId(missing).build();

        assertNotFound("[D-4a] deploys().insertDeployment(d) must throw NotFoundException",
                () -> deploys().insertDeployment(d), tenant, ResourceKind.RELEASE, missing);
        assertThat(allDeployments(instance)).as("[D-4a] allDeployments(instance) must be empty").isEmpty();
    }

    @Test
    @DisplayName("D-4b insertDeployment referring to a release of another instance of the tenant throws NotFound"
            + " RELEASE and stores nothing")
    void deploymentNeedsReleaseOfSameInstance() {
        Instance target = insertInstance(tenant);
        Instance other = insertInstance(tenant);
        insertRelease(target, 1);
        Release otherRelease = insertRelease(other, 1);
        Deployment d = Deployment.builder().tenantId(tenant).instanceId(target.id()).releaseId(otherRelease.id())
                .build();

        assertNotFound("[D-4b] deploys().insertDeployment(d) must throw NotFoundException",
                () -> deploys().insertDeployment(d), tenant, ResourceKind.RELEASE, otherRelease.id());
        assertNotFound("[D-4b] deploys().getDeployment(tenant, d.id()) must throw NotFoundException",
                () -> deploys().getDeployment(tenant, d.id()), tenant, ResourceKind.DEPLOYMENT, d.id());
        assertThat(allDeployments(target)).as("[D-4b] allDeployments(target) must be empty").isEmpty();
        assertThat(allDeployments(other)).as("[D-4b] allDeployments(other) must be empty").isEmpty();
    }

    @Test
    @DisplayName("D-4c insertDeployment referring to another tenant's release throws NotFound RELEASE carrying the"
            + " deployment's tenant")
    void deploymentNeedsReleaseOfSameTenant() {
        Instance instance = insertInstance(tenant);
        Release foreign = insertRelease(insertInstance(otherTenant), 1);
        Deployment d = Deployment.builder().tenantId(tenant).instanceId(instance.id()).releaseId(foreign.id())
                .build();

        assertNotFound("[D-4c] deploys().insertDeployment(d) must throw NotFoundException",
                () -> deploys().insertDeployment(d), tenant, ResourceKind.RELEASE, foreign.id());
        assertThat(allDeployments(instance)).as("[D-4c] allDeployments(instance) must be empty").isEmpty();
    }

    @Test
    @DisplayName("D-5a insertDeployment with an existing id throws AlreadyExists on field id and leaves the stored"
            + " deployment unchanged")
    void duplicateDeploymentId() {
        Instance instance = insertInstance(tenant);
        Release release = insertRelease(instance, 1);
        Deployment first = insertDeployment(release);
        tick(1000);
        Deployment again = newDeployment(release).id(first.id()).state(DeployState.FAILED).error("x").build();

        AlreadyExistsException e = assertAlreadyExists("[D-5a] deploys().insertDeployment(again) must throw "
                        + "AlreadyExistsException on id",
                () -> deploys().insertDeployment(again), tenant,
                ResourceKind.DEPLOYMENT, "id");
        assertThat(e.value())
                .as("[D-5a] e.value() from deploys().insertDeployment(again) must equal "
                        + "first.id().value()").isEqualTo(first.id().value());
        assertThat(e.id())
                .as("[D-5a] e.id() from deploys().insertDeployment(again) must equal "
                        + "first.id().value()").isEqualTo(first.id().value());
        assertThat(deploys().getDeployment(tenant, first.id()))
                .as("[D-5a] deploys().getDeployment(tenant, first.id()) must equal first").isEqualTo(first);
        assertThat(allDeployments(instance))
                .as("[D-5a] allDeployments(instance) must contain exactly first").containsExactly(first);
    }

    @Test
    @DisplayName("D-5b insertDeployment of a deployment that was already stored (version > 0) throws InvalidArgument"
            + " deployment.version")
    void insertOfStoredDeploymentRejected() {
        Instance instance = insertInstance(tenant);
        Release release = insertRelease(instance, 1);
        Deployment stored = insertDeployment(release);
        Deployment copy = stored.toBuilder().id(DeploymentId.generate()).build();

        assertInvalidArgument("[D-5b] deploys().insertDeployment(copy) must throw InvalidArgumentException naming "
                        + "deployment.version",
                () -> deploys().insertDeployment(copy), "deployment.version");
        assertThat(allDeployments(instance))
                .as("[D-5b] allDeployments(instance) must contain exactly stored").containsExactly(stored);
    }

    @Test
    @DisplayName("D-6 getDeployment of a missing id, or of another tenant's deployment, throws NotFound DEPLOYMENT"
            + " carrying the caller's tenant")
    void getDeploymentNotFoundAndTenantIsolation() {
        Deployment d = insertDeployment(insertRelease(insertInstance(tenant), 1));
        DeploymentId missing = DeploymentId.generate();

        assertNotFound("[D-6] deploys().getDeployment(tenant, missing) must throw NotFoundException",
                () -> deploys().getDeployment(tenant, missing), tenant, ResourceKind.DEPLOYMENT, missing);
        assertNotFound("[D-6] deploys().getDeployment(otherTenant, d.id()) must throw NotFoundException",
                () -> deploys().getDeployment(otherTenant, d.id()), otherTenant, ResourceKind.DEPLOYMENT,
                d.id());
        assertThat(deploys().getDeployment(tenant, d.id()))
                .as("[D-6] deploys().getDeployment(tenant, d.id()) must equal d").isEqualTo(d);
    }

    // ---- deployments: update ---------------------------------------------------------------------------------

    @Test
    @DisplayName("D-7 updateDeployment replaces every mutable field, keeps createdAt, sets updatedAt = now and adds"
            + " one to the version")
    void updateDeploymentReplacesFields() {
        Release release = insertRelease(insertInstance(tenant), 1);
        Deployment stored = insertDeployment(release);
        tick(2500);
        Instant started = clock().instant().minusMillis(1200);
        Deployment changed = stored.toBuilder().state(DeployState.FAILED).strategy("canary")
                .services(List.of(new ServiceDeploySpec("api", "img:" + UNICODE, Map.of("A", UNICODE),
                        Optional.empty())))
                .serviceProgress(Map.of("api", "failed")).providerRef("pod-7").startedAt(started)
                .finishedAt(clock().instant()).error(UNICODE).initiator("svc_deployer")
                .createdAt(stored.createdAt().minusSeconds(86_400)).build();

        Deployment updated = deploys().updateDeployment(changed);

        assertThat(updated)
                .as("[D-7] updated (deploys().updateDeployment(changed)) must equal …")
                .isEqualTo(changed.toBuilder().createdAt(stored.createdAt())
                .updatedAt(clock().instant()).version(2).build());
        assertThat(updated.updatedAt())
                .as("[D-7] updated.updatedAt() from deploys().updateDeployment(changed) must be after "
                        + "updated.createdAt()").isAfter(updated.createdAt());
        assertThat(deploys().getDeployment(tenant, stored.id()))
                .as("[D-7] deploys().getDeployment(tenant, stored.id()) must equal updated").isEqualTo(updated);

        Deployment cleared = deploys().updateDeployment(updated.toBuilder().services(List.of())
                .serviceProgress(Map.of()).startedAt(null).finishedAt(null).error("").build());
        assertThat(deploys().getDeployment(tenant, stored.id()))
                .as("[D-7] deploys().getDeployment(tenant, stored.id()) must equal cleared").isEqualTo(cleared);
        assertThat(cleared.startedAt())
                .as("[D-7] cleared.startedAt() from "
                        + "deploys().updateDeployment(updated.toBuilder().services(…).serviceProgress(…).startedAt(…).finishedAt(…).error(…).build()) "
                        + "must be empty").isEmpty();
        assertThat(cleared.version())
                .as("[D-7] cleared.version() from "
                        + "deploys().updateDeployment(updated.toBuilder().services(…).serviceProgress(…).startedAt(…).finishedAt(…).error(…).build()) "
                        + "must equal 3").isEqualTo(3);
    }

    @Test
    @DisplayName("D-8 updateDeployment with a stale version throws Conflict (expected = given, actual = stored) and"
            + " writes nothing")
    void staleDeploymentUpdateConflicts() {
        Deployment v1 = insertDeployment(insertRelease(insertInstance(tenant), 1));
        Deployment v2 = deploys().updateDeployment(v1.toBuilder().state(DeployState.RUNNING).build());
        tick(10);

        assertConflict("[D-8] deploys().updateDeployment(v1.toBuilder().state(DeployState.CANCELLED).build()) must "
                        + "throw ConflictException (version 1 given, 2 stored)",
                () -> deploys().updateDeployment(v1.toBuilder().state(DeployState.CANCELLED).build()),
                tenant, ResourceKind.DEPLOYMENT, v1.id(), 1, 2);
        assertThat(deploys().getDeployment(tenant, v1.id()))
                .as("[D-8] deploys().getDeployment(tenant, v1.id()) must equal v2").isEqualTo(v2);
    }

    @Test
    @DisplayName("D-9 updateDeployment may not change the instance or the release: InvalidArgument naming"
            + " deployment.instanceId / deployment.releaseId, nothing written")
    void deploymentInstanceAndReleaseAreFixed() {
        Instance instance = insertInstance(tenant);
        Instance other = insertInstance(tenant);
        Release r1 = insertRelease(instance, 1);
        Release r2 = insertRelease(instance, 2);
        Release otherRelease = insertRelease(other, 1);
        Deployment stored = insertDeployment(r1);

        assertInvalidArgument("[D-9] deploys().updateDeployment(stored.toBuilder().instanceId(…).releaseId(…).build()) "
                        + "must throw InvalidArgumentException naming deployment.instanceId",
                () -> deploys().updateDeployment(stored.toBuilder().instanceId(other.id())
                .releaseId(otherRelease.id()).build()), "deployment.instanceId");
        assertInvalidArgument("[D-9] deploys().updateDeployment(stored.toBuilder().releaseId(r2.id()).build()) must "
                        + "throw InvalidArgumentException naming deployment.releaseId",
                () -> deploys().updateDeployment(stored.toBuilder().releaseId(r2.id()).build()),
                "deployment.releaseId");
        assertThat(deploys().getDeployment(tenant, stored.id()))
                .as("[D-9] deploys().getDeployment(tenant, stored.id()) must equal stored").isEqualTo(stored);
        assertThat(allDeployments(other)).as("[D-9] allDeployments(other) must be empty").isEmpty();
    }

    @Test
    @DisplayName("D-10a updateDeployment of a missing id, or carrying another tenant, throws NotFound for the"
            + " record's tenant and leaves the owner's row unchanged")
    void updateDeploymentNotFoundAndTenantScoped() {
        Deployment stored = insertDeployment(insertRelease(insertInstance(tenant), 1));
        Deployment missing = stored.toBuilder().id(DeploymentId.generate()).build();
        Deployment hijack = stored.toBuilder().tenantId(otherTenant).state(DeployState.CANCELLED).build();

        assertNotFound("[D-10a] deploys().updateDeployment(missing) must throw NotFoundException",
                () -> deploys().updateDeployment(missing), tenant, ResourceKind.DEPLOYMENT, missing.id());
        assertNotFound("[D-10a] deploys().updateDeployment(hijack) must throw NotFoundException",
                () -> deploys().updateDeployment(hijack), otherTenant, ResourceKind.DEPLOYMENT, stored.id());
        assertThat(deploys().getDeployment(tenant, stored.id()))
                .as("[D-10a] deploys().getDeployment(tenant, stored.id()) must equal stored").isEqualTo(stored);
        assertNotFound("[D-10a] deploys().getDeployment(otherTenant, missing.id()) must throw NotFoundException",
                () -> deploys().getDeployment(otherTenant, missing.id()), otherTenant,
                ResourceKind.DEPLOYMENT, missing.id());
    }

    @Test
    @DisplayName("D-10b updateDeployment of a deployment never stored (version 0) throws InvalidArgument"
            + " deployment.version")
    void updateOfNewDeploymentRejected() {
        Release release = insertRelease(insertInstance(tenant), 1);
        Deployment fresh = newDeployment(release).build();

        assertInvalidArgument("[D-10b] deploys().updateDeployment(fresh) must throw InvalidArgumentException naming "
                        + "deployment.version",
                () -> deploys().updateDeployment(fresh), "deployment.version");
        assertNotFound("[D-10b] deploys().getDeployment(tenant, fresh.id()) must throw NotFoundException",
                () -> deploys().getDeployment(tenant, fresh.id()), tenant, ResourceKind.DEPLOYMENT,
                fresh.id());
    }

    @Test
    @DisplayName("D-11 8 threads updating one deployment with re-read-and-retry on Conflict lose no update")
    void concurrentDeploymentUpdatesLoseNothing() throws Exception {
        Deployment stored = deploys().insertDeployment(newDeployment(insertRelease(insertInstance(tenant), 1))
                .serviceProgress(Map.of("count", "0")).build());
        int threads = 8;
        int increments = 25;

        concurrently(threads, t -> {
            for (int i = 0; i < increments; i++) {
                for (int attempt = 0; ; attempt++) {
                    assertThat(attempt).as("[D-11] attempt must be less than 100_000: retries of one "
                                    + "increment").isLessThan(100_000);
                    Deployment current = deploys().getDeployment(tenant, stored.id());
                    Map<String, String> progress = new HashMap<>(current.serviceProgress());
                    progress.merge("count", "1", (a, b) -> Integer.toString(Integer.parseInt(a) + 1));
                    try {
                        deploys().updateDeployment(current.toBuilder().serviceProgress(progress).build());
                        break;
                    } catch (ConflictException retry) {
                        // someone else won this round: re-read and apply again
                    }
                }
            }
        });

        Deployment end = deploys().getDeployment(tenant, stored.id());
        assertThat(end.serviceProgress())
                .as("[D-11] end.serviceProgress() from deploys().getDeployment(tenant, stored.id()) must contain the "
                        + "entry \"count\", Integer.toString(…)")
                .containsEntry("count", Integer.toString(threads * increments));
        assertThat(end.version())
                .as("[D-11] end.version() from deploys().getDeployment(tenant, stored.id()) must equal 1 + threads * "
                        + "increments").isEqualTo(1 + threads * increments);
    }

    // ---- deployments: list -------------------------------------------------------------------------------------

    @Test
    @DisplayName("D-12 listDeployments returns the instance's deployments newest first: createdAt descending, then"
            + " id descending")
    void deploymentsNewestFirst() {
        Release release = insertRelease(insertInstance(tenant), 1);
        // Ids drawn now, in this order (ids sort by the time they are drawn); inserted in another order below.
        Deployment.Builder oldestId = newDeployment(release).id(DeploymentId.generate());
        Deployment.Builder earlierId = newDeployment(release).id(DeploymentId.generate());
        Deployment.Builder laterId = newDeployment(release).id(DeploymentId.generate());
        Deployment d1 = deploys().insertDeployment(laterId.build());
        Deployment d2 = deploys().insertDeployment(earlierId.build());
        tick(5);
        Deployment d3 = insertDeployment(release);
        tick(5);
        Deployment d4 = insertDeployment(release);
        Deployment d5 = insertDeployment(release);
        tick(5);
        Deployment d6 = deploys().insertDeployment(oldestId.build());

        Page<Deployment> page = deploys().listDeployments(tenant, release.instanceId(),
                PageRequest.first().withTotal());

        assertThat(page.items())
                .as("[D-12] page.items() from deploys().listDeployments(tenant, release.instanceId(), "
                        + "PageRequest.first()) must contain exactly d6, d5, d4, d3, d1, d2")
                .containsExactly(d6, d5, d4, d3, d1, d2);
        assertThat(page.total())
                .as("[D-12] page.total() from deploys().listDeployments(tenant, release.instanceId(), "
                        + "PageRequest.first()) must equal 6").hasValue(6);
        assertThat(page.hasNext())
                .as("[D-12] page.hasNext() from deploys().listDeployments(tenant, release.instanceId(), "
                        + "PageRequest.first()) must be false").isFalse();
    }

    @Test
    @DisplayName("D-13 listDeployments holds only that instance's deployments of the caller's tenant; another"
            + " tenant's, a missing or a foreign instance give an empty page, never NotFound")
    void deploymentListIsScoped() {
        Instance instance = insertInstance(tenant);
        Instance sibling = insertInstance(tenant);
        Instance foreign = insertInstance(otherTenant);
        Deployment mine = insertDeployment(insertRelease(instance, 1));
        Deployment siblings = insertDeployment(insertRelease(sibling, 1));
        Deployment foreigners = insertDeployment(insertRelease(foreign, 1));

        assertThat(allDeployments(instance))
                .as("[D-13] allDeployments(instance) must contain exactly mine").containsExactly(mine);
        assertThat(allDeployments(sibling))
                .as("[D-13] allDeployments(sibling) must contain exactly siblings").containsExactly(siblings);
        assertThat(allDeployments(foreign))
                .as("[D-13] allDeployments(foreign) must contain exactly foreigners").containsExactly(foreigners);
        for (Page<Deployment> empty : List.of(
                deploys().listDeployments(otherTenant, instance.id(), PageRequest.first().withTotal()),
                deploys().listDeployments(tenant, foreign.id(), PageRequest.first().withTotal()),
                deploys().listDeployments(tenant, InstanceId.generate(), PageRequest.first().withTotal()))) {
            assertThat(empty.items()).as("[D-13] empty.items() must be empty").isEmpty();
            assertThat(empty.total()).as("[D-13] empty.total() must be 0").hasValue(0);
            assertThat(empty.hasNext()).as("[D-13] empty.hasNext() must be false").isFalse();
        }
    }

    @Test
    @DisplayName("D-14a walking listDeployments page by page returns every deployment exactly once in the list's"
            + " order, also when all share one createdAt")
    void deploymentWalkWithEqualCreatedAt() {
        Release release = insertRelease(insertInstance(tenant), 1);
        List<Deployment> inserted = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            inserted.add(insertDeployment(release));
        }

        List<Deployment> walked = walk(p -> deploys().listDeployments(tenant, release.instanceId(), p), 4);

        assertThat(walked)
                .as("[D-14a] walked (deploys().listDeployments(tenant, release.instanceId(), p)) must contain exactly "
                        + "the elements of inserted.reversed()")
                .containsExactlyElementsOf(inserted.reversed());
        Page<Deployment> first = deploys().listDeployments(tenant, release.instanceId(), PageRequest.first(4).withTotal());
        assertThat(first.items())
                .as("[D-14a] first.items() from deploys().listDeployments(tenant, release.instanceId(), "
                        + "PageRequest.first(…)) must have size 4").hasSize(4);
        assertThat(first.total())
                .as("[D-14a] first.total() from deploys().listDeployments(tenant, release.instanceId(), "
                        + "PageRequest.first(…)) must equal 23").hasValue(23);
    }

    @Test
    @DisplayName("D-14b a listDeployments walk sees every deployment that existed when it began exactly once while"
            + " deployments are inserted during the walk")
    void deploymentWalkWhileInserting() {
        Release release = insertRelease(insertInstance(tenant), 1);
        Set<Deployment> before = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            before.add(insertDeployment(release));
            if (i % 3 == 0) {
                tick(1);
            }
        }

        List<DeploymentId> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(5);
        for (int round = 0; ; round++) {
            assertThat(round).as("[D-14b] round must be less than 100: pages walked").isLessThan(100);
            Page<Deployment> page = deploys().listDeployments(tenant, release.instanceId(), request);
            page.items().forEach(d -> seen.add(d.id()));
            insertDeployment(release);
            if (round % 2 == 0) {
                tick(1);
            }
            insertDeployment(release);
            if (!page.hasNext()) {
                break;
            }
            request = request.next(page.nextCursor().orElseThrow());
        }

        assertThat(seen).as("[D-14b] seen must have no duplicates").doesNotHaveDuplicates();
        assertThat(seen)
                .as("[D-14b] seen must contain all of before.stream().map(…).toList()")
                .containsAll(before.stream().map(Deployment::id).toList());
    }

    @Test
    @DisplayName("D-15 a garbage cursor, or a cursor from the other list, throws InvalidArgument cursor in both"
            + " listDeployments and listReleases")
    void cursorsBelongToTheirList() {
        Instance instance = insertInstance(tenant);
        Release r1 = insertRelease(instance, 1);
        insertRelease(instance, 2);
        insertDeployment(r1);
        insertDeployment(r1);
        String deploymentCursor = deploys().listDeployments(tenant, instance.id(), PageRequest.first(1))
                .nextCursor().orElseThrow();
        String releaseCursor = deploys().listReleases(tenant, instance.id(), PageRequest.first(1))
                .nextCursor().orElseThrow();
        PageRequest garbage = new PageRequest(10, "not-a-cursor");

        assertInvalidArgument("[D-15] deploys().listDeployments(tenant, instance.id(), garbage) must throw "
                        + "InvalidArgumentException naming cursor",
                () -> deploys().listDeployments(tenant, instance.id(), garbage), "cursor");
        assertInvalidArgument("[D-15] deploys().listReleases(tenant, instance.id(), garbage) must throw "
                        + "InvalidArgumentException naming cursor",
                () -> deploys().listReleases(tenant, instance.id(), garbage), "cursor");
        assertInvalidArgument("[D-15] deploys().listDeployments(tenant, instance.id(), "
                        + "PageRequest.first(1).next(releaseCursor)) must throw InvalidArgumentException naming cursor",
                () -> deploys().listDeployments(tenant, instance.id(),
                PageRequest.first(1).next(releaseCursor)), "cursor");
        assertInvalidArgument("[D-15] deploys().listReleases(tenant, instance.id(), "
                        + "PageRequest.first(1).next(deploymentCursor)) must throw InvalidArgumentException naming "
                        + "cursor",
                () -> deploys().listReleases(tenant, instance.id(),
                PageRequest.first(1).next(deploymentCursor)), "cursor");
    }

    // ---- releases ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("D-16a insertRelease stores every field, sets createdAt = now and returns the stored release")
    void releaseRoundTripsEveryField() {
        Instance instance = insertInstance(tenant);
        List<ServiceSnapshot> services = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            services.add(new ServiceSnapshot("svc-" + i, "registry.example/" + UNICODE + "@sha256:" + i,
                    Map.of("K" + i, UNICODE, "EMPTY", "")));
        }
        Release given = Release.builder().tenantId(tenant).instanceId(instance.id()).version(7).services(services)
                .notes(UNICODE + "\n" + text(20_000)).commitSha("9fceb02d0ae598e95dc970b74767f19372d61af8")
                .active(false).build();

        Release stored = deploys().insertRelease(given);

        assertThat(given.createdAt()).as("[D-16a] given.createdAt() must be null").isNull();
        assertThat(stored)
                .as("[D-16a] stored (deploys().insertRelease(given)) must equal given.toBuilder().createdAt(…).build()")
                .isEqualTo(given.toBuilder().createdAt(clock().instant()).build());
        assertThat(deploys().getRelease(tenant, given.id()))
                .as("[D-16a] deploys().getRelease(tenant, given.id()) must equal stored").isEqualTo(stored);
    }

    @Test
    @DisplayName("D-16b a release with only the required fields reads back with empty services, empty text and"
            + " active true")
    void minimalReleaseRoundTrips() {
        Instance instance = insertInstance(tenant);
        Release given = Release.builder().tenantId(tenant).instanceId(instance.id()).version(1).build();

        Release read = deploys().getRelease(tenant, deploys().insertRelease(given).id());

        assertThat(read)
                .as("[D-16b] read (deploys().getRelease(tenant, deploys().insertRelease(…).id())) must equal "
                        + "given.toBuilder().createdAt(…).build()")
                .isEqualTo(given.toBuilder().createdAt(clock().instant()).build());
        assertThat(read.services())
                .as("[D-16b] read.services() from deploys().getRelease(tenant, deploys().insertRelease(…).id()) must "
                        + "be empty").isEmpty();
        assertThat(read.notes())
                .as("[D-16b] read.notes() from deploys().getRelease(tenant, deploys().insertRelease(…).id()) must be "
                        + "empty").isEmpty();
        assertThat(read.commitSha())
                .as("[D-16b] read.commitSha() from deploys().getRelease(tenant, deploys().insertRelease(…).id()) must "
                        + "be empty").isEmpty();
        assertThat(read.active())
                .as("[D-16b] read.active() from deploys().getRelease(tenant, deploys().insertRelease(…).id()) must be "
                        + "true").isTrue();
    }

    @Test
    @DisplayName("D-17 insertRelease of a release that carries createdAt (was stored already) throws InvalidArgument"
            + " release.createdAt and stores nothing")
    void releaseIsInsertedOnce() {
        Instance instance = insertInstance(tenant);
        Release stored = insertRelease(instance, 1);
        Release renumbered = stored.toBuilder().id(ReleaseId.generate()).version(2).build();

        assertInvalidArgument("[D-17] deploys().insertRelease(stored) must throw InvalidArgumentException naming "
                        + "release.createdAt",
                () -> deploys().insertRelease(stored), "release.createdAt");
        assertInvalidArgument("[D-17] deploys().insertRelease(renumbered) must throw InvalidArgumentException naming "
                        + "release.createdAt",
                () -> deploys().insertRelease(renumbered), "release.createdAt");
        assertThat(allReleases(instance))
                .as("[D-17] allReleases(instance) must contain exactly stored").containsExactly(stored);
        assertNotFound("[D-17] deploys().getRelease(tenant, renumbered.id()) must throw NotFoundException",
                () -> deploys().getRelease(tenant, renumbered.id()), tenant, ResourceKind.RELEASE,
                renumbered.id());
    }

    @Test
    @DisplayName("D-18 insertRelease requires the instance in the release's tenant: a missing or another tenant's"
            + " instance throws NotFound INSTANCE and nothing is stored")
    void releaseNeedsInstanceOfTenant() {
        InstanceId missing = InstanceId.generate();
        Release toMissing = Release.builder().tenantId(tenant).instanceId(missing).version(1).build();
        Instance foreign = insertInstance(otherTenant);
        Release toForeign = Release.builder().tenantId(tenant).instanceId(foreign.id()).version(1).build();

        assertNotFound("[D-18] deploys().insertRelease(toMissing) must throw NotFoundException",
                () -> deploys().insertRelease(toMissing), tenant, ResourceKind.INSTANCE, missing);
        assertNotFound("[D-18] deploys().insertRelease(toForeign) must throw NotFoundException",
                () -> deploys().insertRelease(toForeign), tenant, ResourceKind.INSTANCE, foreign.id());
        assertNotFound("[D-18] deploys().getRelease(tenant, toForeign.id()) must throw NotFoundException",
                () -> deploys().getRelease(tenant, toForeign.id()), tenant, ResourceKind.RELEASE,
                toForeign.id());
        assertNotFound("[D-18] deploys().getRelease(otherTenant, toForeign.id()) must throw NotFoundException",
                () -> deploys().getRelease(otherTenant, toForeign.id()), otherTenant, ResourceKind.RELEASE,
                toForeign.id());
        assertThat(allReleases(foreign)).as("[D-18] allReleases(foreign) must be empty").isEmpty();
        assertThat(deploys().nextReleaseVersion(otherTenant, foreign.id()))
                .as("[D-18] deploys().nextReleaseVersion(otherTenant, foreign.id()) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("D-19a a second release with the same version for the same instance throws AlreadyExists on field"
            + " version; other instances number their releases independently")
    void releaseVersionUniquePerInstance() {
        Instance instance = insertInstance(tenant);
        Instance other = insertInstance(tenant);
        Release first = insertRelease(instance, 1);
        Release clash = newRelease(instance, 1).notes("second").build();

        AlreadyExistsException e = assertAlreadyExists("[D-19a] deploys().insertRelease(clash) must throw "
                        + "AlreadyExistsException on version",
                () -> deploys().insertRelease(clash), tenant,
                ResourceKind.RELEASE, "version");
        assertThat(e.value())
                .as("[D-19a] e.value() from deploys().insertRelease(clash) must equal \"1\"").isEqualTo("1");
        assertThat(allReleases(instance))
                .as("[D-19a] allReleases(instance) must contain exactly first").containsExactly(first);
        assertNotFound("[D-19a] deploys().getRelease(tenant, clash.id()) must throw NotFoundException",
                () -> deploys().getRelease(tenant, clash.id()), tenant, ResourceKind.RELEASE, clash.id());

        Release otherV1 = insertRelease(other, 1);
        Release foreignV1 = insertRelease(insertInstance(otherTenant), 1);
        assertThat(deploys().getRelease(tenant, otherV1.id()))
                .as("[D-19a] deploys().getRelease(tenant, otherV1.id()) must equal otherV1").isEqualTo(otherV1);
        assertThat(deploys().getRelease(otherTenant, foreignV1.id()))
                .as("[D-19a] deploys().getRelease(otherTenant, foreignV1.id()) must equal "
                        + "foreignV1").isEqualTo(foreignV1);
    }

    @Test
    @DisplayName("D-19b insertRelease with an existing id throws AlreadyExists on field id and leaves the stored"
            + " release unchanged")
    void duplicateReleaseId() {
        Instance instance = insertInstance(tenant);
        Release first = insertRelease(instance, 1);
        Release sameId = newRelease(instance, 2).id(first.id()).build();

        AlreadyExistsException e = assertAlreadyExists("[D-19b] deploys().insertRelease(sameId) must throw "
                        + "AlreadyExistsException on id",
                () -> deploys().insertRelease(sameId), tenant,
                ResourceKind.RELEASE, "id");
        assertThat(e.value())
                .as("[D-19b] e.value() from deploys().insertRelease(sameId) must equal "
                        + "first.id().value()").isEqualTo(first.id().value());
        assertThat(deploys().getRelease(tenant, first.id()))
                .as("[D-19b] deploys().getRelease(tenant, first.id()) must equal first").isEqualTo(first);
        assertThat(deploys().nextReleaseVersion(tenant, instance.id()))
                .as("[D-19b] deploys().nextReleaseVersion(tenant, instance.id()) must equal 2").isEqualTo(2);
    }

    @Test
    @DisplayName("D-20 getRelease of a missing id, or of another tenant's release, throws NotFound RELEASE carrying"
            + " the caller's tenant")
    void getReleaseNotFoundAndTenantIsolation() {
        Release release = insertRelease(insertInstance(tenant), 1);
        ReleaseId missing = ReleaseId.generate();

        assertNotFound("[D-20] deploys().getRelease(tenant, missing) must throw NotFoundException",
                () -> deploys().getRelease(tenant, missing), tenant, ResourceKind.RELEASE, missing);
        assertNotFound("[D-20] deploys().getRelease(otherTenant, release.id()) must throw NotFoundException",
                () -> deploys().getRelease(otherTenant, release.id()), otherTenant, ResourceKind.RELEASE,
                release.id());
        assertThat(deploys().getRelease(tenant, release.id()))
                .as("[D-20] deploys().getRelease(tenant, release.id()) must equal release").isEqualTo(release);
    }

    @Test
    @DisplayName("D-21 listReleases returns the instance's releases by version descending, whatever their createdAt,"
            + " and only that instance's in the caller's tenant; others give an empty page")
    void releasesByVersionDescending() {
        Instance instance = insertInstance(tenant);
        Release v2 = insertRelease(instance, 2);
        tick(5);
        Release v10 = insertRelease(instance, 10);
        tick(5);
        Release v1 = insertRelease(instance, 1);
        Release v3 = insertRelease(instance, 3);
        insertRelease(insertInstance(tenant), 4);
        Instance foreign = insertInstance(otherTenant);
        insertRelease(foreign, 5);

        Page<Release> page = deploys().listReleases(tenant, instance.id(), PageRequest.first().withTotal());
        assertThat(page.items())
                .as("[D-21] page.items() from deploys().listReleases(tenant, instance.id(), PageRequest.first()) must "
                        + "contain exactly v10, v3, v2, v1").containsExactly(v10, v3, v2, v1);
        assertThat(page.total())
                .as("[D-21] page.total() from deploys().listReleases(tenant, instance.id(), PageRequest.first()) must "
                        + "equal 4").hasValue(4);
        assertThat(deploys().listReleases(tenant, instance.id(), PageRequest.first(1)).items())
                .as("[D-21] deploys().listReleases(tenant, instance.id(), PageRequest.first(1)).items() must contain "
                        + "exactly v10")
                .containsExactly(v10);

        for (Page<Release> empty : List.of(
                deploys().listReleases(otherTenant, instance.id(), PageRequest.first().withTotal()),
                deploys().listReleases(tenant, foreign.id(), PageRequest.first().withTotal()),
                deploys().listReleases(tenant, InstanceId.generate(), PageRequest.first().withTotal()))) {
            assertThat(empty.items()).as("[D-21] empty.items() must be empty").isEmpty();
            assertThat(empty.total()).as("[D-21] empty.total() must be 0").hasValue(0);
        }
    }

    @Test
    @DisplayName("D-22a walking listReleases page by page returns every release exactly once, highest version first,"
            + " also when all share one createdAt")
    void releaseWalkWithEqualCreatedAt() {
        Instance instance = insertInstance(tenant);
        for (int v = 1; v <= 25; v++) {
            insertRelease(instance, v);
        }

        List<Release> walked = walk(p -> deploys().listReleases(tenant, instance.id(), p), 4);

        assertThat(versions(walked))
                .as("[D-22a] versions(walked) must contain exactly the elements of …")
                .containsExactlyElementsOf(IntStream.iterate(25, v -> v - 1).limit(25).boxed()
                .toList());
        assertThat(deploys().listReleases(tenant, instance.id(), PageRequest.first(4).withTotal()).total())
                .as("[D-22a] deploys().listReleases(tenant, instance.id(), PageRequest.first(4)).total() must equal "
                        + "25").hasValue(25);
    }

    @Test
    @DisplayName("D-22b a listReleases walk sees every release that existed when it began exactly once while new"
            + " releases are inserted during the walk")
    void releaseWalkWhileInserting() {
        Instance instance = insertInstance(tenant);
        for (int v = 1; v <= 14; v++) {
            insertRelease(instance, v);
        }

        List<Integer> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(3);
        for (int round = 0; ; round++) {
            assertThat(round).as("[D-22b] round must be less than 100: pages walked").isLessThan(100);
            Page<Release> page = deploys().listReleases(tenant, instance.id(), request);
            seen.addAll(versions(page.items()));
            insertRelease(instance, deploys().nextReleaseVersion(tenant, instance.id()));
            if (!page.hasNext()) {
                break;
            }
            request = request.next(page.nextCursor().orElseThrow());
        }

        assertThat(seen).as("[D-22b] seen must have no duplicates").doesNotHaveDuplicates();
        assertThat(seen)
                .as("[D-22b] seen must contain all of …").containsAll(IntStream.rangeClosed(1, 14).boxed().toList());
    }

    @Test
    @DisplayName("D-23 nextReleaseVersion is the instance's highest version + 1, or 1 when it has none; a missing or"
            + " foreign instance gives 1, never NotFound")
    void nextReleaseVersionIsMaxPlusOne() {
        Instance instance = insertInstance(tenant);
        Instance sibling = insertInstance(tenant);
        assertThat(deploys().nextReleaseVersion(tenant, instance.id()))
                .as("[D-23] deploys().nextReleaseVersion(tenant, instance.id()) must equal 1").isEqualTo(1);

        insertRelease(instance, 1);
        assertThat(deploys().nextReleaseVersion(tenant, instance.id()))
                .as("[D-23] deploys().nextReleaseVersion(tenant, instance.id()) must equal 2").isEqualTo(2);
        insertRelease(instance, 5);
        insertRelease(instance, 3);
        assertThat(deploys().nextReleaseVersion(tenant, instance.id()))
                .as("[D-23] deploys().nextReleaseVersion(tenant, instance.id()) must equal 6").isEqualTo(6);

        insertRelease(sibling, 9);
        assertThat(deploys().nextReleaseVersion(tenant, instance.id()))
                .as("[D-23] deploys().nextReleaseVersion(tenant, instance.id()) must equal 6").isEqualTo(6);
        assertThat(deploys().nextReleaseVersion(tenant, sibling.id()))
                .as("[D-23] deploys().nextReleaseVersion(tenant, sibling.id()) must equal 10").isEqualTo(10);
        assertThat(deploys().nextReleaseVersion(otherTenant, instance.id()))
                .as("[D-23] deploys().nextReleaseVersion(otherTenant, instance.id()) must equal 1").isEqualTo(1);
        assertThat(deploys().nextReleaseVersion(tenant, InstanceId.generate()))
                .as("[D-23] deploys().nextReleaseVersion(tenant, InstanceId.generate()) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("D-24 8 threads each taking nextReleaseVersion and inserting, retrying on AlreadyExists version,"
            + " create versions 1..80 exactly once")
    void concurrentReleasesGetDistinctVersions() throws Exception {
        Instance instance = insertInstance(tenant);
        int threads = 8;
        int perThread = 10;

        // Every round, each thread still working reads its version before any of them inserts: the reads collide.
        Phaser round = new Phaser(threads);
        concurrently(threads, t -> {
            try {
                for (int i = 0; i < perThread; i++) {
                    for (int attempt = 0; ; attempt++) {
                        assertThat(attempt).as("[D-24] attempt must be less than 10_000: retries of one "
                                        + "release").isLessThan(10_000);
                        int v = deploys().nextReleaseVersion(tenant, instance.id());
                        round.arriveAndAwaitAdvance();
                        try {
                            deploys().insertRelease(newRelease(instance, v).notes("thread " + t).build());
                            break;
                        } catch (AlreadyExistsException e) {
                            assertThat(e.field()).as("[D-24] e.field() must equal \"version\": field of the "
                                            + "AlreadyExistsException").isEqualTo("version");
                        }
                    }
                }
            } finally {
                round.arriveAndDeregister();
            }
        });

        List<Release> all = allReleases(instance);
        assertThat(versions(all))
                .as("[D-24] versions(all) must contain exactly the elements of …").containsExactlyElementsOf(
                IntStream.iterate(threads * perThread, v -> v - 1).limit(threads * perThread).boxed().toList());
        assertThat(deploys().nextReleaseVersion(tenant, instance.id()))
                .as("[D-24] deploys().nextReleaseVersion(tenant, instance.id()) must equal threads * perThread + "
                        + "1").isEqualTo(threads * perThread + 1);
    }

    @Test
    @DisplayName("D-25 deployments inserted concurrently by 8 threads all land")
    void concurrentDeploymentInsertsAllLand() throws Exception {
        Release release = insertRelease(insertInstance(tenant), 1);
        Set<DeploymentId> inserted = ConcurrentHashMap.newKeySet();

        concurrently(8, t -> {
            for (int i = 0; i < 10; i++) {
                inserted.add(insertDeployment(release).id());
            }
        });

        List<Deployment> all = walk(p -> deploys().listDeployments(tenant, release.instanceId(), p), 7);
        assertThat(inserted).as("[D-25] inserted must have size 80").hasSize(80);
        assertThat(all)
                .as("[D-25] all (deploys().listDeployments(tenant, release.instanceId(), p)) mapped by Deployment::id "
                        + "must contain exactly, in any order, the elements of inserted")
                .extracting(Deployment::id).containsExactlyInAnyOrderElementsOf(inserted);
    }

    // ---- instance delete, copies, bad input ------------------------------------------------------------------

    @Test
    @DisplayName("D-26 deleting an instance deletes its deployments and releases, and nothing of other instances")
    void instanceDeleteCascades() {
        Instance doomed = insertInstance(tenant);
        Instance kept = insertInstance(tenant);
        Instance foreign = insertInstance(otherTenant);
        Release r1 = insertRelease(doomed, 1);
        Release r2 = insertRelease(doomed, 2);
        Deployment d1 = insertDeployment(r1);
        Deployment d2 = insertDeployment(r2);
        Release keptRelease = insertRelease(kept, 1);
        Deployment keptDeployment = insertDeployment(keptRelease);
        Release foreignRelease = insertRelease(foreign, 1);
        Deployment foreignDeployment = insertDeployment(foreignRelease);

        store.instances().delete(tenant, doomed.id());

        for (Deployment d : List.of(d1, d2)) {
            assertNotFound("[D-26] deploys().getDeployment(tenant, d.id()) must throw NotFoundException",
                    () -> deploys().getDeployment(tenant, d.id()), tenant, ResourceKind.DEPLOYMENT, d.id());
        }
        for (Release r : List.of(r1, r2)) {
            assertNotFound("[D-26] deploys().getRelease(tenant, r.id()) must throw NotFoundException",
                    () -> deploys().getRelease(tenant, r.id()), tenant, ResourceKind.RELEASE, r.id());
        }
        assertThat(allDeployments(doomed)).as("[D-26] allDeployments(doomed) must be empty").isEmpty();
        assertThat(allReleases(doomed)).as("[D-26] allReleases(doomed) must be empty").isEmpty();
        assertThat(deploys().nextReleaseVersion(tenant, doomed.id()))
                .as("[D-26] deploys().nextReleaseVersion(tenant, doomed.id()) must equal 1").isEqualTo(1);
        assertThat(allDeployments(kept))
                .as("[D-26] allDeployments(kept) must contain exactly keptDeployment").containsExactly(keptDeployment);
        assertThat(allReleases(kept))
                .as("[D-26] allReleases(kept) must contain exactly keptRelease").containsExactly(keptRelease);
        assertThat(allDeployments(foreign))
                .as("[D-26] allDeployments(foreign) must contain exactly "
                        + "foreignDeployment").containsExactly(foreignDeployment);
        assertThat(allReleases(foreign))
                .as("[D-26] allReleases(foreign) must contain exactly foreignRelease").containsExactly(foreignRelease);
    }

    @Test
    @DisplayName("D-27 returned lists are unmodifiable, and changing collections passed in after insert or update"
            + " does not change what is stored")
    void copiesNotAliases() {
        Instance instance = insertInstance(tenant);
        List<ServiceSnapshot> snapshots = new ArrayList<>(List.of(new ServiceSnapshot("web", "img:1", Map.of())));
        Release release = deploys().insertRelease(newRelease(instance, 1).services(snapshots).build());
        List<ServiceDeploySpec> specs = new ArrayList<>(
                List.of(new ServiceDeploySpec("web", "img:1", new HashMap<>(Map.of("A", "1")), Optional.empty())));
        Map<String, String> progress = new HashMap<>(Map.of("web", "pending"));
        Deployment deployment = deploys().insertDeployment(newDeployment(release).services(specs)
                .serviceProgress(progress).build());

        snapshots.add(new ServiceSnapshot("evil", "img:666", Map.of()));
        specs.clear();
        progress.put("web", "succeeded");

        Deployment read = deploys().getDeployment(tenant, deployment.id());
        assertThat(read)
                .as("[D-27] read (deploys().getDeployment(tenant, deployment.id())) must equal "
                        + "deployment").isEqualTo(deployment);
        assertThat(read.services())
                .as("[D-27] read.services() from deploys().getDeployment(tenant, deployment.id()) mapped by "
                        + "ServiceDeploySpec::name must contain exactly \"web\"")
                .extracting(ServiceDeploySpec::name).containsExactly("web");
        assertThat(read.serviceProgress())
                .as("[D-27] read.serviceProgress() from deploys().getDeployment(tenant, deployment.id()) must contain "
                        + "exactly Map.entry(\"web\", \"pending\")")
                .containsExactly(Map.entry("web", "pending"));
        assertThat(deploys().getRelease(tenant, release.id()).services())
                .as("[D-27] deploys().getRelease(tenant, release.id()).services() mapped by ServiceSnapshot::name must "
                        + "contain exactly \"web\"").extracting(ServiceSnapshot::name)
                .containsExactly("web");

        Page<Deployment> deployments = deploys().listDeployments(tenant, instance.id(), PageRequest.first());
        Page<Release> releases = deploys().listReleases(tenant, instance.id(), PageRequest.first());
        assertThatThrownBy(() -> deployments.items().clear(),
                "[D-27] deployments.items().clear() must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> releases.items().clear(),
                "[D-27] releases.items().clear() must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.services().clear(),
                "[D-27] read.services().clear() must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.serviceProgress().put("x", "y"),
                "[D-27] read.serviceProgress().put(\"x\", \"y\") must throw UnsupportedOperationException")
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> releases.items().get(0).services().clear(),
                "[D-27] releases.items().get(0).services().clear() must throw UnsupportedOperationException")
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(allDeployments(instance))
                .as("[D-27] allDeployments(instance) must contain exactly deployment").containsExactly(deployment);
        assertThat(allReleases(instance))
                .as("[D-27] allReleases(instance) must contain exactly release").containsExactly(release);
    }

    @Test
    @DisplayName("D-28 a null argument to any method throws InvalidArgument naming the parameter")
    void nullArguments() {
        Instance instance = insertInstance(tenant);
        PageRequest page = PageRequest.first();

        assertInvalidArgument("[D-28] deploys().insertDeployment(null) must throw InvalidArgumentException naming "
                        + "deployment",
                () -> deploys().insertDeployment(null), "deployment");
        assertInvalidArgument("[D-28] deploys().getDeployment(null, DeploymentId.generate()) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> deploys().getDeployment(null, DeploymentId.generate()), "tenantId");
        assertInvalidArgument("[D-28] deploys().getDeployment(tenant, null) must throw InvalidArgumentException naming "
                        + "deploymentId",
                () -> deploys().getDeployment(tenant, null), "deploymentId");
        assertInvalidArgument("[D-28] deploys().updateDeployment(null) must throw InvalidArgumentException naming "
                        + "deployment",
                () -> deploys().updateDeployment(null), "deployment");
        assertInvalidArgument("[D-28] deploys().listDeployments(null, instance.id(), page) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> deploys().listDeployments(null, instance.id(), page), "tenantId");
        assertInvalidArgument("[D-28] deploys().listDeployments(tenant, null, page) must throw "
                        + "InvalidArgumentException naming instanceId",
                () -> deploys().listDeployments(tenant, null, page), "instanceId");
        assertInvalidArgument("[D-28] deploys().listDeployments(tenant, instance.id(), null) must throw "
                        + "InvalidArgumentException naming page",
                () -> deploys().listDeployments(tenant, instance.id(), null), "page");
        assertInvalidArgument("[D-28] deploys().insertRelease(null) must throw InvalidArgumentException naming release",
                () -> deploys().insertRelease(null), "release");
        assertInvalidArgument("[D-28] deploys().getRelease(null, ReleaseId.generate()) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> deploys().getRelease(null, ReleaseId.generate()), "tenantId");
        assertInvalidArgument("[D-28] deploys().getRelease(tenant, null) must throw InvalidArgumentException naming "
                        + "releaseId",
                () -> deploys().getRelease(tenant, null), "releaseId");
        assertInvalidArgument("[D-28] deploys().listReleases(null, instance.id(), page) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> deploys().listReleases(null, instance.id(), page), "tenantId");
        assertInvalidArgument("[D-28] deploys().listReleases(tenant, null, page) must throw InvalidArgumentException "
                        + "naming instanceId",
                () -> deploys().listReleases(tenant, null, page), "instanceId");
        assertInvalidArgument("[D-28] deploys().listReleases(tenant, instance.id(), null) must throw "
                        + "InvalidArgumentException naming page",
                () -> deploys().listReleases(tenant, instance.id(), null), "page");
        assertInvalidArgument("[D-28] deploys().nextReleaseVersion(null, instance.id()) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> deploys().nextReleaseVersion(null, instance.id()), "tenantId");
        assertInvalidArgument("[D-28] deploys().nextReleaseVersion(tenant, null) must throw InvalidArgumentException "
                        + "naming instanceId",
                () -> deploys().nextReleaseVersion(tenant, null), "instanceId");
        assertThat(allReleases(instance)).as("[D-28] allReleases(instance) must be empty").isEmpty();
        assertThat(allDeployments(instance)).as("[D-28] allDeployments(instance) must be empty").isEmpty();
    }

    @Test
    @DisplayName("D-29 malformed input (oversized or blank strategy, version < 1, oversized commitSha, bad service"
            + " name, wrong-prefix ids) throws InvalidArgument naming the field and stores nothing")
    void malformedInputRejected() {
        Instance instance = insertInstance(tenant);
        Release release = insertRelease(instance, 1);

        assertInvalidArgument("[D-29] deploys().insertDeployment(newDeployment(release).strategy(text(256)).build()) "
                        + "must throw InvalidArgumentException naming deployment.strategy",
                () -> deploys().insertDeployment(newDeployment(release).strategy(text(256)).build()),
                "deployment.strategy");
        assertInvalidArgument("[D-29] deploys().insertDeployment(newDeployment(release).strategy(\" \").build()) must "
                        + "throw InvalidArgumentException naming deployment.strategy",
                () -> deploys().insertDeployment(newDeployment(release).strategy(" ").build()),
                "deployment.strategy");
        assertInvalidArgument("[D-29] deploys().insertDeployment(newDeployment(release).initiator(text(256)).build()) "
                        + "must throw InvalidArgumentException naming deployment.initiator",
                () -> deploys().insertDeployment(newDeployment(release).initiator(text(256)).build()),
                "deployment.initiator");
        assertInvalidArgument("[D-29] deploys().insertDeployment(newDeployment(release).services(List.of(…)).build()) "
                        + "must throw InvalidArgumentException naming service.name",
                () -> deploys().insertDeployment(newDeployment(release)
                .services(List.of(new ServiceDeploySpec("Not A Slug", "img", Map.of(), Optional.empty())))
                .build()), "service.name");
        assertInvalidArgument("[D-29] deploys().insertRelease(newRelease(instance, 0).build()) must throw "
                        + "InvalidArgumentException naming release.version",
                () -> deploys().insertRelease(newRelease(instance, 0).build()), "release.version");
        assertInvalidArgument("[D-29] deploys().insertRelease(newRelease(instance, -3).build()) must throw "
                        + "InvalidArgumentException naming release.version",
                () -> deploys().insertRelease(newRelease(instance, -3).build()), "release.version");
        assertInvalidArgument("[D-29] deploys().insertRelease(newRelease(instance, 2).commitSha(text(256)).build()) "
                        + "must throw InvalidArgumentException naming release.commitSha",
                () -> deploys().insertRelease(newRelease(instance, 2).commitSha(text(256)).build()),
                "release.commitSha");
        assertInvalidArgument("[D-29] deploys().getDeployment(tenant, DeploymentId.parse(release.id().value())) must "
                        + "throw InvalidArgumentException naming deploymentId",
                () -> deploys().getDeployment(tenant, DeploymentId.parse(release.id().value())),
                "deploymentId");
        assertInvalidArgument("[D-29] deploys().getRelease(tenant, ReleaseId.parse(instance.id().value())) must throw "
                        + "InvalidArgumentException naming releaseId",
                () -> deploys().getRelease(tenant, ReleaseId.parse(instance.id().value())),
                "releaseId");

        assertThat(allDeployments(instance)).as("[D-29] allDeployments(instance) must be empty").isEmpty();
        assertThat(allReleases(instance))
                .as("[D-29] allReleases(instance) must contain exactly release").containsExactly(release);
        Deployment longest = deploys().insertDeployment(newDeployment(release).strategy(text(255)).build());
        assertThat(deploys().getDeployment(tenant, longest.id()).strategy())
                .as("[D-29] deploys().getDeployment(tenant, longest.id()).strategy() must have size 255").hasSize(255);
    }
}
