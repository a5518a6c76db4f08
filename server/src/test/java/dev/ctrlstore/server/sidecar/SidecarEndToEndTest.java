package dev.ctrlstore.server.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.tck.TestClock;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL center with its ledger, a reflector, the LDB, the sidecar: a write at the center reads back through the
 * sidecar with {@code min_seq}; then the center becomes unreachable and the sidecar keeps serving, healthy until the
 * ledger latency passes the threshold (the latency is measured against a clock the test moves, so nothing waits).
 */
@PostgresTest
class SidecarEndToEndTest {
    private static final Duration THRESHOLD = Duration.ofMinutes(1);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("a center write reads back through the sidecar; with the center gone it serves on, 503 on health"
            + " only past the threshold")
    void writeReadAndCenterDown(TestDatabase db, @TempDir Path dir) throws Exception {
        Path ldb = dir.resolve("ldb.db");
        TestClock clock = TestClock.startingAt(Instant.now());
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).poolSize(2).ledger(LedgerMode.SYNC).build()) {
            center.migrate();
            Instance instance;
            try (Reflector reflector = Reflector.builder().ldb(ldb).source(source(db.jdbcUrl(), db))
                    .pollInterval(Duration.ofMillis(50)).build().start();
                 SidecarServer sidecar = SidecarServer.builder().ldb(ldb).port(0).latencyThreshold(THRESHOLD)
                         .clock(clock).build().start()) {
                Tenant tenant = center.admin().insertTenant(Tenant.builder().name("Shop").slug("shop").build());
                instance = center.instances().insert(Instance.builder().tenantId(tenant.id()).name("Web")
                        .slug("web").build());
                long seq = center.ledgerPosition();
                HttpResponse<String> read = get(sidecar, "/v1/tenants/" + tenant.id() + "/instances/"
                        + instance.id() + "?min_seq=" + seq + "&wait_ms=30000");
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                JsonNode body = new ObjectMapper().readTree(read.body());
                assertThat(body.get("id").asText()).isEqualTo(instance.id().value());
                assertThat(body.get("slug").asText()).isEqualTo("web");

                clock.set(Instant.now());
                assertThat(get(sidecar, "/healthcheck").statusCode()).isEqualTo(200);
            }

            // The center is unreachable from here on: the reflector that follows it now finds nobody at its address.
            String deadCenter = "jdbc:postgresql://127.0.0.1:" + freePort() + "/" + db.databaseName();
            try (Reflector cut = Reflector.builder().ldb(ldb).source(source(deadCenter, db))
                    .pollInterval(Duration.ofMillis(50)).build().start();
                 SidecarServer sidecar = SidecarServer.builder().ldb(ldb).port(0).latencyThreshold(THRESHOLD)
                         .clock(clock).build().start()) {
                String path = "/v1/tenants/" + instance.tenantId() + "/instances/" + instance.id();
                clock.set(Instant.now().plus(THRESHOLD.minusSeconds(20)));
                assertThat(get(sidecar, path).statusCode()).isEqualTo(200);
                assertThat(get(sidecar, "/healthcheck").statusCode()).as("still under the threshold").isEqualTo(200);

                clock.set(Instant.now().plus(THRESHOLD.plusMinutes(5)));
                HttpResponse<String> stale = get(sidecar, "/healthcheck");
                assertThat(stale.statusCode()).isEqualTo(503);
                assertThat(stale.body()).contains("over the threshold of 60.000 s");
                assertThat(get(sidecar, "/ping").statusCode()).isEqualTo(503);
                assertThat(get(sidecar, path).statusCode()).as("reads are served whatever the latency")
                        .isEqualTo(200);
                assertThat(cut.state().position()).as("the cut-off reflector kept the LDB's position")
                        .isGreaterThan(0);
            }
        }
    }

    private static JdbcLedgerSource source(String jdbcUrl, TestDatabase db) {
        return JdbcLedgerSource.builder().jdbcUrl(jdbcUrl).user(db.user()).password(db.password())
                .awaitFlush(false).timeout(Duration.ofSeconds(2)).build();
    }

    private HttpResponse<String> get(SidecarServer sidecar, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sidecar.uri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
