package dev.ctrlstore.replication.replica;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.telemetry.TelemetryStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One {@link Store} made of a center and its replica: every write goes to the center, every read of replicated data
 * goes to the LDB after waiting for the center's ledger position of the writes made so far, and the reads the LDB
 * never answers (secrets, history) go to the center. What the TCK then checks of this store, it checks of the data
 * that travelled through the ledger and the reflector.
 *
 * <p>The position waited for is the highest {@link SqlStore#ledgerPosition()} any thread saw after a write, so a read
 * on one thread also sees what other threads wrote before it (the kit's concurrent rules join their threads first).
 */
final class ReplicatedStore implements Store {
    /** The reads the LDB answers, per subsystem; every other method must be a write or a center-only read. */
    private static final Set<String> INSTANCE_READS = Set.of("get", "getBySlug", "list", "count");
    private static final Set<String> DEPLOYMENT_READS = Set.of("getDeployment", "listDeployments", "getRelease",
            "listReleases", "nextReleaseVersion");
    private static final Set<String> HEALTH_READS = Set.of("getCheck", "listChecks");
    private static final Set<String> NETWORK_READS = Set.of("getDomain", "getDomainByHostname", "listDomains",
            "countDomains", "getRoute", "listRoutes", "getCertificate", "listCertificates");
    private static final Set<String> ADMIN_READS = Set.of("getTenant", "getTenantBySlug", "getTenantByExternalId",
            "listTenants", "countTenants", "countTenantsByStatus");
    /** History reads of the mixed subsystems, which stay at the center. */
    private static final Set<String> CENTER_READS = Set.of("listResults", "latestResult", "queryAuditLog");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SqlStore center;
    private final LdbStore replica;
    private final AutoCloseable reflector;
    private final Runnable onLdbRead;
    private final AtomicLong written = new AtomicLong();
    private final InstanceStore instances;
    private final DeploymentStore deployments;
    private final HealthStore health;
    private final NetworkStore network;
    private final AdminStore admin;

    /**
     * @param reflector stopped on close, before the replica and the center
     * @param onLdbRead called for every read the LDB answers
     */
    ReplicatedStore(SqlStore center, LdbStore replica, AutoCloseable reflector, Runnable onLdbRead) {
        this.center = center;
        this.replica = replica;
        this.reflector = reflector;
        this.onLdbRead = onLdbRead;
        this.instances = route(InstanceStore.class, center.instances(), replica.instances(), INSTANCE_READS);
        this.deployments = route(DeploymentStore.class, center.deployments(), replica.deployments(),
                DEPLOYMENT_READS);
        this.health = route(HealthStore.class, center.health(), replica.health(), HEALTH_READS);
        this.network = route(NetworkStore.class, center.network(), replica.network(), NETWORK_READS);
        this.admin = route(AdminStore.class, center.admin(), replica.admin(), ADMIN_READS);
    }

    private <T> T route(Class<T> type, T atCenter, T atReplica, Set<String> replicaReads) {
        Set<String> unclassified = Arrays.stream(type.getMethods()).map(Method::getName)
                .filter(n -> !replicaReads.contains(n) && !CENTER_READS.contains(n) && !isWrite(n))
                .collect(Collectors.toSet());
        if (!unclassified.isEmpty()) {
            throw new IllegalStateException(type.getSimpleName() + " has methods this test does not route: "
                    + unclassified + "; add them to its reads or to the center's");
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(atCenter, args);
            }
            if (replicaReads.contains(method.getName())) {
                replica.awaitPosition(written.get(), WAIT);
                onLdbRead.run();
                return call(method, atReplica, args);
            }
            try {
                return call(method, atCenter, args);
            } finally {
                written.accumulateAndGet(center.ledgerPosition(), Math::max);
            }
        });
        return type.cast(proxy);
    }

    private static boolean isWrite(String method) {
        return method.startsWith("insert") || method.startsWith("update") || method.startsWith("delete");
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public InstanceStore instances() {
        return instances;
    }

    @Override
    public DeploymentStore deployments() {
        return deployments;
    }

    @Override
    public HealthStore health() {
        return health;
    }

    @Override
    public TelemetryStore telemetry() {
        return center.telemetry();
    }

    @Override
    public NetworkStore network() {
        return network;
    }

    @Override
    public SecretStore secrets() {
        return center.secrets();
    }

    @Override
    public AdminStore admin() {
        return admin;
    }

    @Override
    public void migrate() {
        center.migrate();
        written.accumulateAndGet(center.ledgerPosition(), Math::max);
    }

    @Override
    public void ping() {
        center.ping();
        replica.ping();
    }

    @Override
    public void close() {
        try (center; replica; reflector) {
            // closed in reverse order: the reflector first, then the replica, then the center
        } catch (Exception e) {
            throw new IllegalStateException("closing the replicated store failed: " + e.getMessage(), e);
        }
    }
}
