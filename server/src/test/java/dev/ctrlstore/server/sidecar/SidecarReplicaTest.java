package dev.ctrlstore.server.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctrlstore.replication.ldb.LdbSignals;
import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.health.CheckType;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.spec.ServiceSnapshot;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed replica's routes over a real socket, on an LDB a reflector fills from a SQLite center. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SidecarReplicaTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqliteStore center;
    private Reflector reflector;
    private SidecarServer sidecar;
    private final HttpClient http = HttpClient.newHttpClient();
    private Tenant tenant;
    private Tenant otherTenant;
    private Instance instance;
    private Release release;
    private Domain domain;
    private Route route;
    private Certificate certificate;
    private HealthCheck check;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path centerFile = dir.resolve("center.db");
        Path ldb = dir.resolve("ldb.db");
        center = SqliteStore.builder().path(centerFile).ledger(LedgerMode.SYNC).build();
        center.migrate();
        reflector = Reflector.builder().ldb(ldb)
                .source(JdbcLedgerSource.builder().jdbcUrl("jdbc:sqlite:" + centerFile).build())
                .pollInterval(Duration.ofMillis(20)).build().start();
        tenant = center.admin().insertTenant(Tenant.builder().name("Shop").slug("shop").build());
        otherTenant = center.admin().insertTenant(Tenant.builder().name("Other").slug("other").build());
        instance = center.instances().insert(Instance.builder().tenantId(tenant.id()).name("Storefront")
                .slug("storefront").state(InstanceState.RUNNING).labels(Map.of("team", "web")).build());
        center.instances().insert(Instance.builder().tenantId(tenant.id()).name("Batch").slug("batch")
                .state(InstanceState.STOPPED).build());
        release = center.deployments().insertRelease(Release.builder().tenantId(tenant.id())
                .instanceId(instance.id()).version(1)
                .services(List.of(new ServiceSnapshot("web", "registry.example/web:1", Map.of("V", "1")))).build());
        domain = center.network().insertDomain(Domain.builder().tenantId(tenant.id()).instanceId(instance.id())
                .hostname("shop.example.com").build());
        route = center.network().insertRoute(Route.builder().tenantId(tenant.id()).instanceId(instance.id())
                .path("/api").port(8080).build());
        certificate = center.network().insertCertificate(Certificate.builder().tenantId(tenant.id())
                .domainId(domain.id()).issuer("letsencrypt").expiresAt(Instant.parse("2027-01-01T00:00:00Z"))
                .build());
        check = center.health().insertCheck(HealthCheck.builder().tenantId(tenant.id()).instanceId(instance.id())
                .name("alive").type(CheckType.HTTP).target("http://localhost:8080/healthz").build());
        assertThat(LdbSignals.await(ldb, center.ledgerPosition(), PATIENCE)).as("reflector: %s", reflector.state())
                .isTrue();
        sidecar = SidecarServer.builder().ldb(ldb).port(0).build().start();
    }

    @AfterAll
    void stop() throws Exception {
        // Closed in reverse order of opening: the sidecar, the reflector, the center.
        try (SqliteStore c = center; Reflector r = reflector; SidecarServer s = sidecar) {
            assertThat(r).isNotNull();
        }
    }

    @Test
    @DisplayName("an instance reads back by id with its fields as the API records name them")
    void instanceById() throws Exception {
        HttpResponse<String> res = get("/v1/tenants/" + tenant.id() + "/instances/" + instance.id());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.get("id").asText()).isEqualTo(instance.id().value());
        assertThat(body.get("tenantId").asText()).isEqualTo(tenant.id().value());
        assertThat(body.get("slug").asText()).isEqualTo("storefront");
        assertThat(body.get("state").asText()).isEqualTo("running");
        assertThat(body.get("labels").get("team").asText()).isEqualTo("web");
        assertThat(body.get("currentRelease").isNull()).isTrue();
        assertThat(Instant.parse(body.get("createdAt").asText())).isEqualTo(instance.createdAt());
        assertThat(body.get("version").asLong()).isEqualTo(instance.version());
    }

    @Test
    @DisplayName("instances list as a page, filtered by state, limited and continued with the cursor")
    void instancePages() throws Exception {
        String base = "/v1/tenants/" + tenant.id() + "/instances";
        JsonNode all = JSON.readTree(get(base).body());
        assertThat(all.get("items")).hasSize(2);
        assertThat(all.get("nextCursor").isNull()).isTrue();

        JsonNode running = JSON.readTree(get(base + "?state=running").body());
        assertThat(running.get("items")).hasSize(1);
        assertThat(running.get("items").get(0).get("slug").asText()).isEqualTo("storefront");

        JsonNode first = JSON.readTree(get(base + "?limit=1").body());
        assertThat(first.get("items")).hasSize(1);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = JSON.readTree(get(base + "?limit=1&cursor=" + cursor).body());
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("id").asText())
                .isNotEqualTo(first.get("items").get(0).get("id").asText());

        HttpResponse<String> badState = get(base + "?state=sleeping");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.body()).contains("state", "sleeping", "running");
        HttpResponse<String> badLimit = get(base + "?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit", "between 1 and 1000");
    }

    @Test
    @DisplayName("releases, routes, domains, certificates and checks read by id and by instance")
    void childrenByIdAndByInstance() throws Exception {
        String t = "/v1/tenants/" + tenant.id();
        String i = t + "/instances/" + instance.id();
        assertThat(id(get(t + "/releases/" + release.id()))).isEqualTo(release.id().value());
        assertThat(ids(JSON.readTree(get(i + "/releases").body()).get("items"))).containsExactly(release.id().value());
        assertThat(id(get(t + "/routes/" + route.id()))).isEqualTo(route.id().value());
        assertThat(ids(JSON.readTree(get(i + "/routes").body()))).containsExactly(route.id().value());
        assertThat(id(get(t + "/domains/" + domain.id()))).isEqualTo(domain.id().value());
        assertThat(ids(JSON.readTree(get(i + "/domains").body()))).containsExactly(domain.id().value());
        assertThat(id(get(t + "/certificates/" + certificate.id()))).isEqualTo(certificate.id().value());
        assertThat(ids(JSON.readTree(get(i + "/certificates").body()))).containsExactly(certificate.id().value());
        assertThat(id(get(t + "/checks/" + check.id()))).isEqualTo(check.id().value());
        assertThat(ids(JSON.readTree(get(i + "/checks").body()))).containsExactly(check.id().value());

        JsonNode r = JSON.readTree(get(t + "/releases/" + release.id()).body());
        assertThat(r.get("services").get(0).get("image").asText()).isEqualTo("registry.example/web:1");
        JsonNode c = JSON.readTree(get(t + "/checks/" + check.id()).body());
        assertThat(c.get("type").asText()).isEqualTo("http");
    }

    @Test
    @DisplayName("a missing id, another tenant's id and an unknown instance are 404; a malformed id is 400")
    void refusals() throws Exception {
        String t = "/v1/tenants/" + tenant.id();
        HttpResponse<String> otherTenants = get("/v1/tenants/" + otherTenant.id() + "/instances/" + instance.id());
        assertThat(otherTenants.statusCode()).isEqualTo(404);
        assertThat(otherTenants.body()).contains(instance.id().value());

        HttpResponse<String> missing = get(t + "/routes/" + dev.ctrlstore.store.id.RouteId.generate());
        assertThat(missing.statusCode()).isEqualTo(404);

        HttpResponse<String> unknownInstance = get(t + "/instances/"
                + dev.ctrlstore.store.id.InstanceId.generate() + "/routes");
        assertThat(unknownInstance.statusCode()).as("an unknown instance is not an empty list").isEqualTo(404);

        HttpResponse<String> malformed = get(t + "/domains/" + route.id());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("domainId", "rt");
        assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/plain"));
    }

    @Test
    @DisplayName("min_seq waits for the center's write; a position never reached is a 503 naming both positions")
    void readYourWrites() throws Exception {
        // In the other tenant, so the listing tests of the first one are not affected.
        Instance added = center.instances().insert(Instance.builder().tenantId(otherTenant.id()).name("Fresh")
                .slug("fresh-" + System.nanoTime()).build());
        long seq = center.ledgerPosition();
        HttpResponse<String> res = get("/v1/tenants/" + otherTenant.id() + "/instances/" + added.id()
                + "?min_seq=" + seq + "&wait_ms=20000");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(Long.parseLong(res.headers().firstValue("ctrlstore-seq").orElseThrow())).isGreaterThanOrEqualTo(seq);

        HttpResponse<String> ahead = get("/v1/tenants/" + otherTenant.id() + "/instances/" + added.id()
                + "?min_seq=" + (seq + 1_000_000) + "&wait_ms=0");
        assertThat(ahead.statusCode()).isEqualTo(503);
        assertThat(ahead.body()).contains(Long.toString(seq + 1_000_000));
        assertThat(ahead.headers().firstValue("Retry-After")).hasValue("1");

        assertThat(get("/v1/tenants/" + otherTenant.id() + "/instances?min_seq=-1").statusCode()).isEqualTo(400);
        assertThat(get("/v1/tenants/" + otherTenant.id() + "/instances?min_seq=1&wait_ms=30001").statusCode())
                .isEqualTo(400);
        HttpResponse<String> waitAlone = get("/v1/tenants/" + otherTenant.id() + "/instances?wait_ms=10");
        assertThat(waitAlone.statusCode()).isEqualTo(400);
        assertThat(waitAlone.body()).contains("min_seq");
    }

    @Test
    @DisplayName("/metrics shows the applied position in Prometheus text")
    void metrics() throws Exception {
        HttpResponse<String> res = get("/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("ctrlstore_sidecar_ledger_position");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sidecar.uri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String id(HttpResponse<String> res) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return JSON.readTree(res.body()).get("id").asText();
    }

    private static List<String> ids(JsonNode array) {
        assertThat(array.isArray()).as("%s", array).isTrue();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(n -> n.get("id").asText())
                .toList();
    }
}
