package dev.ctrlstore.examples;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.AuditQuery;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.deploy.DeployState;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.health.CheckType;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.health.HealthStatus;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretCipher;
import dev.ctrlstore.store.secret.SecretValue;
import dev.ctrlstore.store.spec.ServiceSnapshot;
import dev.ctrlstore.store.sqlite.SqliteStore;
import dev.ctrlstore.store.spec.ServiceSpec;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.MetricQuery;
import dev.ctrlstore.store.telemetry.MetricType;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A walk through the Store API: register a tenant, provision an instance, release and deploy it, record health,
 * telemetry, a secret and an audit entry, then read it all back.
 *
 * <p>By default it runs on a SQLite file, {@code ctrlstore-quickstart.db} in the working directory (created and
 * migrated on first run; each run adds one more tenant, so the file shows what persisted). Arguments:
 * {@code <path>} for another file, or {@code --memory} for the in-memory store. Secret values are encrypted with the
 * base64 AES-256 key in {@code CTRLSTORE_SECRET_KEY}, or a key made for this run only.
 */
public final class QuickStart {
    static final Path DEFAULT_FILE = Path.of("ctrlstore-quickstart.db");

    private QuickStart() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--memory")) {
            try (Store store = MemoryStore.create()) {
                run(store, System.out);
            }
            return;
        }
        Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT_FILE;
        try (Store store = SqliteStore.builder().path(file).secretCipher(cipher()).build()) {
            store.migrate();
            System.out.printf("store       %s%n", store);
            run(store, System.out);
        }
    }

    private static SecretCipher cipher() {
        String key = System.getenv("CTRLSTORE_SECRET_KEY");
        if (key != null && !key.isBlank()) {
            return AesGcmSecretCipher.fromBase64(key.strip());
        }
        byte[] random = new byte[AesGcmSecretCipher.KEY_BYTES];
        new SecureRandom().nextBytes(random);
        return AesGcmSecretCipher.of(random);
    }

    /** Runs the walk-through against {@code store}, printing what it does to {@code out}. */
    static void run(Store store, PrintStream out) {
        long earlier = store.admin().countTenants();
        String slug = earlier == 0 ? "acme" : "acme-" + (earlier + 1);
        Tenant acme = store.admin().insertTenant(Tenant.builder().name("Acme").slug(slug).build());
        out.printf("tenant      %s (%s, plan %s, max %d instances)%n", acme.id(), acme.slug(), acme.plan(),
                acme.quota().maxInstances());

        Instance web = store.instances().insert(Instance.builder().tenantId(acme.id()).name("Web shop")
                .slug("web-shop").providerName("docker").region("eu-1")
                .services(List.of(ServiceSpec.of("web", "registry.example/shop:1.0")))
                .labels(Map.of("team", "storefront")).build());
        web = store.instances().update(web.toBuilder().state(InstanceState.RUNNING).build());
        out.printf("instance    %s %s, state %s, version %d%n", web.id(), web.slug(), web.state().wire(),
                web.version());

        int next = store.deployments().nextReleaseVersion(acme.id(), web.id());
        Release release = store.deployments().insertRelease(Release.builder().tenantId(acme.id())
                .instanceId(web.id()).version(next)
                .services(List.of(new ServiceSnapshot("web", "registry.example/shop:1.1", Map.of())))
                .notes("faster checkout").build());
        Deployment deploy = store.deployments().insertDeployment(Deployment.builder().tenantId(acme.id())
                .instanceId(web.id()).releaseId(release.id()).initiator("alice").build());
        deploy = store.deployments().updateDeployment(deploy.toBuilder().state(DeployState.SUCCEEDED).build());
        out.printf("release     v%d %s; deployment %s %s%n", release.version(), release.id(), deploy.id(),
                deploy.state().wire());

        HealthCheck check = store.health().insertCheck(HealthCheck.builder().tenantId(acme.id())
                .instanceId(web.id()).name("http").type(CheckType.HTTP).target("http://web:8080/healthz").build());
        store.health().insertResult(HealthResult.builder().check(check).status(HealthStatus.HEALTHY)
                .latency(Duration.ofMillis(12)).statusCode(200).checkedAt(Instant.now()).build());
        out.printf("health      %s -> %s%n", check.name(),
                store.health().latestResult(acme.id(), check.id()).map(r -> r.status().wire()).orElse("none"));

        store.telemetry().insertMetrics(List.of(Metric.builder().tenantId(acme.id()).instanceId(web.id())
                .name("http_requests").type(MetricType.COUNTER).value(42).timestamp(Instant.now()).build()));
        List<Metric> metrics = store.telemetry().queryMetrics(acme.id(), MetricQuery.forInstance(web.id()));
        out.printf("telemetry   %d metric(s), newest %s = %.0f%n", metrics.size(), metrics.get(0).name(),
                metrics.get(0).value());

        store.secrets().insert(Secret.builder().tenantId(acme.id()).instanceId(web.id()).key("DATABASE_URL")
                .value(SecretValue.ofUtf8("postgres://shop@db/shop")).build());
        out.printf("secrets     %s (listings carry metadata only, never values)%n",
                store.secrets().list(acme.id(), web.id()).stream().map(s -> s.key() + " v" + s.version()).toList());

        store.admin().insertAuditEntry(AuditEntry.builder().tenantId(acme.id()).actorId("alice")
                .action("deploy").resource("instance").resourceId(web.id().value()).build());
        // withTotal: this page also counts every match (a count costs in proportion to the matches; a page does not)
        Page<AuditEntry> audit = store.admin().queryAuditLog(acme.id(), AuditQuery.all(),
                PageRequest.first().withTotal());
        long entries = audit.total().orElseThrow();
        out.printf("audit       %d entr%s, newest: %s %s%n", entries, entries == 1 ? "y" : "ies",
                audit.items().get(0).actorId(), audit.items().get(0).action());

        Page<Instance> running = store.instances().list(acme.id(),
                InstanceFilter.all().withState(InstanceState.RUNNING), PageRequest.first(10));
        out.printf("running     %d of %d instance(s) in %s%n", running.items().size(),
                store.instances().count(acme.id()), acme.slug());
        out.printf("tenants     %d in this store (one more each run on a file)%n", store.admin().countTenants());
    }
}
