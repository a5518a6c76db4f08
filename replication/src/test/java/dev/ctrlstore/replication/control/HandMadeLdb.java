package dev.ctrlstore.replication.control;

import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.store.internal.Times;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * An LDB whose control tables are written directly with SQL, the way the applier writes them (registry rows, a
 * {@code ct_<id>} table of SQLite types, rows of Long/Double/String/byte[]): the reader's tests need no center.
 */
final class HandMadeLdb implements AutoCloseable {
    private static final AtomicLong CLOCK = new AtomicLong(Times.epochMicros(Instant.parse("2026-01-01T00:00:00Z")));

    final Path path;
    private final Connection c;

    HandMadeLdb(Path path) throws SQLException {
        Ldb.create(path).close();
        this.path = path;
        this.c = DriverManager.getConnection("jdbc:sqlite:" + path);
    }

    void family(String name) throws SQLException {
        update("INSERT INTO control_families (name, created_at) VALUES (?, ?)", name, CLOCK.incrementAndGet());
    }

    /** Creates table {@code id}: fields as {@code {name, type}} pairs. */
    void table(long id, String family, String name, List<String[]> fields, List<String> key) throws SQLException {
        String fieldsJson = fields.stream().map(f -> "[\"" + f[0] + "\",\"" + f[1] + "\"]")
                .collect(Collectors.joining(",", "[", "]"));
        String keyJson = key.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(",", "[", "]"));
        long now = CLOCK.incrementAndGet();
        update("INSERT INTO control_tables (id, family, name, fields, key_fields, version, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, 1, ?, ?)", id, family, name, fieldsJson, keyJson, now, now);
        List<String> columns = new ArrayList<>();
        for (String[] f : fields) {
            columns.add("\"" + f[0] + "\" " + sqliteType(f[1]));
        }
        columns.add("PRIMARY KEY (" + key.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", "))
                + ")");
        execute("CREATE TABLE \"ct_" + id + "\" (" + String.join(", ", columns) + ")");
    }

    void addField(long id, String field, String type, String fieldsJson) throws SQLException {
        execute("ALTER TABLE \"ct_" + id + "\" ADD COLUMN \"" + field + "\" " + sqliteType(type));
        update("UPDATE control_tables SET fields = ?, version = version + 1, updated_at = ? WHERE id = ?",
                fieldsJson, CLOCK.incrementAndGet(), id);
    }

    void drop(long id) throws SQLException {
        execute("DROP TABLE \"ct_" + id + "\"");
        update("DELETE FROM control_tables WHERE id = ?", id);
    }

    void row(long id, Object... values) throws SQLException {
        update("INSERT INTO \"ct_" + id + "\" VALUES (" + "?, ".repeat(values.length - 1) + "?)", values);
    }

    /** Inserts {@code count} rows in one transaction, each made by {@code values(i)}. */
    void rows(long id, int count, java.util.function.IntFunction<Object[]> values) throws SQLException {
        c.setAutoCommit(false);
        int n = values.apply(0).length;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"ct_" + id + "\" VALUES ("
                + "?, ".repeat(n - 1) + "?)")) {
            for (int i = 0; i < count; i++) {
                Object[] v = values.apply(i);
                for (int j = 0; j < n; j++) {
                    ps.setObject(j + 1, v[j]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    void position(long seq, Instant committedAt) throws SQLException {
        update("INSERT INTO ldb_position (id, seq, center_id, committed_at, applied_at) VALUES (1, ?, 'c0ffee', ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, committed_at = excluded.committed_at",
                seq, Times.epochMicros(committedAt), Times.epochMicros(Instant.now()));
    }

    void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static String sqliteType(String type) {
        return switch (type) {
            case "string", "text" -> "TEXT";
            case "integer" -> "INTEGER";
            case "decimal" -> "REAL";
            default -> "BLOB";
        };
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
