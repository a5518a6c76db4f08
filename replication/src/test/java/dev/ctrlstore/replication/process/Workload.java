package dev.ctrlstore.replication.process;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.deploy.DeployState;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.health.CheckType;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.health.HealthStatus;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretValue;
import dev.ctrlstore.store.spec.SecretType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writers that change every replicated subsystem of a center at once, through the public {@link Store} API: inserts,
 * updates of shared rows (so some lose on version and roll back), deletes that cascade, re-inserts of labels, and
 * writes that must never reach a replica (secrets, health results). Seeded per writer; runs until stopped.
 */
final class Workload implements AutoCloseable {

    /** The plaintext every secret the writers store carries; it must never be found in a replica. */
    static final String SECRET_MARKER = "never-leaves-the-center-7d1e";

    private final Store store;
    private final Duration pause;
    private final List<TenantId> tenants = new ArrayList<>();
    private final Map<InstanceId, TenantId> instances = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private Workload(Store store, Duration pause) {
        this.store = store;
        this.pause = pause;
    }

    /**
     * Creates 3 tenants with 4 instances each, then starts {@code writers} threads.
     *
     * @param pause how long each writer rests between two writes (keeps the machine free for the processes under
     *              test; zero for full speed)
     */
    static Workload start(Store store, int writers, long seed, Duration pause) {
        Workload workload = new Workload(store, pause);
        Random setup = new Random(seed);
        for (int t = 0; t < 3; t++) {
            TenantId tenant = store.admin().insertTenant(Tenant.builder().name("tenant " + t)
                    .slug("tenant-" + t + "-" + Long.toHexString(setup.nextLong() & 0xffffff)).build()).id();
            workload.tenants.add(tenant);
            for (int i = 0; i < 4; i++) {
                workload.insertInstance(setup, tenant);
            }
        }
        for (int w = 0; w < writers; w++) {
            Random random = new Random(seed * 31 + w);
            workload.threads.add(Thread.ofPlatform().name("writer-" + w).start(() -> workload.run(random)));
        }
        return workload;
    }

    private void run(Random random) {
        while (running.get()) {
            try {
                write(random);
                committed.incrementAndGet();
            } catch (ConflictException | NotFoundException | AlreadyExistsException e) {
                // Another writer got there first: the transaction rolled back, which is part of the test.
                refused.incrementAndGet();
            } catch (RuntimeException e) {
                if (running.get()) {
                    failures.add(e);
                }
            }
            if (!pause.isZero()) {
                LockSupport.parkNanos(pause.toNanos());
            }
        }
    }

