package dev.ctrlstore.replication.ldb;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ctrlstore.replication.ldb.ControlData.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The applier with hand-made entries: row images read from a store's own SQLite file, written through its API. */
class LdbApplyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-06T07:08:09.123456789Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    Path source;
    Path file;
    SqliteStore store;
    Ldb ldb;

    @BeforeEach
    void open() {
        source = dir.resolve("source.db");
        store = SqliteStore.builder().path(source).build();
        store.migrate();
        file = dir.resolve("ldb.db");
        ldb = Ldb.create(file);
    }

    @AfterEach
    void close() {
        ldb.close();
        store.close();
    }

    @Test
    @DisplayName("upserts of every replicated table make the LDB equal to the source, with the position in step")
    void upserts() throws Exception {
        ControlData.populate(store, "1");
        ControlData.populate(store, "2");
        List<LedgerChange> changes = ControlData.upserts(source);

        Ldb.Applied applied = ldb.apply("center-1", List.of(entry(1, changes.toArray(LedgerChange[]::new))), CLOCK);

        assertThat(applied.entries()).isEqualTo(1);
        assertThat(applied.upgradeTo()).isEmpty();
        Map<String, Map<String, Map<String, Object>>> rows = ControlData.rows(file);
        assertThat(rows).isEqualTo(ControlData.rows(source));
        assertThat(rows.get("tenants")).hasSize(2);
        assertThat(rows.values()).allSatisfy(table -> assertThat(table).isNotEmpty());
        assertThat(Ldb.inspect(file)).get().isEqualTo(new LdbPosition(1, "center-1", entry(1).committedAt(),
                Instant.parse("2026-05-06T07:08:09.123456Z")));
    }

    @Test
    @DisplayName("an update of a parent row overwrites it in place: its children stay (no delete-and-insert)")
    void updateKeepsChildren() throws Exception {
        Instance instance = ControlData.populate(store, "1");
        ldb.apply("center-1", List.of(entry(1, ControlData.upserts(source).toArray(LedgerChange[]::new))), CLOCK);
        store.instances().update(instance.toBuilder().name("renamed").build());
        Map<String, Object> updated = ControlData.rows(source).get("instances").values().iterator().next();

        ldb.apply("center-1", List.of(entry(2, new LedgerChange.Upsert("instances", updated))), CLOCK);

        Map<String, Map<String, Map<String, Object>>> rows = ControlData.rows(file);
        assertThat(rows).isEqualTo(ControlData.rows(source));
        assertThat(rows.get("instances").values()).singleElement().extracting(r -> r.get("name"))
                .isEqualTo("renamed");
        assertThat(rows.get("instance_labels")).hasSize(2);
        assertThat(rows.get("routes")).hasSize(1);
    }

    @Test
    @DisplayName("deleting an instance cascades to its labels, releases, deployments, checks, domains, routes and certificates")
    void deleteCascades() throws Exception {
        Instance gone = ControlData.populate(store, "1");
        ControlData.populate(store, "2");
        ldb.apply("center-1", List.of(entry(1, ControlData.upserts(source).toArray(LedgerChange[]::new))), CLOCK);
        store.instances().delete(gone.tenantId(), gone.id());

        ldb.apply("center-1", List.of(entry(2, new LedgerChange.Delete("instances",
                Map.of("id", gone.id().value())))), CLOCK);

        Map<String, Map<String, Map<String, Object>>> rows = ControlData.rows(file);
        assertThat(rows).isEqualTo(ControlData.rows(source));
        assertThat(rows.get("tenants")).hasSize(2);
        for (String child : ControlData.TABLES.subList(1, ControlData.TABLES.size())) {
            assertThat(rows.get(child)).as(child).isNotEmpty();
            assertThat(rows.get(child).values()).as(child).noneMatch(row -> row.containsValue(gone.id().value()));
        }
        assertThat(rows.get("certificates")).hasSize(1);
    }

    @Test
    @DisplayName("a replayed or skipped entry is refused as a gap and nothing of its batch is applied")
    void replayAndGapRefused() throws Exception {
        ControlData.populate(store, "1");
        List<LedgerChange> changes = ControlData.upserts(source);
        ldb.apply("center-1", List.of(entry(1, changes.getFirst())), CLOCK);
        Map<String, Map<String, Map<String, Object>>> before = ControlData.rows(file);

        assertThatThrownBy(() -> ldb.apply("center-1", List.of(entry(1, changes.getFirst())), CLOCK))
                .isInstanceOf(StorageException.class).hasMessageContaining("ledger gap: expected seq 2, got 1");
        assertThatThrownBy(() -> ldb.apply("center-1", List.of(entry(2, changes.get(1)), entry(4, changes.get(2))),
                CLOCK)).isInstanceOf(StorageException.class).hasMessageContaining("expected seq 3, got 4");

        assertThat(ControlData.rows(file)).isEqualTo(before);
        assertThat(Ldb.inspect(file)).get().extracting(LdbPosition::seq).isEqualTo(1L);
    }

    @Test
    @DisplayName("a batch that fails half way applies nothing, position included")
    void failedBatchAppliesNothing() throws Exception {
        ControlData.populate(store, "1");
        List<LedgerChange> changes = ControlData.upserts(source);
        Map<String, Object> orphan = new LinkedHashMap<>(((LedgerChange.Upsert) changes.stream()
                .filter(c -> c instanceof LedgerChange.Upsert u && u.table().equals("routes")).findFirst()
                .orElseThrow()).row());
        orphan.put("instance_id", "inst_missing");

        assertThatThrownBy(() -> ldb.apply("center-1", List.of(entry(1, changes.toArray(LedgerChange[]::new)),
                entry(2, new LedgerChange.Upsert("routes", orphan))), CLOCK))
                .isInstanceOf(StorageException.class).hasMessageContaining("applying entries 1..2")
                .hasMessageContaining("FOREIGN KEY");

        assertThat(ControlData.rows(file).values()).allSatisfy(table -> assertThat(table).isEmpty());
        assertThat(Ldb.inspect(file)).isEmpty();
        // The handle is still usable.
        assertThat(ldb.apply("center-1", List.of(entry(1, changes.toArray(LedgerChange[]::new))), CLOCK).entries())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("changes of tables that are never replicated, or unknown, are refused")
    void nonReplicatedTablesRefused() throws Exception {
        for (String table : List.of("secrets", "health_results", "audit_log", "ledger", "no_such_table")) {
            assertThatThrownBy(() -> ldb.apply("center-1", List.of(entry(1, new LedgerChange.Upsert(table,
                    Map.of("id", "x")))), CLOCK)).as(table).isInstanceOf(StorageException.class)
                    .hasMessageContaining(table).hasMessageContaining(table.equals("no_such_table")
                            ? "not a table this code knows" : "not replicated");
            assertThatThrownBy(() -> ldb.apply("center-1", List.of(entry(1, new LedgerChange.Delete(table,
                    Map.of("id", "x")))), CLOCK)).as(table).isInstanceOf(StorageException.class);
        }
        assertThat(Ldb.inspect(file)).isEmpty();
    }

    @Test
    @DisplayName("entries of another center are refused")
    void otherCenterRefused() {
        ldb.apply("center-1", List.of(entry(1)), CLOCK);

        assertThatThrownBy(() -> ldb.apply("center-2", List.of(entry(2)), CLOCK))
                .isInstanceOf(StorageException.class).hasMessageContaining("follows center center-1")
                .hasMessageContaining("center-2");
        assertThat(Ldb.inspect(file)).get().extracting(LdbPosition::seq).isEqualTo(1L);
    }

    @Test
    @DisplayName("a migration to a version this code does not know stops the batch before it")
    void unknownMigrationStops() {
        int known = ldb.schemaVersion();
        List<LedgerEntry> batch = new ArrayList<>(List.of(entry(1), entry(2, new LedgerChange.Migrate(known)),
                entry(3, new LedgerChange.Migrate(known + 1)), entry(4)));

        Ldb.Applied applied = ldb.apply("center-1", batch, CLOCK);

        assertThat(applied.entries()).isEqualTo(2);
        assertThat(applied.upgradeTo()).hasValue(known + 1);
        assertThat(Ldb.inspect(file)).get().extracting(LdbPosition::seq).isEqualTo(2L);
        LedgerEntry newerImages = new LedgerEntry(3, Instant.EPOCH, known + 1, "test", List.of());
        assertThat(ldb.apply("center-1", List.of(newerImages), CLOCK).upgradeTo()).hasValue(known + 1);
    }

    @Test
    @DisplayName("two handles on one LDB: the stale one is refused by the position check")
    void stalePositionRefused() {
        try (Ldb other = Ldb.open(file)) {
            ldb.apply("center-1", List.of(entry(1)), CLOCK);

            assertThatThrownBy(() -> other.apply("center-1", List.of(entry(1)), CLOCK))
                    .isInstanceOf(StorageException.class).hasMessageContaining("no longer 0")
                    .hasMessageContaining("one reflector per LDB");
        }
        assertThat(Ldb.inspect(file)).get().extracting(LdbPosition::seq).isEqualTo(1L);
    }

    @Test
    @DisplayName("an image with a column the LDB does not have is refused; one without a column it has is applied")
    void columnsOfAnotherSchema() throws Exception {
        ControlData.populate(store, "1");
        Map<String, Object> tenant = ((LedgerChange.Upsert) ControlData.upserts(source).getFirst()).row();
        Map<String, Object> extra = new LinkedHashMap<>(tenant);
        extra.put("color", "blue");

        assertThatThrownBy(() -> ldb.apply("center-1", List.of(entry(1, new LedgerChange.Upsert("tenants", extra))),
                CLOCK)).isInstanceOf(StorageException.class).hasMessageContaining("column color of tenants")
                .hasMessageContaining("upgrade the reflector");

        Map<String, Object> partial = new LinkedHashMap<>(tenant);
        Object suspendedAt = partial.remove("suspended_at");
        ldb.apply("center-1", List.of(entry(1, new LedgerChange.Upsert("tenants", partial))), CLOCK);
        assertThat(suspendedAt).isNull();
        assertThat(ControlData.rows(file).get("tenants")).isEqualTo(ControlData.rows(source).get("tenants"));
    }
}
