package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.AuditQuery;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.health.CheckType;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.health.HealthStatus;
import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretValue;
import dev.ctrlstore.store.spec.DeploymentSource;
import dev.ctrlstore.store.spec.HealthCheckSpec;
import dev.ctrlstore.store.spec.HelmSource;
import dev.ctrlstore.store.spec.ResourceSpec;
import dev.ctrlstore.store.spec.ServiceRole;
import dev.ctrlstore.store.spec.ServiceSnapshot;
import dev.ctrlstore.store.spec.ServiceSpec;
import dev.ctrlstore.store.telemetry.LogEntry;
import dev.ctrlstore.store.telemetry.LogQuery;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.MetricQuery;
import dev.ctrlstore.store.telemetry.ResourceSnapshot;
import dev.ctrlstore.store.telemetry.Span;
import dev.ctrlstore.store.telemetry.TraceQuery;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules V-n: the value domain every backend stores exactly, and what happens at and past its edges. Text is valid
 * Unicode without U+0000; instants lie in years 1 to 9999 at microsecond precision, also as query bounds; durations
 * go up to {@link Long#MAX_VALUE} microseconds; JSON-like documents nest at most 32 levels and are at most
 * 1,048,576 characters as JSON text; label values are at most 255 characters; telemetry batches of any allowed size
 * behave alike. The API's records reject values outside the domain, so a store only has to hold every value inside
 * it exactly, and answer lookups by text that no record can hold with NotFound or an empty result.
 *
 * <p>If these fail, check the column types (text that is not truncated or re-encoded, timestamps that hold years 1
 * and 9999 to the microsecond, 64-bit duration columns), the JSON mapper's depth and length limits, the label index,
 * the statement size limits for large batches, and that lookups never send U+0000 or an unpaired surrogate to the
 * database driver.
 */
public abstract class ValueDomainContract extends ContractSupport {
    /** Earliest instant of the domain. */
    protected static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest instant of the domain. */
    protected static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** Longest duration of the domain. */
    protected static final Duration LONGEST = Duration.of(Long.MAX_VALUE, ChronoUnit.MICROS);
    /** Longest document, in characters of compact JSON text. */
    protected static final int DOCUMENT_CHARS = 1 << 20;
    /** Deepest document nesting; the document itself is level 1. */
    protected static final int DOCUMENT_DEPTH = 32;

    /**
     * Storable text that stores get wrong when they re-encode, trim or escape: control characters, DEL,
     * noncharacters, a character outside the BMP, a combining mark, right-to-left script, quotes and a backslash.
     */
    protected static final String EDGE = "\u0001\t\n\u001f\u007f \ufffe\uffff \ud83d\ude80 e\u0301"
            + " \u05e9\u05dc\u05d5\u05dd \"q\" 'q' \\ % _ ?";
    /** Text no record can hold, each beside {@link #STORED}, which a lossy encoding would turn it into. */
    private static final List<String> UNSTORABLE = List.of("ab\u0000cd", "ab\ud800cd", "ab\udc00cd");
    /** What a driver that replaces unpaired surrogates with {@code ?} would look up instead. */
    private static final String STORED = "ab?cd";

    private static final Instant T0 = TestClock.START;
    private final InstanceId inst = InstanceId.generate();

    // ---- V-1, V-2 text -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("V-1 storable text (controls, DEL, noncharacters, surrogate pairs, RTL, quotes) round-trips exactly"
            + " in columns, JSON documents and the label index")
    void storableTextRoundTrips() {
        Map<String, String> labels = Map.of(EDGE, EDGE, "plain", EDGE);
        Instance given = newInstance(tenant).name(EDGE).providerName(EDGE).region(EDGE).labels(labels)
                .services(List.of(serviceWithEnv(Map.of("E", EDGE)))).build();
        Instance inserted = store.instances().insert(given);
        assertThat(store.instances().get(tenant, given.id()))
                .as("[V-1] instances().get of an instance with edge-case text in name, labels and env returns it"
                        + " unchanged").isEqualTo(inserted);
        assertThat(store.instances().list(tenant, InstanceFilter.all().withLabels(Map.of(EDGE, EDGE))
                        .withProviderName(EDGE), PageRequest.first(10)).items())
                .as("[V-1] instances().list filtered by an edge-case label and provider finds the instance")
                .containsExactly(inserted);

        Tenant t = store.admin().insertTenant(Tenant.builder().name(EDGE).slug("edge-" + unique()).externalId(EDGE)
                .plan(EDGE).metadata(Map.of(EDGE, EDGE)).build());
        assertThat(store.admin().getTenantByExternalId(EDGE))
                .as("[V-1] admin().getTenantByExternalId with edge-case text returns the tenant").isEqualTo(t);

        AuditEntry entry = store.admin().insertAuditEntry(AuditEntry.builder().tenantId(tenant).actorId(EDGE)
                .action(EDGE).resource(EDGE).details(Map.of(EDGE, List.of(EDGE, Map.of(EDGE, EDGE)))).build());
        assertThat(store.admin().queryAuditLog(tenant, AuditQuery.all().withActorId(EDGE).withAction(EDGE),
                PageRequest.first(10)).items())
                .as("[V-1] admin().queryAuditLog by edge-case actor and action returns the entry unchanged")
                .containsExactly(entry);

        LogEntry log = LogEntry.builder().tenantId(tenant).instanceId(inst).level(EDGE).message(EDGE)
                .fields(Map.of(EDGE, EDGE)).source(EDGE).timestamp(T0).build();
        store.telemetry().insertLogs(List.of(log));
        assertThat(store.telemetry().queryLogs(tenant, LogQuery.all().withLevel(EDGE).withSearch(EDGE)))
                .as("[V-1] telemetry().queryLogs by edge-case level and search returns the line unchanged")
                .containsExactly(log);
        Metric metric = Metric.builder().tenantId(tenant).instanceId(inst).name(EDGE).labels(Map.of(EDGE, EDGE))
                .timestamp(T0).build();
        store.telemetry().insertMetrics(List.of(metric));
        assertThat(store.telemetry().queryMetrics(tenant, MetricQuery.all().withName(EDGE)))
                .as("[V-1] telemetry().queryMetrics by an edge-case name returns the sample unchanged")
                .containsExactly(metric);

        Route route = store.network().insertRoute(Route.builder().tenantId(tenant).instanceId(inserted.id())
                .path("/" + EDGE).port(80).protocol(EDGE).serviceName(EDGE).build());
        assertThat(store.network().getRoute(tenant, route.id()))
                .as("[V-1] network().getRoute of a route with edge-case path returns it unchanged").isEqualTo(route);
    }

    @Test
    @DisplayName("V-2 text with U+0000 or an unpaired surrogate in a stored field, a document's key or value, is"
            + " rejected naming the field")
    void unstorableTextRejected() {
        for (String bad : UNSTORABLE) {
            String what = Character.isSurrogate(bad.charAt(2)) ? "an unpaired surrogate" : "U+0000";
            rejected("[V-2] an instance whose name has " + what, () -> newInstance(tenant).name(bad).build(),
                    "instance.name");
            rejected("[V-2] an instance whose labels have a value with " + what,
                    () -> newInstance(tenant).labels(Map.of("k", bad)).build(), "instance.labels[k]");
            rejected("[V-2] an instance whose labels have a key with " + what,
                    () -> newInstance(tenant).labels(Map.of(bad, "v")).build(), "instance.labels key");
            rejected("[V-2] a tenant whose metadata has a value with " + what,
                    () -> Tenant.builder().name("t").slug("t").metadata(Map.of("k", bad)).build(),
                    "tenant.metadata[k]");
            rejected("[V-2] an audit entry whose nested details hold a value with " + what,
                    () -> AuditEntry.builder().tenantId(tenant).actorId("a").action("x")
                            .details(Map.of("a", List.of("ok", bad))).build(), "auditEntry.details.a[1]");
            rejected("[V-2] a log entry whose message has " + what, () -> LogEntry.builder().tenantId(tenant)
                    .instanceId(inst).level("info").message(bad).timestamp(T0).build(), "logEntry.message");
            rejected("[V-2] a metric whose name has " + what, () -> Metric.builder().tenantId(tenant)
                    .instanceId(inst).name(bad).timestamp(T0).build(), "metric.name");
            rejected("[V-2] a route whose path has " + what, () -> Route.builder().tenantId(tenant)
                    .instanceId(inst).path("/" + bad).port(80).build(), "route.path");
            rejected("[V-2] a health result whose message has " + what, () -> HealthResult.builder()
                    .check(checkOf(inst)).status(HealthStatus.HEALTHY).message(bad).checkedAt(T0).build(),
                    "result.message");
        }
    }

    @Test
    @DisplayName("V-3 lookups by text no record can hold (U+0000, unpaired surrogates) answer NotFound or empty, even"
            + " beside stored text a lossy encoding would match")
    void unstorableLookupsFindNothing() {
        Instance app = store.instances().insert(newInstance(tenant).providerName(STORED).datacenterId(STORED)
                .labels(Map.of(STORED, STORED)).build());
        store.admin().insertTenant(Tenant.builder().name("t").slug("lookup-" + unique()).externalId(STORED).build());
        store.secrets().insert(Secret.builder().tenantId(tenant).instanceId(app.id()).key("ab_cd")
                .value(SecretValue.ofUtf8("v")).build());
        store.admin().insertAuditEntry(AuditEntry.builder().tenantId(tenant).actorId(STORED).action(STORED)
                .resource(STORED).resourceId(STORED).build());
        store.telemetry().insertMetrics(List.of(Metric.builder().tenantId(tenant).instanceId(inst).name(STORED)
                .timestamp(T0).build()));
        store.telemetry().insertLogs(List.of(LogEntry.builder().tenantId(tenant).instanceId(inst).level(STORED)
                .message(STORED + " \ud83d\ude80").timestamp(T0).build()));
        store.telemetry().insertSpans(List.of(Span.builder().tenantId(tenant).instanceId(inst).traceId(STORED)
                .spanId("s").operation(STORED).timestamp(T0).build()));

        for (String bad : UNSTORABLE) {
            String what = Character.isSurrogate(bad.charAt(2)) ? "an unpaired surrogate" : "U+0000";
            assertThatThrownBy(() -> store.admin().getTenantByExternalId(bad))
                    .as("[V-3] admin().getTenantByExternalId with %s must throw NotFoundException", what)
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.secrets().get(tenant, app.id(), bad))
                    .as("[V-3] secrets().get of a key with %s must throw NotFoundException", what)
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.secrets().delete(tenant, app.id(), bad))
                    .as("[V-3] secrets().delete of a key with %s must throw NotFoundException", what)
                    .isInstanceOf(NotFoundException.class);
            List<InstanceFilter> filters = List.of(InstanceFilter.all().withProviderName(bad),
                    InstanceFilter.all().withDatacenterId(bad), InstanceFilter.all().withLabels(Map.of(bad, STORED)),
                    InstanceFilter.all().withLabels(Map.of(STORED, bad)));
            for (InstanceFilter filter : filters) {
                assertThat(store.instances().list(tenant, filter, PageRequest.first(10)).items())
                        .as("[V-3] instances().list with %s in %s must be empty", what, filter).isEmpty();
            }
            List<AuditQuery> queries = List.of(AuditQuery.all().withActorId(bad), AuditQuery.all().withAction(bad),
                    AuditQuery.all().withResource(bad), AuditQuery.all().withResourceId(bad));
            for (AuditQuery query : queries) {
                assertThat(store.admin().queryAuditLog(tenant, query, PageRequest.first(10)).items())
                        .as("[V-3] admin().queryAuditLog with %s in %s must be empty", what, query).isEmpty();
            }
            assertThat(store.telemetry().queryMetrics(tenant, MetricQuery.all().withName(bad)))
                    .as("[V-3] telemetry().queryMetrics by a name with %s must be empty", what).isEmpty();
            assertThat(store.telemetry().queryLogs(tenant, LogQuery.all().withLevel(bad)))
                    .as("[V-3] telemetry().queryLogs by a level with %s must be empty", what).isEmpty();
            assertThat(store.telemetry().queryLogs(tenant, LogQuery.all().withSearch(bad)))
                    .as("[V-3] telemetry().queryLogs searching text with %s must be empty", what).isEmpty();
            assertThat(store.telemetry().querySpans(tenant, TraceQuery.all().withTraceId(bad)))
                    .as("[V-3] telemetry().querySpans by a trace id with %s must be empty", what).isEmpty();
            assertThat(store.telemetry().querySpans(tenant, TraceQuery.all().withOperation(bad)))
                    .as("[V-3] telemetry().querySpans by an operation with %s must be empty", what).isEmpty();
        }
        assertThat(store.telemetry().queryLogs(tenant, LogQuery.all().withSearch("\ud83d")))
                .as("[V-3] telemetry().queryLogs searching half of a stored surrogate pair must be empty").isEmpty();
        assertThat(store.telemetry().queryLogs(tenant, LogQuery.all().withSearch("\ud83d\ude80")))
                .as("[V-3] telemetry().queryLogs searching the whole pair finds the line").hasSize(1);
        assertThat(store.secrets().get(tenant, app.id(), "ab_cd").key())
                .as("[V-3] secrets().get of the stored key still finds it").isEqualTo("ab_cd");
    }

    @Test
    @DisplayName("V-4 getBySlug and getDomainByHostname with an invalid slug or hostname (U+0000 and unpaired"
            + " surrogates included) throw InvalidArgument quoting the value")
    void invalidSlugsAndHostnames() {
        for (String bad : List.of("Bad Slug", "a\u0000b", "a\ud800b", "-a", "x".repeat(64))) {
            assertThatThrownBy(() -> store.instances().getBySlug(tenant, bad))
                    .as("[V-4] instances().getBySlug(%s) must throw InvalidArgumentException naming slug",
                            bad.length() > 10 ? "64 characters" : bad.replace("\u0000", "U+0000"))
                    .isInstanceOfSatisfying(InvalidArgumentException.class,
                            e -> assertThat(e.field()).as("[V-4] field").isEqualTo("slug"));
            assertThatThrownBy(() -> store.admin().getTenantBySlug(bad))
                    .as("[V-4] admin().getTenantBySlug of an invalid slug must throw InvalidArgumentException")
                    .isInstanceOfSatisfying(InvalidArgumentException.class,
                            e -> assertThat(e.field()).as("[V-4] field").isEqualTo("slug"));
        }
        assertThatThrownBy(() -> store.instances().getBySlug(tenant, "Bad Slug"))
                .as("[V-4] instances().getBySlug(\"Bad Slug\") must quote the value in its message")
                .hasMessageContaining("\"Bad Slug\"");
        assertThatThrownBy(() -> store.admin().getTenantBySlug("Bad Slug"))
                .as("[V-4] admin().getTenantBySlug(\"Bad Slug\") must quote the value in its message")
                .hasMessageContaining("\"Bad Slug\"");
        for (String bad : List.of("a\u0000.example.com", "a\ud800.example.com", "Upper.example.com")) {
            assertThatThrownBy(() -> store.network().getDomainByHostname(tenant, bad))
                    .as("[V-4] network().getDomainByHostname of an invalid hostname must throw"
                            + " InvalidArgumentException naming hostname")
                    .isInstanceOfSatisfying(InvalidArgumentException.class,
                            e -> assertThat(e.field()).as("[V-4] field").isEqualTo("hostname"));
        }
    }

    // ---- V-5, V-6 instants ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("V-5 instants at 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z round-trip exactly in every"
            + " kind of stored field; one microsecond outside is rejected naming the field")
    void instantsAtTheBounds() {
        for (Instant edge : List.of(MIN, MAX)) {
            Instance app = store.instances().insert(newInstance(tenant).suspendedAt(edge).build());
            assertThat(store.instances().get(tenant, app.id()).suspendedAt())
                    .as("[V-5] instances().get returns suspendedAt %s exactly", edge).contains(edge);
            Tenant t = store.admin().insertTenant(Tenant.builder().name("t").slug("edge-" + unique())
                    .suspendedAt(edge).build());
            assertThat(store.admin().getTenant(t.id()).suspendedAt())
                    .as("[V-5] admin().getTenant returns suspendedAt %s exactly", edge).contains(edge);
            Release release = store.deployments().insertRelease(Release.builder().tenantId(tenant)
                    .instanceId(app.id()).version(1).services(List.of(new ServiceSnapshot("web", "img", Map.of())))
                    .build());
            Deployment d = store.deployments().insertDeployment(Deployment.builder().tenantId(tenant)
                    .instanceId(app.id()).releaseId(release.id()).startedAt(edge).finishedAt(edge).build());
            assertThat(store.deployments().getDeployment(tenant, d.id()))
                    .as("[V-5] deployments().getDeployment returns startedAt and finishedAt %s exactly", edge)
                    .isEqualTo(d);
            Domain domain = store.network().insertDomain(Domain.builder().tenantId(tenant).instanceId(app.id())
                    .hostname("d" + unique() + ".example.com").certExpiry(edge).build());
            assertThat(store.network().getDomain(tenant, domain.id()).certExpiry())
                    .as("[V-5] network().getDomain returns certExpiry %s exactly", edge).contains(edge);
            Certificate cert = store.network().insertCertificate(Certificate.builder().tenantId(tenant)
                    .domainId(domain.id()).issuer("ca").expiresAt(edge).build());
            assertThat(store.network().getCertificate(tenant, cert.id()).expiresAt())
                    .as("[V-5] network().getCertificate returns expiresAt %s exactly", edge).isEqualTo(edge);
            HealthCheck check = store.health().insertCheck(HealthCheck.builder().tenantId(tenant)
                    .instanceId(app.id()).name("c").type(CheckType.TCP).build());
            HealthResult result = store.health().insertResult(HealthResult.builder().check(check)
                    .status(HealthStatus.HEALTHY).checkedAt(edge).build());
            assertThat(store.health().latestResult(tenant, check.id()))
                    .as("[V-5] health().latestResult returns checkedAt %s exactly", edge).contains(result);

            clock().set(edge);
            Instance created = store.instances().insert(newInstance(tenant).build());
            assertThat(store.instances().get(tenant, created.id()).createdAt())
                    .as("[V-5] instances().get returns a createdAt the store's clock set to %s exactly", edge)
                    .isEqualTo(edge);
            clock().set(T0);
        }

        Instant before = MIN.minus(1, ChronoUnit.MICROS);
        Instant after = MAX.plus(1, ChronoUnit.MICROS);
        rejected("[V-5] an instance suspended one microsecond before year 1",
                () -> newInstance(tenant).suspendedAt(before).build(), "instance.suspendedAt");
        rejected("[V-5] a tenant suspended one microsecond after year 9999",
                () -> Tenant.builder().name("t").slug("t").suspendedAt(after).build(), "tenant.suspendedAt");
        rejected("[V-5] a certificate expiring one microsecond after year 9999", () -> Certificate.builder()
                .tenantId(tenant).domainId(DomainId.generate()).issuer("ca")
                .expiresAt(after).build(), "certificate.expiresAt");
        rejected("[V-5] a metric one microsecond before year 1", () -> Metric.builder().tenantId(tenant)
                .instanceId(inst).name("m").timestamp(before).build(), "metric.timestamp");
        rejected("[V-5] a health result checked at Instant.MAX", () -> HealthResult.builder().check(checkOf(inst))
                .status(HealthStatus.HEALTHY).checkedAt(Instant.MAX).build(), "result.checkedAt");
    }

    @Test
    @DisplayName("V-6 query bounds (TimeWindow, AuditQuery, purgeBefore) at years 1 and 9999 are accepted and"
            + " inclusive; one microsecond outside is rejected naming the bound")
    void queryBoundsAtTheEdges() {
        List<Instant> times = List.of(MIN, T0, MAX);
        for (Instant t : times) {
            store.telemetry().insertMetrics(List.of(Metric.builder().tenantId(tenant).instanceId(inst).name("m")
                    .timestamp(t).build()));
            store.telemetry().insertLogs(List.of(LogEntry.builder().tenantId(tenant).instanceId(inst).level("i")
                    .timestamp(t).build()));
            store.telemetry().insertSpans(List.of(Span.builder().tenantId(tenant).instanceId(inst).traceId("t")
                    .spanId("s").operation("o").timestamp(t).build()));
            store.telemetry().insertResourceSnapshot(ResourceSnapshot.builder().tenantId(tenant).instanceId(inst)
                    .timestamp(t).build());
            clock().set(t);
            store.admin().insertAuditEntry(AuditEntry.builder().tenantId(tenant).actorId("a").action("x").build());
        }
        clock().set(T0);

        for (Instant edge : List.of(MIN, MAX)) {
            TimeWindow only = TimeWindow.between(edge, edge);
            assertThat(store.telemetry().queryMetrics(tenant, MetricQuery.all().withWindow(only)))
                    .as("[V-6] telemetry().queryMetrics in [%s, %s] returns the one sample there", edge, edge)
                    .extracting(Metric::timestamp).containsExactly(edge);
            assertThat(store.telemetry().queryLogs(tenant, LogQuery.all().withWindow(only)))
                    .as("[V-6] telemetry().queryLogs in [%s, %s] returns the one line there", edge, edge)
                    .extracting(LogEntry::timestamp).containsExactly(edge);
            assertThat(store.telemetry().querySpans(tenant, TraceQuery.all().withWindow(only)))
                    .as("[V-6] telemetry().querySpans in [%s, %s] returns the one span there", edge, edge)
                    .extracting(Span::timestamp).containsExactly(edge);
            assertThat(store.telemetry().listResourceSnapshots(tenant, inst, only))
                    .as("[V-6] telemetry().listResourceSnapshots in [%s, %s] returns the one snapshot", edge, edge)
                    .extracting(ResourceSnapshot::timestamp).containsExactly(edge);
            assertThat(store.admin().queryAuditLog(tenant, AuditQuery.all().withSince(edge).withUntil(edge),
                    PageRequest.first(10)).items())
                    .as("[V-6] admin().queryAuditLog in [%s, %s] returns the one entry there", edge, edge)
                    .extracting(AuditEntry::createdAt).containsExactly(edge);
        }
        assertThat(walk(p -> store.admin().queryAuditLog(tenant, AuditQuery.all(), p), 1))
                .as("[V-6] a walk of the audit log one entry per page returns the entries at both ends, newest first")
                .extracting(AuditEntry::createdAt).containsExactly(MAX, T0, MIN);
        assertThat(store.telemetry().purgeBefore(tenant, MIN))
                .as("[V-6] telemetry().purgeBefore(year 1) deletes nothing").isZero();
        assertThat(store.telemetry().purgeBefore(tenant, MAX))
                .as("[V-6] telemetry().purgeBefore(9999-12-31T23:59:59.999999Z) deletes every row before it")
                .isEqualTo(8);
        assertThat(store.telemetry().queryMetrics(tenant, MetricQuery.all()))
                .as("[V-6] the sample at the cutoff stays").extracting(Metric::timestamp).containsExactly(MAX);

        Instant before = MIN.minus(1, ChronoUnit.MICROS);
        Instant after = MAX.plus(1, ChronoUnit.MICROS);
        rejected("[V-6] TimeWindow.between(one microsecond before year 1, ...)",
                () -> TimeWindow.between(before, MAX), "since");
        rejected("[V-6] TimeWindow.between(..., one microsecond after year 9999)",
                () -> TimeWindow.between(MIN, after), "until");
        rejected("[V-6] AuditQuery.withSince(one microsecond before year 1)",
                () -> AuditQuery.all().withSince(before), "query.since");
        rejected("[V-6] AuditQuery.withUntil(Instant.MAX)", () -> AuditQuery.all().withUntil(Instant.MAX),
                "query.until");
        rejected("[V-6] telemetry().purgeBefore(one microsecond after year 9999)",
                () -> store.telemetry().purgeBefore(tenant, after), "cutoff");
        rejected("[V-6] telemetry().purgeBefore(Instant.MIN)",
                () -> store.telemetry().purgeBefore(tenant, Instant.MIN), "cutoff");
        assertThat(store.telemetry().queryMetrics(tenant, MetricQuery.all()))
                .as("[V-6] a rejected purge deletes nothing").hasSize(1);
    }

    // ---- V-7 durations -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("V-7 durations of zero and of Long.MAX_VALUE microseconds round-trip exactly; one microsecond more is"
            + " rejected naming the field")
    void longestDurations() {
        Instance app = store.instances().insert(newInstance(tenant)
                .services(List.of(serviceWithHealthCheck(new HealthCheckSpec("/h", 80, LONGEST, Duration.ZERO, 1))))
                .build());
        assertThat(store.instances().get(tenant, app.id()))
                .as("[V-7] instances().get returns a service health check interval of Long.MAX_VALUE microseconds")
                .isEqualTo(app);
        HealthCheck check = store.health().insertCheck(HealthCheck.builder().tenantId(tenant).instanceId(app.id())
                .name("c").type(CheckType.TCP).interval(LONGEST).timeout(Duration.ZERO).build());
        assertThat(store.health().getCheck(tenant, check.id()))
                .as("[V-7] health().getCheck returns interval Long.MAX_VALUE microseconds and timeout zero")
                .isEqualTo(check);
        HealthResult result = store.health().insertResult(HealthResult.builder().check(check)
                .status(HealthStatus.UNHEALTHY).latency(LONGEST).checkedAt(T0).build());
        assertThat(store.health().latestResult(tenant, check.id()))
                .as("[V-7] health().latestResult returns latency Long.MAX_VALUE microseconds").contains(result);
        Span span = Span.builder().tenantId(tenant).instanceId(inst).traceId("t").spanId("s").operation("o")
                .duration(LONGEST).timestamp(T0).build();
        store.telemetry().insertSpans(List.of(span));
        assertThat(store.telemetry().querySpans(tenant, TraceQuery.all()))
                .as("[V-7] telemetry().querySpans returns duration Long.MAX_VALUE microseconds")
                .containsExactly(span);

        Duration tooLong = LONGEST.plus(1, ChronoUnit.MICROS);
        rejected("[V-7] a health check whose interval is one microsecond over Long.MAX_VALUE microseconds",
                () -> HealthCheck.builder().tenantId(tenant).instanceId(app.id()).name("c").type(CheckType.TCP)
                        .interval(tooLong).build(), "check.interval");
        rejected("[V-7] a health result whose latency is Duration.ofSeconds(Long.MAX_VALUE)",
                () -> HealthResult.builder().check(check).status(HealthStatus.HEALTHY)
                        .latency(Duration.ofSeconds(Long.MAX_VALUE)).checkedAt(T0).build(), "result.latency");
        rejected("[V-7] a span one microsecond over Long.MAX_VALUE microseconds", () -> span.toBuilder()
                .duration(tooLong).build(), "span.duration");
        rejected("[V-7] a service health check spec one microsecond over Long.MAX_VALUE microseconds",
                () -> new HealthCheckSpec("/h", 80, Duration.ZERO, tooLong, 1), "healthCheck.timeout");
    }

    // ---- V-8, V-9 documents --------------------------------------------------------------------------------------

    @Test
    @DisplayName("V-8 documents nested 32 levels deep (audit details, log fields, Helm values) are written and read"
            + " back; 33 levels are rejected naming the document")
    void deepestDocuments() {
        Map<String, Object> deepest = nested(DOCUMENT_DEPTH);
        AuditEntry entry = store.admin().insertAuditEntry(AuditEntry.builder().tenantId(tenant).actorId("a")
                .action("x").details(deepest).build());
        assertThat(store.admin().queryAuditLog(tenant, AuditQuery.all(), PageRequest.first(10)).items())
                .as("[V-8] admin().queryAuditLog returns details nested 32 levels unchanged").containsExactly(entry);
        LogEntry log = LogEntry.builder().tenantId(tenant).instanceId(inst).level("i").fields(deepest).timestamp(T0)
                .build();
        store.telemetry().insertLogs(List.of(log));
        assertThat(store.telemetry().queryLogs(tenant, LogQuery.all()))
                .as("[V-8] telemetry().queryLogs returns fields nested 32 levels unchanged").containsExactly(log);
        Instance app = store.instances().insert(newInstance(tenant).source(helm(deepest)).build());
        assertThat(store.instances().get(tenant, app.id()))
                .as("[V-8] instances().get returns Helm values nested 32 levels unchanged").isEqualTo(app);

        Map<String, Object> tooDeep = nested(DOCUMENT_DEPTH + 1);
        rejected("[V-8] an audit entry with details nested 33 levels", () -> AuditEntry.builder().tenantId(tenant)
                .actorId("a").action("x").details(tooDeep).build(), "auditEntry.details");
        rejected("[V-8] a log entry with fields nested 33 levels", () -> log.toBuilder().fields(tooDeep).build(),
                "logEntry.fields");
        rejected("[V-8] Helm values nested 33 levels", () -> helm(tooDeep), "helm.values");
        rejected("[V-8] details nested 100,000 levels (no stack overflow)", () -> AuditEntry.builder()
                .tenantId(tenant).actorId("a").action("x").details(nested(100_000)).build(), "auditEntry.details");
    }

    @Test
    @DisplayName("V-9 documents of exactly 1,048,576 characters of JSON text (details, fields, Helm values, metadata,"
            + " labels, attributes) are written and read back; one character more is rejected naming the document")
    void largestDocuments() {
        AuditEntry entry = store.admin().insertAuditEntry(AuditEntry.builder().tenantId(tenant).actorId("a")
                .action("x").details(documentOfJsonLength(DOCUMENT_CHARS)).build());
        assertThat(store.admin().queryAuditLog(tenant, AuditQuery.all(), PageRequest.first(10)).items())
                .as("[V-9] admin().queryAuditLog returns 1 MiB of details unchanged").containsExactly(entry);
        LogEntry log = LogEntry.builder().tenantId(tenant).instanceId(inst).level("i")
                .fields(documentOfJsonLength(DOCUMENT_CHARS)).timestamp(T0).build();
        store.telemetry().insertLogs(List.of(log));
        assertThat(store.telemetry().queryLogs(tenant, LogQuery.all()))
                .as("[V-9] telemetry().queryLogs returns 1 MiB of fields unchanged").containsExactly(log);
        Span span = Span.builder().tenantId(tenant).instanceId(inst).traceId("t").spanId("s").operation("o")
                .attributes(stringMapOfJsonLength(DOCUMENT_CHARS)).timestamp(T0).build();
        store.telemetry().insertSpans(List.of(span));
        assertThat(store.telemetry().querySpans(tenant, TraceQuery.all()))
                .as("[V-9] telemetry().querySpans returns 1 MiB of attributes unchanged").containsExactly(span);
        Instance app = store.instances().insert(newInstance(tenant).source(helm(documentOfJsonLength(DOCUMENT_CHARS)))
                .labels(stringMapOfJsonLength(DOCUMENT_CHARS)).build());
        assertThat(store.instances().get(tenant, app.id()))
                .as("[V-9] instances().get returns 1 MiB of Helm values and 1 MiB of labels unchanged").isEqualTo(app);
        Tenant t = store.admin().insertTenant(Tenant.builder().name("t").slug("big-" + unique())
                .metadata(stringMapOfJsonLength(DOCUMENT_CHARS)).build());
        assertThat(store.admin().getTenant(t.id()))
                .as("[V-9] admin().getTenant returns 1 MiB of metadata unchanged").isEqualTo(t);

        int over = DOCUMENT_CHARS + 1;
        rejected("[V-9] audit details of 1,048,577 characters", () -> AuditEntry.builder().tenantId(tenant)
                .actorId("a").action("x").details(documentOfJsonLength(over)).build(), "auditEntry.details");
        rejected("[V-9] log fields of 1,048,577 characters", () -> log.toBuilder()
                .fields(documentOfJsonLength(over)).build(), "logEntry.fields");
        rejected("[V-9] Helm values of 1,048,577 characters", () -> helm(documentOfJsonLength(over)), "helm.values");
        rejected("[V-9] instance labels of 1,048,577 characters", () -> newInstance(tenant)
                .labels(stringMapOfJsonLength(over)).build(), "instance.labels");
        rejected("[V-9] tenant metadata of 1,048,577 characters", () -> Tenant.builder().name("t").slug("t")
                .metadata(stringMapOfJsonLength(over)).build(), "tenant.metadata");
        rejected("[V-9] span attributes of 1,048,577 characters", () -> span.toBuilder()
                .attributes(stringMapOfJsonLength(over)).build(), "span.attributes");
    }

    // ---- V-10 labels ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("V-10 label keys and values of 255 three-byte characters are stored, read back and found by a label"
            + " filter; a 256-character value is rejected naming the label")
    void longestLabels() {
        String euro = "\u20ac".repeat(255);
        String other = "\u3042".repeat(255);
        Instance app = store.instances().insert(newInstance(tenant).labels(Map.of(euro, euro, other, other)).build());
        assertThat(store.instances().get(tenant, app.id()).labels())
                .as("[V-10] instances().get returns labels of 255 three-byte characters unchanged")
                .isEqualTo(Map.of(euro, euro, other, other));
        assertThat(store.instances().list(tenant, InstanceFilter.all().withLabels(Map.of(euro, euro)),
                PageRequest.first(10)).items())
                .as("[V-10] instances().list filtered by that label finds the instance").containsExactly(app);
        Metric metric = Metric.builder().tenantId(tenant).instanceId(inst).name("m").labels(Map.of(euro, euro))
                .timestamp(T0).build();
        store.telemetry().insertMetrics(List.of(metric));
        assertThat(store.telemetry().queryMetrics(tenant, MetricQuery.all()))
                .as("[V-10] telemetry().queryMetrics returns a label of 255 three-byte characters unchanged")
                .containsExactly(metric);

        rejected("[V-10] an instance label value of 256 characters", () -> newInstance(tenant)
                .labels(Map.of("k", euro + "x")).build(), "instance.labels[k]");
        rejected("[V-10] a metric label value of 256 characters", () -> metric.toBuilder()
                .labels(Map.of("k", euro + "x")).build(), "metric.labels[k]");
        assertThat(store.instances().list(tenant, InstanceFilter.all().withLabels(Map.of(euro, euro + "x")),
                PageRequest.first(10)).items())
                .as("[V-10] instances().list filtered by a value no label can hold is empty").isEmpty();
    }

    // ---- V-11 batches --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("V-11 batches of 4,000 metrics, logs and spans round-trip identically: every row, every value,"
            + " in order")
    void largeBatches() {
        int n = 4_000;
        List<Metric> metrics = new ArrayList<>();
        List<LogEntry> logs = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant t = T0.plus(i, ChronoUnit.MICROS);
            metrics.add(Metric.builder().tenantId(tenant).instanceId(inst).name("m" + i % 7).value(i + 0.25)
                    .labels(Map.of("i", Integer.toString(i), "edge", EDGE)).timestamp(t).build());
            logs.add(LogEntry.builder().tenantId(tenant).instanceId(inst).level("info").message(EDGE + i)
                    .fields(Map.of("i", (long) i, "s", EDGE)).source("stdout").timestamp(t).build());
            spans.add(Span.builder().tenantId(tenant).instanceId(inst).traceId("t" + i / 10).spanId("s" + i)
                    .operation("op").duration(Duration.ofNanos(i * 1_000L)).attributes(Map.of("e", EDGE))
                    .timestamp(t).build());
        }
        store.telemetry().insertMetrics(metrics);
        store.telemetry().insertLogs(logs);
        store.telemetry().insertSpans(spans);

        assertThat(readAll(w -> store.telemetry().queryMetrics(tenant, MetricQuery.all().withWindow(w)), n))
                .as("[V-11] telemetry().queryMetrics returns all 4,000 samples of one batch unchanged")
                .isEqualTo(metrics);
        assertThat(readAll(w -> store.telemetry().queryLogs(tenant, LogQuery.all().withWindow(w)), n))
                .as("[V-11] telemetry().queryLogs returns all 4,000 lines of one batch unchanged").isEqualTo(logs);
        assertThat(readAll(w -> store.telemetry().querySpans(tenant, TraceQuery.all().withWindow(w)), n))
                .as("[V-11] telemetry().querySpans returns all 4,000 spans of one batch unchanged").isEqualTo(spans);
    }

    // ---- fixtures ------------------------------------------------------------------------------------------------

    private static void rejected(String call, ThrowingCallable code, String field) {
        assertThatThrownBy(code).as("%s must throw InvalidArgumentException naming %s", call, field)
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.field())
                        .as("%s: the field InvalidArgumentException names", call).isEqualTo(field));
    }

    /** Rows at T0 + 0..n-1 microseconds, read newest first in windows of 1,000, returned oldest first. */
    private static <T> List<T> readAll(Function<TimeWindow, List<T>> query, int n) {
        List<T> all = new ArrayList<>();
        for (int from = 0; from < n; from += 1_000) {
            TimeWindow w = TimeWindow.between(T0.plus(from, ChronoUnit.MICROS),
                    T0.plus(Math.min(n, from + 1_000) - 1, ChronoUnit.MICROS)).withLimit(1_000);
            List<T> page = new ArrayList<>(query.apply(w));
            Collections.reverse(page);
            all.addAll(page);
        }
        return all;
    }

    private HealthCheck checkOf(InstanceId instanceId) {
        return HealthCheck.builder().tenantId(tenant).instanceId(instanceId).name("c").type(CheckType.TCP).build();
    }

    private static ServiceSpec serviceWithEnv(Map<String, String> env) {
        return new ServiceSpec("web", "img", ServiceRole.MAIN, List.of(), ResourceSpec.NONE, env, List.of(),
                List.of(), Optional.empty(), List.of(), List.of(), Map.of(), List.of(), List.of());
    }

    private static ServiceSpec serviceWithHealthCheck(HealthCheckSpec check) {
        return new ServiceSpec("web", "img", ServiceRole.MAIN, List.of(), ResourceSpec.NONE, Map.of(), List.of(),
                List.of(), Optional.of(check), List.of(), List.of(), Map.of(), List.of(), List.of());
    }

    private static DeploymentSource helm(Map<String, Object> values) {
        return DeploymentSource.ofHelm(new HelmSource("https://charts.example", "web", "1.0.0", "web", "default",
                values, List.of()));
    }

    /** A document of {@code depth} levels: maps and lists in turn, the innermost holding a string. */
    protected static Map<String, Object> nested(int depth) {
        Object inner = "leaf";
        for (int level = depth; level > 1; level--) {
            inner = level % 2 == 0 ? List.of(inner, level) : Map.of("k" + level, inner);
        }
        return Map.of("top", inner);
    }

    /**
     * A document whose compact JSON text is exactly {@code chars} characters: {@code {"k":"xxx…"}} is 8 characters
     * around the string.
     */
    protected static Map<String, Object> documentOfJsonLength(int chars) {
        return Map.of("k", "x".repeat(chars - 8));
    }

    /**
     * A string map whose compact JSON text is exactly {@code chars} characters, with keys and values of at most 255
     * ASCII characters, so that it also fits label rules: entries {@code "key":"value"} of 255 + 255 characters
     * (515 with quotes and colon, 516 with the comma), then one entry that takes the rest.
     */
    protected static Map<String, String> stringMapOfJsonLength(int chars) {
        Map<String, String> map = new LinkedHashMap<>();
        int full = (chars - 1) / 516;
        for (int i = 0; i < full; i++) {
            map.put(String.format("%07d", i) + "k".repeat(248), "v".repeat(255));
        }
        // {} and the full entries with their commas, then "key":"value" of the rest
        int rest = chars - 2 - full * 516 - 5;
        if (rest < 7 || rest > 510) {
            throw new IllegalArgumentException("no string map of " + chars + " JSON characters with this layout");
        }
        int keyLength = Math.max(7, rest - 255);
        map.put(String.format("%07d", full) + "k".repeat(keyLength - 7), "v".repeat(rest - keyLength));
        return map;
    }
}