    private void write(Random random) {
        int op = random.nextInt(100);
        if (op < 15 || instances.size() < 6) {
            insertInstance(random, tenants.get(random.nextInt(tenants.size())));
            return;
        }
        Map.Entry<InstanceId, TenantId> some = pick(random);
        TenantId tenant = some.getValue();
        InstanceId id = some.getKey();
        if (op < 35) {
            Instance current = store.instances().get(tenant, id);
            store.instances().update(current.toBuilder().labels(labels(random))
                    .state(InstanceState.values()[random.nextInt(InstanceState.values().length)])
                    .suspendedAt(random.nextBoolean() ? null : Instant.ofEpochSecond(1_700_000_000L, random.nextInt(1_000_000) * 1000L))
                    .build());
        } else if (op < 40) {
            if (instances.size() > 12) {
                store.instances().delete(tenant, id);
                instances.remove(id);
            }
        } else if (op < 50) {
            Release release = store.deployments().insertRelease(Release.builder().tenantId(tenant).instanceId(id)
                    .version(store.deployments().nextReleaseVersion(tenant, id)).notes("n" + random.nextInt(1000))
                    .commitSha(Long.toHexString(random.nextLong())).build());
            store.deployments().insertDeployment(Deployment.builder().tenantId(tenant).instanceId(id)
                    .releaseId(release.id()).initiator("usr_" + random.nextInt(9)).build());
        } else if (op < 57) {
            List<Deployment> deployments = store.deployments().listDeployments(tenant, id, PageRequest.first(5)).items();
            if (!deployments.isEmpty()) {
                Deployment d = deployments.get(random.nextInt(deployments.size()));
                store.deployments().updateDeployment(d.toBuilder()
                        .state(DeployState.values()[random.nextInt(DeployState.values().length)])
                        .serviceProgress(Map.of("web", "step " + random.nextInt(10))).build());
            }
        } else if (op < 66) {
            List<HealthCheck> checks = store.health().listChecks(tenant, id);
            int what = random.nextInt(4);
            if (checks.isEmpty() || what == 0) {
                store.health().insertCheck(HealthCheck.builder().tenantId(tenant).instanceId(id)
                        .name("check " + random.nextInt(1_000_000)).type(CheckType.HTTP)
                        .target("http://localhost:" + (8000 + random.nextInt(100)) + "/healthz").build());
            } else if (what == 1) {
                store.health().deleteCheck(tenant, checks.get(0).id());
            } else if (what == 2) {
                HealthCheck check = checks.get(random.nextInt(checks.size()));
                store.health().insertResult(HealthResult.builder().check(check)
                        .status(HealthStatus.values()[random.nextInt(HealthStatus.values().length)])
                        .latency(Duration.ofMillis(random.nextInt(500))).message("history stays central")
                        .checkedAt(Instant.now()).build());
            } else {
                HealthCheck check = checks.get(random.nextInt(checks.size()));
                store.health().updateCheck(check.toBuilder().retries(random.nextInt(5))
                        .interval(Duration.ofSeconds(5 + random.nextInt(60))).enabled(random.nextBoolean()).build());
            }
        } else if (op < 78) {
            List<Domain> domains = store.network().listDomains(tenant, id);
            int what = random.nextInt(4);
            if (domains.isEmpty() || what == 0) {
                Domain domain = store.network().insertDomain(Domain.builder().tenantId(tenant).instanceId(id)
                        .hostname("d" + Long.toHexString(random.nextLong() & 0xffffffffL) + ".example.com").build());
                store.network().insertCertificate(Certificate.builder().tenantId(tenant).domainId(domain.id())
                        .issuer("letsencrypt").expiresAt(Instant.ofEpochSecond(1_800_000_000L + random.nextInt(1000)))
                        .build());
            } else if (what == 1) {
                store.network().deleteDomain(tenant, domains.get(0).id());
            } else if (what == 2) {
                Domain domain = domains.get(random.nextInt(domains.size()));
                store.network().updateDomain(domain.toBuilder().verified(random.nextBoolean())
                        .tlsEnabled(random.nextBoolean()).build());
            } else {
                Domain domain = domains.get(random.nextInt(domains.size()));
                List<Certificate> certificates = store.network().listCertificates(tenant, id);
                if (!certificates.isEmpty()) {
                    Certificate c = certificates.get(random.nextInt(certificates.size()));
                    store.network().updateCertificate(c.toBuilder().autoRenew(random.nextBoolean()).build());
                } else {
                    store.network().insertCertificate(Certificate.builder().tenantId(tenant).domainId(domain.id())
                            .issuer("zerossl").expiresAt(Instant.ofEpochSecond(1_900_000_000L)).build());
                }
            }
        } else if (op < 90) {
            List<Route> routes = store.network().listRoutes(tenant, id);
            int what = random.nextInt(3);
            if (routes.isEmpty() || what == 0) {
                store.network().insertRoute(Route.builder().tenantId(tenant).instanceId(id)
                        .path("/r" + random.nextInt(1_000_000)).port(8080).build());
            } else if (what == 1) {
                store.network().deleteRoute(tenant, routes.get(0).id());
            } else {
                Route route = routes.get(random.nextInt(routes.size()));
                store.network().updateRoute(route.toBuilder().weight(random.nextInt(100))
                        .stripPrefix(random.nextBoolean()).build());
            }
        } else if (op < 95) {
            Tenant current = store.admin().getTenant(tenant);
            store.admin().updateTenant(current.toBuilder()
                    .metadata(Map.of("touched", Integer.toString(random.nextInt(1000)))).build());
        } else {
            store.secrets().insert(Secret.builder().tenantId(tenant).instanceId(id)
                    .key("KEY_" + random.nextInt(1_000_000)).type(SecretType.ENV)
                    .value(SecretValue.ofUtf8(SECRET_MARKER)).build());
        }
    }

    private void insertInstance(Random random, TenantId tenant) {
        String n = Long.toHexString(random.nextLong() & 0xffffffffffL);
        Instance instance = store.instances().insert(Instance.builder().tenantId(tenant).name("app " + n)
                .slug("app-" + n).providerName("docker").region("eu-" + random.nextInt(3))
                .state(InstanceState.RUNNING).labels(labels(random)).build());
        instances.put(instance.id(), tenant);
    }

    private static Map<String, String> labels(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Map.of();
            case 1 -> Map.of("team", "t" + random.nextInt(5));
            case 2 -> Map.of("team", "t" + random.nextInt(5), "tier", random.nextBoolean() ? "web" : "db");
            default -> Map.of("tier", "batch", "zone", "z" + random.nextInt(3), "owner", "o" + random.nextInt(7));
        };
    }

    private Map.Entry<InstanceId, TenantId> pick(Random random) {
        List<Map.Entry<InstanceId, TenantId>> all = new ArrayList<>(instances.entrySet());
        return all.get(random.nextInt(all.size()));
    }

    /** Transactions that committed so far. */
    long committed() {
        return committed.get();
    }

    /** Writes refused because another writer changed or removed the row first (rolled back). */
    long refused() {
        return refused.get();
    }

    /** Unexpected errors (anything but a lost race) seen while running. */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Stops the writers and waits for them; every write that returned has committed. */
    @Override
    public void close() {
        running.set(false);
        try {
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
