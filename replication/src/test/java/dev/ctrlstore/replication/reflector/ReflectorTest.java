package dev.ctrlstore.replication.reflector;

import dev.ctrlstore.replication.ldb.ControlData;
import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.replication.ldb.LdbPosition;
import dev.ctrlstore.replication.ldb.LdbSignals;
import dev.ctrlstore.replication.reflector.ReflectorState.Phase;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sqlite.SqliteStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.ctrlstore.replication.ldb.ControlData.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reflector's loop against a ledger held in a list (the center's side is tested with real centers elsewhere). */
class ReflectorTest {
    /** Bounds every wait so that a broken reflector fails the test instead of hanging it; never a timing claim. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    Path ldb;
    ListLedgerSource source = new ListLedgerSource();
    Reflector reflector;

    @BeforeEach
    void paths() {
        ldb = dir.resolve("ldb.db");
    }

    @AfterEach
    void close() {
        if (reflector != null) {
            reflector.close();
        }
    }

    @Test
    @DisplayName("follows the ledger into the LDB in batches, signalling each, and reports its state")
    void follows() throws Exception {
        Path center = dir.resolve("center.db");
        List<LedgerChange> changes;
        try (SqliteStore store = SqliteStore.builder().path(center).build()) {
            store.migrate();
            ControlData.populate(store, "1");
            ControlData.populate(store, "2");
            changes = ControlData.upserts(center);
        }
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            entries.add(entry(i + 1, changes.get(i)));
        }
        source.append(entries);

        reflector = start(Reflector.builder().batchSize(5));
        awaitApplied(entries.size());

        assertThat(ControlData.rows(ldb)).isEqualTo(ControlData.rows(center));
        ReflectorState state = awaitState(s -> s.lag().isZero());
        assertThat(state.phase()).isEqualTo(Phase.FOLLOWING);
        assertThat(state.position()).isEqualTo(entries.size());
        assertThat(state.entries()).isEqualTo(entries.size());
        assertThat(state.batches()).isEqualTo((entries.size() + 4) / 5);
        assertThat(state.sourceCommittedAt()).hasValue(entries.getLast().committedAt());
        assertThat(state.centerReachable()).isTrue();
        assertThat(state.lastError()).isEmpty();
        assertThat(Ldb.inspect(ldb)).get().extracting(LdbPosition::seq).isEqualTo((long) entries.size());
    }

    @Test
    @DisplayName("a hint wakes it at once: with a one-hour poll, appended entries are still applied")
    void wokenByHints() throws Exception {
        reflector = start(Reflector.builder().pollInterval(Duration.ofHours(1)));
        awaitState(s -> s.centerReachable());

        for (long seq = 1; seq <= 3; seq++) {
            source.append(entry(seq));
            awaitApplied(seq);
        }
        assertThat(reflector.state().position()).isEqualTo(3);
    }

    @Test
    @DisplayName("a gap halts it: nothing of the batch with the gap is applied")
    void gapHalts() throws Exception {
        source.append(entry(1), entry(2), entry(4));

        reflector = start(Reflector.builder());
        ReflectorState state = awaitState(s -> s.phase() == Phase.HALTED);

        assertThat(state.position()).isZero();
        assertThat(state.lastError()).get().asString().contains("ledger gap: expected seq 3, got 4");
        assertThat(Ldb.inspect(ldb)).isEmpty();
    }

    @Test
    @DisplayName("an LDB of another center halts it before anything is read")
    void otherCenterHalts() throws Exception {
        try (Ldb l = Ldb.create(ldb)) {
            l.apply("center-0", List.of(entry(1)), Clock.systemUTC());
        }
        source.append(entry(1), entry(2));

        reflector = start(Reflector.builder());
        ReflectorState state = awaitState(s -> s.phase() == Phase.HALTED);

        assertThat(state.lastError()).get().asString().contains("follows center center-0")
                .contains("center is center-1");
        assertThat(Ldb.inspect(ldb)).get().extracting(LdbPosition::seq).isEqualTo(1L);
    }

    @Test
    @DisplayName("an LDB ahead of the center's head halts it (the center lost entries)")
    void aheadHalts() throws Exception {
        try (Ldb l = Ldb.create(ldb)) {
            l.apply("center-1", List.of(entry(1), entry(2), entry(3)), Clock.systemUTC());
        }
        source.append(entry(1), entry(2));

        reflector = start(Reflector.builder());
        ReflectorState state = awaitState(s -> s.phase() == Phase.HALTED);

        assertThat(state.lastError()).get().asString().contains("at seq 3, ahead of the center's ledger head 2");
    }

    @Test
    @DisplayName("a position below what the center still holds halts it (no skipping over pruned entries)")
    void belowRetainedHalts() throws Exception {
        source.append(entry(1), entry(2), entry(3), entry(4)).retainedFrom(3);

        reflector = start(Reflector.builder());
        ReflectorState state = awaitState(s -> s.phase() == Phase.HALTED);

        assertThat(state.lastError()).get().asString().contains("at seq 0")
                .contains("only from seq 3").contains("snapshot");
        assertThat(Ldb.inspect(ldb)).isEmpty();
    }

    @Test
    @DisplayName("a migration this code does not know halts it before that entry, saying to upgrade")
    void unknownMigrationHalts() throws Exception {
        int known;
        try (Ldb l = Ldb.create(ldb)) {
            known = l.schemaVersion();
        }
        source.append(entry(1), entry(2, new LedgerChange.Migrate(known + 1)), entry(3));

        reflector = start(Reflector.builder());
        ReflectorState state = awaitState(s -> s.phase() == Phase.HALTED);

        assertThat(state.position()).isEqualTo(1);
        assertThat(state.lastError()).get().asString().contains("needs schema version " + (known + 1))
                .contains("upgrade the reflector");
    }

    @Test
    @DisplayName("starts and serves with the center down, reports the outage, and catches up when it returns")
    void centerDown() throws Exception {
        Path center = dir.resolve("center.db");
        List<LedgerChange> changes;
        Instance instance;
        try (SqliteStore store = SqliteStore.builder().path(center).build()) {
            store.migrate();
            instance = ControlData.populate(store, "1");
            changes = ControlData.upserts(center);
        }
        source.append(entry(1, changes.toArray(LedgerChange[]::new)));
        reflector = start(Reflector.builder());
        awaitApplied(1);
        source.down(true).append(entry(2));
        reflector.close();
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            reflector = start(Reflector.builder().pollInterval(Duration.ofMillis(20)));
            awaitState(s -> s.phase() == Phase.CENTER_UNREACHABLE && source.refused() >= 3);
        } finally {
            System.setErr(stderr);
        }
        ReflectorState down = reflector.state();

        assertThat(down.centerReachable()).isFalse();
        assertThat(down.lag()).as("lag counts from the last applied entry's commit").isPositive();
        assertThat(down.lastError()).get().asString().contains("test center is down");
        assertThat(down.position()).isEqualTo(1);
        try (SqliteStore replica = SqliteStore.builder().path(ldb).readOnly(true).build()) {
            assertThat(replica.instances().get(instance.tenantId(), instance.id())).isEqualTo(instance);
        }

        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            source.down(false);
            awaitApplied(2);
            ReflectorState up = awaitState(s -> s.phase() == Phase.FOLLOWING && s.centerReachable());
            assertThat(up.lastError()).isEmpty();
        } finally {
            System.setErr(stderr);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged.lines().filter(l -> l.contains("WARN") && l.contains("center unreachable")))
                .as("one WARN for the outage, though %d calls failed:%n%s", source.refused(), logged).hasSize(1);
        assertThat(logged.lines().filter(l -> l.contains("INFO") && l.contains("center reachable again")))
                .as("one INFO on recovery:%n%s", logged).hasSize(1);
    }

    @Test
    @DisplayName("close stops a waiting reflector and closes its source; state says closed")
    void closes() {
        reflector = start(Reflector.builder().pollInterval(Duration.ofHours(1)));
        awaitState(ReflectorState::centerReachable);

        reflector.close();

        assertThat(reflector.state().phase()).isEqualTo(Phase.CLOSED);
        assertThat(source.closed()).isTrue();
        assertThatThrownBy(() -> reflector.start()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a file that is not an LDB fails start with the LDB's message, changes nothing and closes the source")
    void refusesANonLdb() throws Exception {
        java.nio.file.Files.writeString(ldb, "not a database");

        assertThatThrownBy(() -> Reflector.builder().ldb(ldb).source(source).build().start())
                .isInstanceOf(dev.ctrlstore.store.StorageException.class).hasMessageContaining(ldb.toString())
                .hasMessageContaining("not an LDB");
        assertThat(java.nio.file.Files.readString(ldb)).isEqualTo("not a database");
        assertThat(source.closed()).isTrue();
    }

    @Test
    @DisplayName("a registry gets the state as meters")
    void meters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        source.append(entry(1), entry(2));

        reflector = start(Reflector.builder().meterRegistry(registry));
        awaitApplied(2);

        assertThat(registry.get("ctrlstore.reflector.position").gauge().value()).isEqualTo(2);
        assertThat(registry.get("ctrlstore.reflector.entries").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("ctrlstore.reflector.center.reachable").gauge().value()).isEqualTo(1);
        reflector.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    @DisplayName("settings out of range are refused at build, naming the setting")
    void validates() {
        assertThatThrownBy(() -> Reflector.builder().source(source).build()).hasMessageContaining("ldb");
        assertThatThrownBy(() -> Reflector.builder().ldb(ldb).build()).hasMessageContaining("source");
        assertThatThrownBy(() -> Reflector.builder().ldb(ldb).source(source).batchSize(0).build())
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> Reflector.builder().ldb(ldb).source(source).pollInterval(Duration.ZERO).build())
                .hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> Reflector.builder().ldb(ldb).source(source).walTarget(10).walHardCap(5).build())
                .hasMessageContaining("walHardCap");
    }

    /** Instance rows that differ in id, slug and name from one real row: many distinct rows for WAL tests. */
    static List<LedgerEntry> instanceEntries(Map<String, Object> template, long firstSeq, int count) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>(template);
            row.put("id", InstanceId.generate().value());
            row.put("slug", "bulk-" + (firstSeq + i));
            row.put("name", "bulk instance " + (firstSeq + i) + " " + "x".repeat(200));
            entries.add(entry(firstSeq + i, new LedgerChange.Upsert("instances", row)));
        }
        return entries;
    }

    static Map<String, Object> instanceTemplate(Path dir) throws SQLException {
        Path center = dir.resolve("template.db");
        try (SqliteStore store = SqliteStore.builder().path(center).build()) {
            store.migrate();
            ControlData.populate(store, "t");
        }
        return ControlData.rows(center).get("instances").values().iterator().next();
    }

    private Reflector start(Reflector.Builder builder) {
        return builder.ldb(ldb).source(source).build().start();
    }

    private void awaitApplied(long seq) throws InterruptedException {
        assertThat(LdbSignals.await(ldb, seq, PATIENCE)).as("seq %d applied; state %s", seq, reflector.state())
                .isTrue();
    }

    private ReflectorState awaitState(Predicate<ReflectorState> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            ReflectorState state = reflector.state();
            if (condition.test(state)) {
                return state;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("state never matched; last: " + reflector.state());
    }
}
