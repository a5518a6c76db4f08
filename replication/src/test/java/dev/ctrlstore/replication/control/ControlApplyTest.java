package dev.ctrlstore.replication.control;

import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.sql.control.ControlTable;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.RowImages;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Control-table entries as the ledger carries them (encoded and decoded as row images), applied to an LDB and read
 * back through the reader: schema changes, rows, drop and clear.
 */
class ControlApplyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-06T07:08:09Z"), ZoneOffset.UTC);
    private static final List<FieldDefinition> FIELDS = List.of(field("name", FieldType.STRING),
            field("order", FieldType.INTEGER), field("ratio", FieldType.DECIMAL), field("body", FieldType.TEXT),
            field("data", FieldType.BINARY), field("tag", FieldType.BYTESTRING));

    @TempDir
    Path dir;
    Ldb ldb;
    LdbReader reader;
    long seq;
    long micros = 1_770_000_000_000_000L;

    @BeforeEach
    void setUp() {
        ldb = Ldb.create(dir.resolve("ldb.db"));
        reader = LdbReader.open(ldb.path());
        apply(family("flags"));
    }

    @AfterEach
    void tearDown() {
        reader.close();
        ldb.close();
    }

    @Test
    @DisplayName("a created table reads back its rows with every type, an exact 2^53+1 and a key field named order")
    void createAndRead() {
        apply(create(17, "flags", "features", FIELDS, List.of("name", "order")));
        long big = (1L << 53) + 1;
        apply(upsert(17, "checkout", big, 0.25, "text", new byte[] {1, 2}, new byte[] {3}),
                upsert(17, "checkout", 1L, 2L, null, null, null));
        LdbRow row = reader.getRowByKey("Flags", "FEATURES", "checkout", big).orElseThrow();
        assertThat(row.getLong("order")).isEqualTo(big);
        assertThat(row.getDouble("ratio")).isEqualTo(0.25);
        assertThat(row.getString("body")).isEqualTo("text");
        assertThat(row.getBytes("data")).containsExactly(1, 2);
        assertThat(row.getBytes("tag")).containsExactly(3);
        // A whole number for a decimal field is stored as the decimal it stands for.
        assertThat(reader.getRowByKey("flags", "features", "checkout", 1L).orElseThrow().getDouble("ratio"))
                .isEqualTo(2.0);
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10, "checkout"))
                .extracting(r -> r.getLong("order")).containsExactly(1L, big);
    }

    @Test
    @DisplayName("upserts overwrite by key, deletes remove by key, added fields read as NULL on old rows")
    void upsertDeleteAddFields() {
        apply(create(17, "flags", "features", FIELDS, List.of("name", "order")));
        apply(upsert(17, "a", 1L, 1.0, "one", null, null), upsert(17, "b", 2L, 2.0, "two", null, null));
        apply(upsert(17, "a", 1L, 1.5, "uno", null, null), delete(17, "b", 2L));
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10)).extracting(r -> r.getString("body"))
                .containsExactly("uno");
        List<FieldDefinition> more = new ArrayList<>(FIELDS);
        more.add(field("owner", FieldType.STRING));
        apply(new ControlSchema(ControlSchema.Op.ADD_FIELDS, 17, List.of(field("owner", FieldType.STRING)),
                List.of()), registry(17, "flags", "features", more, List.of("name", "order"), 2));
        LdbRow old = reader.getRowByKey("flags", "features", "a", 1L).orElseThrow();
        assertThat(old.columns()).endsWith("owner");
        assertThat(old.isNull("owner")).isTrue();
        Map<String, Object> row = row(17, "c", 3L, null, null, null, null);
        row.put("owner", "ops");
        apply(new LedgerChange.Upsert("ct_17", row));
        assertThat(reader.getRowByKey("flags", "features", "c", 3L).orElseThrow().getString("owner"))
                .isEqualTo("ops");
    }

    @Test
    @DisplayName("an entry of several mutations is applied all or nothing")
    void allOrNothing() {
        apply(create(17, "flags", "features", FIELDS, List.of("name", "order")));
        Map<String, Object> bad = row(17, "z", 9L, null, null, null, null);
        bad.put("ratio", "not a number");
        List<LedgerChange> changes = List.of(upsert(17, "x", 1L, null, null, null, null),
                upsert(17, "y", 2L, null, null, null, null), new LedgerChange.Upsert("ct_17", bad));
        long before = seq;
        assertThatThrownBy(() -> ldb.apply("center-1", List.of(entry(seq + 1, changes)), CLOCK))
                .isInstanceOf(StorageException.class).hasMessageContaining("decimal field ratio");
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10)).isEmpty();
        assertThat(reader.appliedPosition()).isEqualTo(before);
        // The applier forgot what the failed transaction read, and applies the next entry normally.
        apply(upsert(17, "x", 1L, null, null, null, null));
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10)).hasSize(1);
    }

    @Test
    @DisplayName("clear empties a table; drop removes it; re-created under a new id with other keys it reads anew")
    void clearDropRecreate() {
        apply(create(17, "flags", "features", FIELDS, List.of("name", "order")));
        apply(upsert(17, "a", 1L, null, null, null, null), upsert(17, "b", 2L, null, null, null, null));
        assertThat(reader.getRowByKey("flags", "features", "a", 1L)).isPresent();
        apply(new ControlSchema(ControlSchema.Op.CLEAR_TABLE, 17, List.of(), List.of()));
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10)).isEmpty();
        apply(upsert(17, "c", 3L, null, null, null, null));
        apply(new ControlSchema(ControlSchema.Op.DROP_TABLE, 17, List.of(), List.of()),
                new LedgerChange.Delete("control_tables", Map.of("id", 17L)));
        assertThatThrownBy(() -> reader.getRowByKey("flags", "features", "c", 3L))
                .isInstanceOfSatisfying(ControlException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlException.Reason.NOT_FOUND));
        List<FieldDefinition> other = List.of(field("code", FieldType.INTEGER), field("label", FieldType.TEXT));
        apply(create(18, "flags", "features", other, List.of("code")));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", 7L);
        row.put("label", "seven");
        apply(new LedgerChange.Upsert("ct_18", row));
        assertThat(reader.getRowByKey("flags", "features", 7).orElseThrow().getString("label")).isEqualTo("seven");
    }

    @Test
    @DisplayName("rows of a table the LDB's registry does not know are refused, naming the table")
    void unknownTable() {
        assertThatThrownBy(() -> ldb.apply("center-1", List.of(entry(seq + 1,
                List.of(upsert(99, "a", 1L, null, null, null, null)))), CLOCK))
                .isInstanceOf(StorageException.class).hasMessageContaining("ct_99")
                .hasMessageContaining("no control table 99");
    }

    private void apply(LedgerChange... changes) {
        apply(List.of(changes));
    }

    private void apply(List<LedgerChange> changes) {
        seq++;
        ldb.apply("center-1", List.of(entry(seq, changes)), CLOCK);
    }

    /** The entry as the reflector gets it: encoded by the center and decoded. */
    private static LedgerEntry entry(long seq, List<LedgerChange> changes) {
        return new LedgerEntry(seq, CLOCK.instant(), 6, "test", RowImages.decode(RowImages.encode(changes)));
    }

    private List<LedgerChange> family(String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("created_at", micros++);
        return List.of(new LedgerChange.Upsert("control_families", row));
    }

    private List<LedgerChange> create(long id, String family, String name, List<FieldDefinition> fields,
            List<String> key) {
        return List.of(registry(id, family, name, fields, key, 1),
                new ControlSchema(ControlSchema.Op.CREATE_TABLE, id, fields, key));
    }

    private LedgerChange registry(long id, String family, String name, List<FieldDefinition> fields, List<String> key,
            int version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("family", family);
        row.put("name", name);
        row.put("fields", ControlTable.fieldsJson(fields));
        row.put("key_fields", ControlTable.keyFieldsJson(key));
        row.put("version", version);
        row.put("created_at", id * 1000);
        row.put("updated_at", micros++);
        return new LedgerChange.Upsert("control_tables", row);
    }

    private static LedgerChange upsert(long id, Object... values) {
        return new LedgerChange.Upsert("ct_" + id, row(id, values));
    }

    private static Map<String, Object> row(long id, Object... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(FIELDS.get(i).name(), values[i]);
        }
        return row;
    }

    private static LedgerChange delete(long id, String name, long order) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("name", name);
        key.put("order", order);
        return new LedgerChange.Delete("ct_" + id, key);
    }

    private static FieldDefinition field(String name, FieldType type) {
        return new FieldDefinition(name, type);
    }
}
