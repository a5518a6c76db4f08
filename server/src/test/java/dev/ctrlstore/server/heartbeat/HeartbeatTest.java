package dev.ctrlstore.server.heartbeat;

import dev.ctrlstore.server.client.ExecutiveClient;
import dev.ctrlstore.server.client.ExecutiveException;
import dev.ctrlstore.server.executive.ExecutiveServer;
import dev.ctrlstore.store.control.ControlStore;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sqlite.SqliteStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The heartbeat and the client against a real executive over a SQLite center, on real sockets. */
class HeartbeatTest {
    private static final String TOKEN = "admin-token-for-tests";

    @TempDir
    Path dir;

    private SqliteStore center;
    private ControlStore control;
    private ExecutiveServer executive;

    @BeforeEach
    void start() {
        center = SqliteStore.builder().path(dir.resolve("center.db")).ledger(LedgerMode.SYNC).build();
        center.migrate();
        control = center.control(ControlSettings.defaults());
        executive = ExecutiveServer.builder().store(control).host("127.0.0.1").port(0).adminToken(TOKEN).build()
                .start();
    }

    @AfterEach
    void stop() {
        executive.close();
        center.close();
    }

    private ExecutiveClient client(String token) {
        return ExecutiveClient.builder().uri(executive.uri()).adminToken(token).build();
    }

    @Test
    @DisplayName("start registers the writer, creates ctlstore.heartbeats (name string key, value integer) and pulses")
    void createsItsTableAndPulses() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Heartbeat heartbeat = Heartbeat.builder().client(client(TOKEN)).secret("beat-secret-1")
                .interval(Duration.ofMillis(20)).meterRegistry(registry).build().start()) {
            assertThat(control.table("ctlstore", "heartbeats").fields()).containsExactly(
                    new FieldDefinition("name", FieldType.STRING), new FieldDefinition("value", FieldType.INTEGER));
            assertThat(control.table("ctlstore", "heartbeats").keyFields()).containsExactly("name");
            long first = heartbeat.pulse();
            long second = heartbeat.pulse();
            assertThat(second).isGreaterThan(first);
            assertThat(center.ledger().head().seq()).isGreaterThanOrEqualTo(second);
        }
        assertThat(registry.get("ctrlstore.heartbeat.pulses").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("a second heartbeat on an existing family and table starts (conflicts accepted)")
    void existingTableIsAccepted() {
        client(TOKEN).createFamily("ctlstore");
        Heartbeat.builder().client(client(TOKEN)).secret("beat-secret-1").build().start().close();
        Heartbeat.builder().client(client(TOKEN)).secret("beat-secret-1").build().start().close();
        assertThat(control.tables("ctlstore")).hasSize(1);
    }

    @Test
    @DisplayName("a wrong admin token fails start with the executive's 401")
    void wrongTokenFailsStart() {
        assertThatThrownBy(() -> Heartbeat.builder().client(client("wrong")).secret("beat-secret-1").build().start())
                .isInstanceOf(ExecutiveException.class)
                .satisfies(e -> assertThat(((ExecutiveException) e).status()).isEqualTo(401));
    }

    @Test
    @DisplayName("pulses against a stopped executive fail with status 0 and count as failures, without stopping it")
    void executiveDownIsNotFatal() {
        try (Heartbeat heartbeat = Heartbeat.builder().client(client(TOKEN)).secret("beat-secret-1")
                .interval(Duration.ofHours(1)).build().start()) {
            executive.close();
            assertThatThrownBy(heartbeat::pulse).isInstanceOf(ExecutiveException.class)
                    .satisfies(e -> assertThat(((ExecutiveException) e).unreachable()).isTrue())
                    .hasMessageContaining("cannot reach the executive at " + client(TOKEN).uri());
        }
    }

    @Test
    @DisplayName("the client's calls reach their routes: table schema, limits, writer limits")
    void clientRoutes() {
        ExecutiveClient client = client(TOKEN);
        assertThat(client.createFamilyIfMissing("flags")).isTrue();
        assertThat(client.createFamilyIfMissing("flags")).isFalse();
        client.createTable("flags", "features", List.of(List.of("name", "string"), List.of("on", "integer")),
                List.of("name"));
        client.addFields("flags", "features", List.of(List.of("note", "text")));
        assertThat(client.table("flags", "features")).contains("note");
        client.registerWriter("writer1", "writer1-secret");
        long seq = client.upsert("flags", "writer1", "writer1-secret", "features", java.util.Map.of("name", "a", "on", 1,
                "note", "x"));
        assertThat(seq).isPositive();
        client.setTableLimit("flags", "features", 1000, 2000);
        assertThat(client.tableLimits()).contains("2000");
        client.deleteTableLimit("flags", "features");
        client.setWriterLimit("writer1", 77, Duration.ofMinutes(1));
        assertThat(client.writerLimits()).contains("77");
        client.deleteWriterLimit("writer1");
        client.status();
    }
}
