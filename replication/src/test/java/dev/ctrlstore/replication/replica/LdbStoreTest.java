package dev.ctrlstore.replication.replica;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotReplicatedException;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.ReadOnlyStoreException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.AuditQuery;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.health.CheckType;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.health.HealthStatus;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretValue;
import dev.ctrlstore.store.spec.SecretType;
import dev.ctrlstore.store.sqlite.SqliteStore;
import dev.ctrlstore.store.telemetry.LogQuery;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.MetricQuery;
import dev.ctrlstore.store.telemetry.TraceQuery;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The typed replica over a real LDB file. A writable {@link SqliteStore} on the same file stands in for the reflector
 * (it writes the same schema), and {@link LdbFiles#position} writes the position row as the reflector does.
 */
class LdbStoreTest {
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00.123456Z");

    @TempDir
    Path dir;

    private final TenantId tenant = TenantId.generate();

    private LdbStore open(Path file) {
        return LdbStore.builder().path(file).build();
    }

    @Test
    void readsOfReplicatedDataAnswerFromTheFile() {
        Path file = LdbFiles.create(dir.resolve("ldb.db"));
        try (SqliteStore reflector = SqliteStore.builder().path(file).build();
             LdbStore replica = open(file)) {
            Tenant registered = reflector.admin().insertTenant(Tenant.builder().id(tenant).name("Acme").slug("acme")
                    .build());
            Instance app = reflector.instances().insert(Instance.builder().tenantId(tenant).name("api").slug("api")
                    .labels(Map.of("team", "core")).build());
            Release release = reflector.deployments().insertRelease(Release.builder().tenantId(tenant)
                    .instanceId(app.id()).version(1).build());
            Deployment deployment = reflector.deployments().insertDeployment(Deployment.builder().tenantId(tenant)
                    .instanceId(app.id()).releaseId(release.id()).build());
            HealthCheck check = reflector.health().insertCheck(HealthCheck.builder().tenantId(tenant)
                    .instanceId(app.id()).name("http").type(CheckType.HTTP).target("http://localhost/healthz").build());
            Domain domain = reflector.network().insertDomain(Domain.builder().tenantId(tenant).instanceId(app.id())
                    .hostname("api.example.com").build());
            Route route = reflector.network().insertRoute(Route.builder().tenantId(tenant).instanceId(app.id())
                    .path("/").port(8080).build());
            Certificate certificate = reflector.network().insertCertificate(Certificate.builder().tenantId(tenant)
                    .domainId(domain.id()).issuer("letsencrypt").expiresAt(T0.plus(Duration.ofDays(90))).build());

            assertThat(replica.admin().getTenant(tenant)).isEqualTo(registered);
            assertThat(replica.admin().listTenants(TenantFilter.all(), PageRequest.first()).items())
                    .containsExactly(registered);
            assertThat(replica.instances().get(tenant, app.id())).isEqualTo(app);
            assertThat(replica.instances().list(tenant, InstanceFilter.all(), PageRequest.first()).items())
                    .containsExactly(app);
            assertThat(replica.deployments().getRelease(tenant, release.id())).isEqualTo(release);
            assertThat(replica.deployments().getDeployment(tenant, deployment.id())).isEqualTo(deployment);
            assertThat(replica.deployments().nextReleaseVersion(tenant, app.id())).isEqualTo(2);
            assertThat(replica.health().getCheck(tenant, check.id())).isEqualTo(check);
            assertThat(replica.health().listChecks(tenant, app.id())).containsExactly(check);
            assertThat(replica.network().getDomainByHostname(tenant, "api.example.com")).isEqualTo(domain);
            assertThat(replica.network().listRoutes(tenant, app.id())).containsExactly(route);
            assertThat(replica.network().getCertificate(tenant, certificate.id())).isEqualTo(certificate);

            // The next statement sees what the reflector commits: no snapshot is kept between reads.
            reflector.instances().delete(tenant, app.id());
            assertThat(replica.instances().count(tenant)).isZero();
            assertThat(replica.network().listRoutes(tenant, app.id())).isEmpty();
        }
    }

    @Test
    void everyWriteIsRefusedAndTheFileIsLeftAsItWas() throws IOException {
        Path file = LdbFiles.create(dir.resolve("ldb.db"));
        Instance app;
        HealthCheck check;
        try (SqliteStore reflector = SqliteStore.builder().path(file).build()) {
            app = reflector.instances().insert(Instance.builder().tenantId(tenant).name("api").slug("api").build());
            check = reflector.health().insertCheck(HealthCheck.builder().tenantId(tenant).instanceId(app.id())
                    .name("http").type(CheckType.HTTP).target("http://localhost/healthz").build());
        }
        String before = sha256(file);
        try (LdbStore replica = open(file)) {
            List<ThrowingCallable> writes = List.of(
                    replica::migrate,
                    () -> replica.instances().insert(Instance.builder().tenantId(tenant).name("b").slug("b").build()),
                    () -> replica.instances().delete(tenant, app.id()),
                    () -> replica.deployments().insertRelease(Release.builder().tenantId(tenant).instanceId(app.id())
                            .version(1).build()),
                    () -> replica.health().deleteCheck(tenant, check.id()),
                    () -> replica.health().insertResult(HealthResult.builder().check(check)
                            .status(HealthStatus.HEALTHY).latency(Duration.ofMillis(3)).checkedAt(T0).build()),
                    () -> replica.network().insertRoute(Route.builder().tenantId(tenant).instanceId(app.id())
                            .path("/").port(80).build()),
                    () -> replica.secrets().insert(Secret.builder().tenantId(tenant).instanceId(app.id()).key("K")
                            .type(SecretType.ENV).value(SecretValue.ofUtf8("v")).build()),
                    () -> replica.secrets().delete(tenant, app.id(), "K"),
                    () -> replica.telemetry().insertMetrics(List.of(Metric.builder().tenantId(tenant)
                            .instanceId(app.id()).name("cpu").value(1).timestamp(T0).build())),
                    () -> replica.telemetry().purgeBefore(tenant, T0),
                    () -> replica.admin().insertTenant(Tenant.builder().name("X").slug("x").build()),
                    () -> replica.admin().insertAuditEntry(AuditEntry.builder().tenantId(tenant).actorId("u")
                            .action("a").build()));
            for (ThrowingCallable write : writes) {
                assertThatThrownBy(write).isInstanceOf(ReadOnlyStoreException.class)
                        .hasMessageContaining(file.toRealPath().toString()).hasMessageContaining("nothing was written");
            }
            assertThat(replica.instances().get(tenant, app.id())).isEqualTo(app);
        }
        assertThat(sha256(file)).as("the LDB's bytes after every write was refused").isEqualTo(before);
    }

    @Test
    void readsOfDataAnLdbNeverHoldsSayToAskTheCenter() throws IOException {
        Path file = LdbFiles.create(dir.resolve("ldb.db"));
        InstanceId app = InstanceId.generate();
        HealthCheckId check = HealthCheckId.generate();
        try (LdbStore replica = open(file)) {
            record Refusal(ThrowingCallable call, String operation, ResourceKind kind, String reason) {
            }
            String secret = "never leave the center";
            String history = "history is high-volume";
            List<Refusal> refusals = List.of(
                    new Refusal(() -> replica.secrets().get(tenant, app, "K"), "secrets().get", ResourceKind.SECRET,
                            secret),
                    new Refusal(() -> replica.secrets().list(tenant, app), "secrets().list", ResourceKind.SECRET,
                            secret),
                    new Refusal(() -> replica.secrets().count(tenant), "secrets().count", ResourceKind.SECRET, secret),
                    new Refusal(() -> replica.health().listResults(tenant, check, TimeWindow.latest()),
                            "health().listResults", ResourceKind.HEALTH_RESULT, history),
                    new Refusal(() -> replica.health().latestResult(tenant, check), "health().latestResult",
                            ResourceKind.HEALTH_RESULT, history),
                    new Refusal(() -> replica.telemetry().queryMetrics(tenant, MetricQuery.forInstance(app)),
                            "telemetry().queryMetrics", ResourceKind.METRIC, history),
                    new Refusal(() -> replica.telemetry().queryLogs(tenant, LogQuery.forInstance(app)),
                            "telemetry().queryLogs", ResourceKind.LOG_ENTRY, history),
                    new Refusal(() -> replica.telemetry().querySpans(tenant, TraceQuery.forInstance(app)),
                            "telemetry().querySpans", ResourceKind.TRACE, history),
                    new Refusal(() -> replica.telemetry().latestResourceSnapshot(tenant, app),
                            "telemetry().latestResourceSnapshot", ResourceKind.RESOURCE_SNAPSHOT, history),
                    new Refusal(() -> replica.telemetry().listResourceSnapshots(tenant, app, TimeWindow.latest()),
                            "telemetry().listResourceSnapshots", ResourceKind.RESOURCE_SNAPSHOT, history),
                    new Refusal(() -> replica.admin().queryAuditLog(tenant, AuditQuery.all(), PageRequest.first()),
                            "admin().queryAuditLog", ResourceKind.AUDIT_ENTRY, history));
            for (Refusal r : refusals) {
                NotReplicatedException e = catchThrowableOfType(NotReplicatedException.class, r.call());
                assertThat(e).as(r.operation()).isNotNull();
                assertThat(e.operation()).isEqualTo(r.operation());
                assertThat(e.resource()).as(r.operation()).isEqualTo(r.kind());
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).startsWith("LDB " + file.toRealPath() + " is a replica")
                        .contains(r.operation(), r.reason(), "call it on a store over the center");
            }
        }
    }

    @Test
    void positionIsZeroUntilTheFirstEntryThenTheLastApplied() {
        Path file = LdbFiles.create(dir.resolve("ldb.db"));
        Clock clock = Clock.fixed(T0.plusMillis(1500), ZoneOffset.UTC);
        try (LdbStore replica = LdbStore.builder().path(file).clock(clock).build()) {
            assertThat(replica.appliedPosition()).isZero();
            assertThat(replica.position()).isEmpty();
            assertThatThrownBy(replica::ledgerLatency).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("has applied no ledger entry yet");
            assertThat(replica.awaitPosition(0, Duration.ZERO)).isZero();

            LdbFiles.position(file, 42, T0);
            assertThat(replica.appliedPosition()).isEqualTo(42);
            assertThat(replica.position()).hasValueSatisfying(p -> {
                assertThat(p.seq()).isEqualTo(42);
                assertThat(p.centerId()).isEqualTo("c0ffee");
                assertThat(p.committedAt()).isEqualTo(T0);
            });
            assertThat(replica.ledgerLatency()).isEqualTo(Duration.ofMillis(1500));

            LdbFiles.position(file, 43, T0.plusSeconds(5)); // the center's clock ahead of this host's
            assertThat(replica.ledgerLatency()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void awaitPositionReturnsOnceTheReflectorHasAppliedTheSeq() throws Exception {
        Path file = LdbFiles.create(dir.resolve("ldb.db"));
        LdbFiles.position(file, 3, T0);
        try (LdbStore replica = open(file)) {
            assertThat(replica.awaitPosition(2, Duration.ZERO)).isEqualTo(3);
            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(
                    () -> replica.awaitPosition(5, Duration.ofMinutes(1)));
            LdbFiles.position(file, 4, T0);
            LdbFiles.position(file, 6, T0);
            assertThat(waiting.get(1, TimeUnit.MINUTES)).isEqualTo(6);
        }
    }

    @Test
    void awaitPositionTimesOutNamingBothPositions() {
        Path file = LdbFiles.create(dir.resolve("ldb.db"));
        LdbFiles.position(file, 3, T0);
        try (LdbStore replica = open(file)) {
            StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                    () -> replica.awaitPosition(7, Duration.ofMillis(20)));
            assertThat(e).isNotNull();
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("up to seq 3", "short of seq 7", "reflector");

            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> replica.awaitPosition(7, Duration.ofMinutes(1)))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("interrupted");
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();

            assertThatThrownBy(() -> replica.awaitPosition(-1, Duration.ZERO))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("seq");
            assertThatThrownBy(() -> replica.awaitPosition(1, Duration.ofMillis(-1)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("timeout");
        }
    }

    @Test
    void afterCloseEveryCallThrowsStoreClosed() {
        Path file = LdbFiles.create(dir.resolve("ldb.db"));
        LdbStore replica = open(file);
        replica.close();
        replica.close();
        List<ThrowingCallable> calls = List.of(
                replica::appliedPosition,
                replica::ledgerLatency,
                () -> replica.awaitPosition(1, Duration.ofSeconds(1)),
                replica::ping,
                () -> replica.instances().count(tenant),
                () -> replica.admin().countTenants(),
                () -> replica.secrets().count(tenant),
                () -> replica.health().latestResult(tenant, HealthCheckId.generate()),
                () -> replica.telemetry().latestResourceSnapshot(tenant, InstanceId.generate()));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(StoreClosedException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void openingRefusesWhatIsNotAReadableLdbAndChangesNothing() throws IOException {
        Path missing = dir.resolve("missing.db");
        assertThatThrownBy(() -> open(missing)).isInstanceOf(StorageException.class)
                .hasMessageContaining("no such file");
        assertThat(missing).doesNotExist();

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a database");
        assertThatThrownBy(() -> open(text)).isInstanceOf(StorageException.class)
                .hasMessageContaining("not an LDB (not even a SQLite database");
        assertThat(text).hasContent("not a database");

        Path storeFile = dir.resolve("store.db");
        try (SqliteStore store = SqliteStore.builder().path(storeFile).build()) {
            store.migrate();
        }
        String before = sha256(storeFile);
        assertThatThrownBy(() -> open(storeFile)).isInstanceOf(StorageException.class)
                .hasMessageContaining("not an LDB");
        assertThat(sha256(storeFile)).as("a store's own file after it was refused as an LDB").isEqualTo(before);

        assertThatThrownBy(() -> LdbStore.builder().build()).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("path");
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
