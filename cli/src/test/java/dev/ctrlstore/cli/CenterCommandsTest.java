package dev.ctrlstore.cli;

import dev.ctrlstore.cli.CtrlstoreProcess.Result;
import dev.ctrlstore.replication.replica.LdbStore;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sqlite.SqliteStore;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** migrate and the daemons against a real center, run as processes of the built jar. */
@PostgresTest
class CenterCommandsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("migrate brings a SQLite file and a PostgreSQL center to the newest schema")
    void migrate(TestDatabase db) throws Exception {
        Path file = dir.resolve("store.db");
        Result sqlite = CtrlstoreProcess.run(dir, Map.of(), "migrate", "--center-url", file.toString());
        assertThat(sqlite.exitCode()).as(sqlite.toString()).isZero();
        assertThat(sqlite.stdout()).contains("is at version");
        try (SqliteStore store = SqliteStore.builder().path(file).build()) {
            assertThat(store.admin().insertTenant(Tenant.builder().name("Acme").slug("acme").build()).id())
                    .isNotNull();
        }
        Map<String, String> env = Map.of("CTRLSTORE_CENTER_URL", db.jdbcUrl(), "CTRLSTORE_CENTER_USER", db.user(),
                "CTRLSTORE_CENTER_PASSWORD", db.password());
        Result pg = CtrlstoreProcess.run(dir, env, "migrate");
        assertThat(pg.exitCode()).as(pg.toString()).isZero();
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).build()) {
            store.migrate(); // nothing left to apply: the command did it all
        }
    }

    @Test
    @DisplayName("reflector follows a center into a new LDB, serves /metrics, stops on SIGTERM with 0; read-seq and "
            + "status read the LDB")
    void reflector(TestDatabase db) throws Exception {
        Path ldb = dir.resolve("ldb.db");
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).ledger(LedgerMode.SYNC).build()) {
            center.migrate();
            center.admin().insertTenant(Tenant.builder().name("Acme").slug("acme").build());
            long seq = center.ledgerPosition();
            Map<String, String> env = Map.of("CTRLSTORE_CENTER_URL", db.jdbcUrl(), "CTRLSTORE_CENTER_USER",
                    db.user(), "CTRLSTORE_CENTER_PASSWORD", db.password(), "CTRLSTORE_LDB", ldb.toString());
            try (CtrlstoreProcess reflector = CtrlstoreProcess.start(dir, env, "reflector")) {
                String metrics = reflector.awaitOutput("reflector ready: .* metrics at (\\S+)",
                        Duration.ofSeconds(60)).group(1);
                try (var client = java.net.http.HttpClient.newHttpClient()) {
                    var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(metrics))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).contains("ctrlstore_reflector");
                }
                try (LdbStore replica = LdbStore.builder().path(ldb).build()) {
                    replica.awaitPosition(seq, Duration.ofSeconds(30));
                }
                Result readSeq = CtrlstoreProcess.run(dir, env, "read-seq");
                assertThat(Long.parseLong(readSeq.stdout().strip())).isGreaterThanOrEqualTo(seq);
                Result status = CtrlstoreProcess.run(dir, env, "status");
                assertThat(status.exitCode()).as(status.toString()).isZero();
                assertThat(status.stdout()).contains("seq", "ledger latency", "wal size")
                        .containsPattern("tenants\\s+1");
                Result stop = reflector.terminate(Duration.ofSeconds(30));
                assertThat(stop.exitCode()).as(stop.toString()).isZero();
                assertThat(stop.stderr()).contains("SIGTERM received", "stopped").doesNotContain("Exception");
            }
        }
        assertThat(Files.exists(ldb)).isTrue();
    }

    @Test
    @DisplayName("executive (with --migrate) and heartbeat run as daemons: ready lines, heartbeat rows reach the "
            + "center, /metrics, SIGTERM exits 0")
    void executiveAndHeartbeat(TestDatabase db) throws Exception {
        Map<String, String> env = Map.of("CTRLSTORE_CENTER_URL", db.jdbcUrl(), "CTRLSTORE_CENTER_USER", db.user(),
                "CTRLSTORE_CENTER_PASSWORD", db.password(), "CTRLSTORE_ADMIN_TOKEN", "admin-token-1",
                "CTRLSTORE_HEARTBEAT_SECRET", "heartbeat-secret-1");
        try (CtrlstoreProcess executive = CtrlstoreProcess.start(dir, env, "executive", "--migrate", "--bind",
                "127.0.0.1:0")) {
            String uri = executive.awaitOutput("executive ready: (\\S+)", Duration.ofSeconds(90)).group(1);
            try (CtrlstoreProcess heartbeat = CtrlstoreProcess.start(dir, env, "heartbeat", "-e", uri,
                    "--heartbeat-interval", "200ms")) {
                String metrics = heartbeat.awaitOutput("heartbeat ready: .* metrics at (\\S+)",
                        Duration.ofSeconds(60)).group(1);
                try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                        .password(db.password()).build()) {
                    assertThat(center.control(ControlSettings.defaults()).table("ctlstore", "heartbeats")
                            .keyFields()).containsExactly("name");
                }
                try (HttpClient http = HttpClient.newHttpClient()) {
                    String text = http.send(HttpRequest.newBuilder(URI.create(metrics)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    assertThat(text).contains("ctrlstore_heartbeat_pulses");
                }
                Result stopBeat = heartbeat.terminate(Duration.ofSeconds(30));
                assertThat(stopBeat.exitCode()).as(stopBeat.toString()).isZero();
            }
            Result stop = executive.terminate(Duration.ofSeconds(30));
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
            assertThat(stop.stderr()).contains("SIGTERM received", "stopped").doesNotContain("Exception");
        }
    }
}
