package dev.ctrlstore.benchmarks;

import dev.ctrlstore.replication.control.LdbReader;
import dev.ctrlstore.replication.control.LdbRow;
import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.sql.control.ControlTable;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One control-table row by its full key (string, integer) from an LDB: {@code LdbReader.getRowByKey} against raw
 * sqlite-jdbc with a statement prepared once on a read-only connection to the same file, reading the same columns
 * into an array. The table ({@code names} x {@code idsPerName} rows of four fields) is created and filled through
 * the LDB's applier, as a reflector would; keys are visited in one shuffled order by both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ControlGetRowBenchmark {
    private static final List<FieldDefinition> FIELDS = List.of(new FieldDefinition("name", FieldType.STRING),
            new FieldDefinition("id", FieldType.INTEGER), new FieldDefinition("value", FieldType.TEXT),
            new FieldDefinition("ratio", FieldType.DECIMAL));

    @Param("100")
    public int names;
    @Param("1000")
    public int idsPerName;

    Path dir;
    LdbReader reader;
    Connection raw;
    PreparedStatement byKey;
    String[] keyNames;
    long[] keyIds;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        dir = Files.createTempDirectory("control-get-row");
        Path file = dir.resolve("ldb.db");
        try (Ldb ldb = Ldb.create(file)) {
            fill(ldb);
        }
        reader = LdbReader.open(file);
        raw = RawSqlite.reader(file);
        byKey = raw.prepareStatement("SELECT \"name\", \"id\", \"value\", \"ratio\" FROM \"ct_1\""
                + " WHERE \"name\" = ? AND \"id\" = ?");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names * idsPerName; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(42));
        keyNames = new String[order.size()];
        keyIds = new long[order.size()];
        for (int i = 0; i < order.size(); i++) {
            keyNames[i] = name(order.get(i) / idsPerName);
            keyIds[i] = order.get(i) % idsPerName;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        reader.close();
        raw.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public Optional<LdbRow> reader(Keys.Cursor cursor) {
        int k = cursor.next(keyNames.length);
        return reader.getRowByKey("bench", "flags", keyNames[k], keyIds[k]);
    }

    @Benchmark
    public Object[] raw(Keys.Cursor cursor) throws SQLException {
        int k = cursor.next(keyNames.length);
        byKey.setString(1, keyNames[k]);
        byKey.setLong(2, keyIds[k]);
        try (ResultSet rs = byKey.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            double ratio = rs.getDouble(4);
            return new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.wasNull() ? null : ratio};
        }
    }

    private void fill(Ldb ldb) {
        Clock clock = Clock.systemUTC();
        long micros = Instant.now().toEpochMilli() * 1000;
        Map<String, Object> family = new LinkedHashMap<>();
        family.put("name", "bench");
        family.put("created_at", micros);
        Map<String, Object> registry = new LinkedHashMap<>();
        registry.put("id", 1L);
        registry.put("family", "bench");
        registry.put("name", "flags");
        registry.put("fields", ControlTable.fieldsJson(FIELDS));
        registry.put("key_fields", ControlTable.keyFieldsJson(List.of("name", "id")));
        registry.put("version", 1);
        registry.put("created_at", micros);
        registry.put("updated_at", micros);
        long seq = 1;
        ldb.apply("bench", List.of(new LedgerEntry(seq, clock.instant(), ldb.schemaVersion(), "bench", List.of(
                new LedgerChange.Upsert("control_families", family), new LedgerChange.Upsert("control_tables",
                        registry), new LedgerChange.ControlSchema(LedgerChange.ControlSchema.Op.CREATE_TABLE, 1,
                        FIELDS, List.of("name", "id"))))), clock);
        for (int n = 0; n < names; n++) {
            List<LedgerChange> rows = new ArrayList<>();
            for (int id = 0; id < idsPerName; id++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", name(n));
                row.put("id", (long) id);
                row.put("value", "value of " + name(n) + "/" + id);
                row.put("ratio", id / 7.0);
                rows.add(new LedgerChange.Upsert("ct_1", row));
            }
            seq++;
            ldb.apply("bench", List.of(new LedgerEntry(seq, clock.instant(), ldb.schemaVersion(), "bench", rows)),
                    clock);
        }
    }

    private static String name(int n) {
        return "feature-" + n;
    }
}
