package dev.ctrlstore.server.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctrlstore.replication.ldb.Ldb;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The health routes judge the LDB's ledger latency against the threshold. The position row is written here as a
 * reflector would write it, with a commit time chosen far from the threshold, so no test depends on timing.
 */
class SidecarHealthTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    @DisplayName("an LDB that applied nothing yet is unhealthy, and its latency is unknown (503)")
    void nothingApplied() throws Exception {
        Path ldb = ldb();
        try (SidecarServer sidecar = SidecarServer.builder().ldb(ldb).port(0).build().start()) {
            for (String path : new String[] {"/healthcheck", "/ping", "/get-ledger-latency"}) {
                HttpResponse<String> res = get(sidecar, path);
                assertThat(res.statusCode()).as(path).isEqualTo(503);
                assertThat(res.body()).as(path).contains("applied no ledger entry yet");
            }
        }
    }

    @Test
    @DisplayName("under the threshold /healthcheck and /ping are 200 with an empty body; latency is in seconds")
    void healthy() throws Exception {
        Path ldb = ldb();
        position(ldb, 7, Instant.now().minus(90, ChronoUnit.SECONDS));
        try (SidecarServer sidecar = SidecarServer.builder().ldb(ldb).port(0)
                .latencyThreshold(Duration.ofHours(1)).build().start()) {
            for (String path : new String[] {"/healthcheck", "/ping"}) {
                HttpResponse<String> res = get(sidecar, path);
                assertThat(res.statusCode()).as(path).isEqualTo(200);
                assertThat(res.body()).isEmpty();
            }
            HttpResponse<String> latency = get(sidecar, "/get-ledger-latency");
            assertThat(latency.statusCode()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(latency.body());
            assertThat(body.get("unit").asText()).isEqualTo("seconds");
            // 90 s old when written; the test's own run time is all that can add to it.
            assertThat(body.get("value").asDouble()).isCloseTo(90, within(600.0));
            assertThat(body.get("value").asDouble()).isGreaterThanOrEqualTo(90);
        }
    }

    @Test
    @DisplayName("past the threshold /healthcheck and /ping are 503 with the latency and the threshold")
    void stale() throws Exception {
        Path ldb = ldb();
        position(ldb, 7, Instant.now().minus(2, ChronoUnit.HOURS));
        try (SidecarServer sidecar = SidecarServer.builder().ldb(ldb).port(0)
                .latencyThreshold(Duration.ofMinutes(30)).build().start()) {
            for (String path : new String[] {"/healthcheck", "/ping"}) {
                HttpResponse<String> res = get(sidecar, path);
                assertThat(res.statusCode()).as(path).isEqualTo(503);
                assertThat(res.body()).contains("ledger latency 7", "threshold of 1800.000 s");
            }
            assertThat(get(sidecar, "/get-ledger-latency").statusCode()).as("the latency itself still reads")
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName("the builder refuses a missing LDB file and a non-positive threshold, naming them")
    void builderRefusals() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SidecarServer.builder()
                .ldb(dir.resolve("absent.db")).port(0).build())
                .hasMessageContaining("absent.db");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SidecarServer.builder()
                .latencyThreshold(Duration.ZERO)).hasMessageContaining("latencyThreshold");
    }

    private Path ldb() {
        Path file = dir.resolve("ldb-" + System.nanoTime() + ".db");
        Ldb.create(file).close();
        return file;
    }

    private static void position(Path ldb, long seq, Instant committedAt) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ldb);
             PreparedStatement s = c.prepareStatement("insert into ldb_position (id, seq, center_id, committed_at,"
                     + " applied_at) values (1, ?, 'center-1', ?, ?)")) {
            s.setLong(1, seq);
            s.setLong(2, ChronoUnit.MICROS.between(Instant.EPOCH, committedAt));
            s.setLong(3, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
            s.executeUpdate();
        }
    }

    private HttpResponse<String> get(SidecarServer sidecar, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sidecar.uri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
