package dev.ctrlstore.server.executive;

import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The center goes away under a running executive: it answers 503 (retryable), not 500, and says why. */
class ExecutiveCenterDownTest {

    @Test
    @DisplayName("center down: /status, admin routes and mutations are 503")
    void centerDown() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(server.getJdbcUrl("postgres", "postgres"))
                .connectionTimeout(Duration.ofMillis(500)).ledger(LedgerMode.SYNC).build()) {
            center.migrate();
            try (ExecutiveServer executive = ExecutiveServer.builder()
                    .store(center.control(ControlSettings.defaults().withSecrets(1000, Duration.ofMinutes(5))))
                    .adminToken("down-token").build().start()) {
                Client http = new Client(executive.uri(), "down-token");
                assertThat(http.send("GET", "/status", null).statusCode()).isEqualTo(200);
                assertThat(http.admin("POST", "/families/before", null).statusCode()).isEqualTo(200);

                server.close();

                HttpResponse<String> status = http.send("GET", "/status", null);
                assertThat(status.statusCode()).isEqualTo(503);
                assertThat(status.body()).contains("retry later");
                assertThat(http.admin("POST", "/families/after", null).statusCode()).isEqualTo(503);
                assertThat(http.writer("someone", "secret", "POST", "/families/before/mutations",
                        "{\"mutations\":[{\"table\":\"t_x\",\"values\":{\"id\":1}}]}").statusCode()).isEqualTo(503);
            }
        } finally {
            server.close();
        }
    }
}
