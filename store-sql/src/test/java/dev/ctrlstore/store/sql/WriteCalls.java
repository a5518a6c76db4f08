package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.health.CheckType;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.health.HealthStatus;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.secret.SecretValue;
import dev.ctrlstore.store.telemetry.LogEntry;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.ResourceSnapshot;
import dev.ctrlstore.store.telemetry.Span;
import dev.ctrlstore.store.telemetry.TelemetryStore;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One call of every write method of the store API, each with arguments that would succeed on the rows
 * {@link #seed} stored: for backend tests that make the database refuse every write and check what escapes.
 */
public final class WriteCalls {
    private static final List<Class<?>> SUBSYSTEMS = List.of(InstanceStore.class, DeploymentStore.class,
            HealthStore.class, TelemetryStore.class, NetworkStore.class, SecretStore.class, AdminStore.class);

    private final Map<String, Runnable> calls = new LinkedHashMap<>();

    private WriteCalls() {
    }

    /**
     * Stores one row of every kind in {@code store} (which needs a secret cipher) and returns a call of each write
     * method, keyed {@code Subsystem.method}, that inserts new rows, updates or deletes those.
     */
    public static WriteCalls seed(Store store) {
        WriteCalls w = new WriteCalls();
        Instant past = Instant.parse("2020-01-01T00:00:00Z");
        Tenant tenant = store.admin().insertTenant(Tenant.builder().name("seed").slug("seed").build());
        TenantId t = tenant.id();
        Instance instance = store.instances().insert(Instance.builder().tenantId(t).name("app").slug("app")
                .labels(Map.of("team", "a")).build());
        Release release = store.deployments().insertRelease(Release.builder().tenantId(t).instanceId(instance.id())
                .version(1).build());
        Deployment deployment = store.deployments().insertDeployment(Deployment.builder().tenantId(t)
                .instanceId(instance.id()).releaseId(release.id()).initiator("usr_1").build());
        HealthCheck check = store.health().insertCheck(HealthCheck.builder().tenantId(t).instanceId(instance.id())
                .name("up").type(CheckType.HTTP).target("http://localhost/healthz").build());
        Domain domain = store.network().insertDomain(Domain.builder().tenantId(t).instanceId(instance.id())
                .hostname("app.example.com").build());
        Route route = store.network().insertRoute(Route.builder().tenantId(t).instanceId(instance.id()).path("/")
                .port(8080).build());
        Certificate certificate = store.network().insertCertificate(Certificate.builder().tenantId(t)
                .domainId(domain.id()).issuer("letsencrypt").expiresAt(past.plus(Duration.ofDays(3650))).build());
        Secret secret = Secret.builder().tenantId(t).instanceId(instance.id()).key("TOKEN")
                .value(SecretValue.ofUtf8("s3cret")).build();
        store.secrets().insert(secret);
        store.telemetry().insertMetrics(List.of(metric(t, instance, past)));

        w.add("InstanceStore.insert", () -> store.instances().insert(Instance.builder().tenantId(t).name("new")
                .slug("new").labels(Map.of("team", "b")).build()));
        w.add("InstanceStore.update", () -> store.instances().update(instance.toBuilder().name("renamed")
                .labels(Map.of("team", "c")).build()));
        w.add("DeploymentStore.insertRelease", () -> store.deployments().insertRelease(Release.builder()
                .tenantId(t).instanceId(instance.id()).version(2).build()));
        w.add("DeploymentStore.insertDeployment", () -> store.deployments().insertDeployment(Deployment.builder()
                .tenantId(t).instanceId(instance.id()).releaseId(release.id()).initiator("usr_2").build()));
        w.add("DeploymentStore.updateDeployment", () -> store.deployments().updateDeployment(deployment.toBuilder()
                .initiator("usr_3").build()));
        w.add("HealthStore.insertCheck", () -> store.health().insertCheck(HealthCheck.builder().tenantId(t)
                .instanceId(instance.id()).name("tcp").type(CheckType.TCP).build()));
        w.add("HealthStore.updateCheck", () -> store.health().updateCheck(check.toBuilder().name("up2").build()));
        w.add("HealthStore.insertResult", () -> store.health().insertResult(HealthResult.builder().check(check)
                .status(HealthStatus.HEALTHY).latency(Duration.ofMillis(3)).checkedAt(past).build()));
        w.add("TelemetryStore.insertMetrics", () -> store.telemetry().insertMetrics(List.of(metric(t, instance,
                past))));
        w.add("TelemetryStore.insertLogs", () -> store.telemetry().insertLogs(List.of(LogEntry.builder().tenantId(t)
                .instanceId(instance.id()).level("info").message("hello").timestamp(past).build())));
        w.add("TelemetryStore.insertSpans", () -> store.telemetry().insertSpans(List.of(Span.builder().tenantId(t)
                .instanceId(instance.id()).traceId("t1").spanId("s1").operation("GET /").timestamp(past).build())));
        w.add("TelemetryStore.insertResourceSnapshot", () -> store.telemetry().insertResourceSnapshot(
                ResourceSnapshot.builder().tenantId(t).instanceId(instance.id()).memoryUsedMb(1).timestamp(past)
                        .build()));
        w.add("TelemetryStore.purgeBefore", () -> store.telemetry().purgeBefore(t, past.plusSeconds(1)));
        w.add("NetworkStore.insertDomain", () -> store.network().insertDomain(Domain.builder().tenantId(t)
                .instanceId(instance.id()).hostname("www.example.com").build()));
        w.add("NetworkStore.updateDomain", () -> store.network().updateDomain(domain.toBuilder().verified(true)
                .build()));
        w.add("NetworkStore.insertRoute", () -> store.network().insertRoute(Route.builder().tenantId(t)
                .instanceId(instance.id()).path("/api").port(8081).build()));
        w.add("NetworkStore.updateRoute", () -> store.network().updateRoute(route.toBuilder().port(9090).build()));
        w.add("NetworkStore.insertCertificate", () -> store.network().insertCertificate(Certificate.builder()
                .tenantId(t).domainId(domain.id()).issuer("zerossl").expiresAt(past.plus(Duration.ofDays(3650)))
                .build()));
        w.add("NetworkStore.updateCertificate", () -> store.network().updateCertificate(certificate.toBuilder()
                .autoRenew(false).build()));
        w.add("SecretStore.insert", () -> store.secrets().insert(Secret.builder().tenantId(t)
                .instanceId(instance.id()).key("OTHER").value(SecretValue.ofUtf8("x")).build()));
        w.add("SecretStore.update", () -> store.secrets().update(store.secrets().get(t, instance.id(), "TOKEN")
                .toBuilder().value(SecretValue.ofUtf8("changed")).build()));
        w.add("AdminStore.insertTenant", () -> store.admin().insertTenant(Tenant.builder().name("other")
                .slug("other").build()));
        w.add("AdminStore.updateTenant", () -> store.admin().updateTenant(tenant.toBuilder().name("renamed")
                .build()));
        w.add("AdminStore.insertAuditEntry", () -> store.admin().insertAuditEntry(AuditEntry.builder().tenantId(t)
                .actorId("usr_1").action("instance.create").build()));
        // Deletes last, children first, so that run in this order without failures every call succeeds.
        w.add("NetworkStore.deleteCertificate", () -> store.network().deleteCertificate(t, certificate.id()));
        w.add("NetworkStore.deleteDomain", () -> store.network().deleteDomain(t, domain.id()));
        w.add("NetworkStore.deleteRoute", () -> store.network().deleteRoute(t, route.id()));
        w.add("HealthStore.deleteCheck", () -> store.health().deleteCheck(t, check.id()));
        w.add("SecretStore.delete", () -> store.secrets().delete(t, instance.id(), "TOKEN"));
        w.add("InstanceStore.delete", () -> store.instances().delete(t, instance.id()));
        w.add("AdminStore.deleteTenant", () -> store.admin().deleteTenant(t));
        return w;
    }

    /** Every write method of the seven subsystem interfaces, as {@code Subsystem.method}. */
    public static Set<String> apiWriteMethods() {
        return SUBSYSTEMS.stream().flatMap(type -> Arrays.stream(type.getMethods())
                        .map(Method::getName)
                        .filter(name -> name.startsWith("insert") || name.startsWith("update")
                                || name.startsWith("delete") || name.startsWith("purge"))
                        .map(name -> type.getSimpleName() + "." + name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The calls, keyed {@code Subsystem.method}; run in this order on a working database, each succeeds. */
    public Map<String, Runnable> calls() {
        return calls;
    }

    private void add(String name, Runnable call) {
        calls.put(name, call);
    }

    private static Metric metric(TenantId t, Instance instance, Instant at) {
        return Metric.builder().tenantId(t).instanceId(instance.id()).name("cpu").value(0.5).timestamp(at).build();
    }
}
