package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.jooq.DefaultSchema;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import org.jooq.Field;
import org.jooq.Table;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The raw baseline of the reflector's apply path: the same row images written to a SQLite file by hand-written
 * {@code INSERT … ON CONFLICT (pk) DO UPDATE} and {@code DELETE … WHERE pk} statements, each prepared once per
 * table and column list, many entries per {@code BEGIN IMMEDIATE} transaction, on a connection set up like the
 * store's writer (WAL, synchronous=NORMAL, foreign keys on). No position bookkeeping: that is part of what the
 * reflector's own figure includes. Not thread-safe.
 */
final class RawApplier implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    RawApplier(Path file) throws SQLException {
        this.connection = RawSqlite.writer(file);
        this.begin = connection.prepareStatement("begin immediate");
        this.commit = connection.prepareStatement("commit");
        this.rollback = connection.prepareStatement("rollback");
    }

    /** Applies {@code entries} in one transaction. */
    void apply(List<LedgerEntry> entries) throws SQLException {
        begin.execute();
        try {
            for (LedgerEntry entry : entries) {
                for (LedgerChange change : entry.changes()) {
                    switch (change) {
                        case LedgerChange.Upsert u -> bind(u.table(), u.row(), true).executeUpdate();
                        case LedgerChange.Delete d -> bind(d.table(), d.key(), false).executeUpdate();
                        case LedgerChange.Migrate m -> { } // the file is already at the code's schema
                        case LedgerChange.ControlSchema s -> throw new IllegalArgumentException(
                                "the baseline applies row images of the typed tables only");
                    }
                }
            }
            commit.execute();
        } catch (SQLException | RuntimeException e) {
            rollback.execute();
            throw e;
        }
    }

    private PreparedStatement bind(String table, Map<String, Object> values, boolean upsert) throws SQLException {
        String key = (upsert ? "u:" : "d:") + table + ":" + String.join(",", values.keySet());
        PreparedStatement ps = statements.get(key);
        if (ps == null) {
            ps = connection.prepareStatement(
                    upsert ? upsertSql(table, values.keySet()) : deleteSql(table, values.keySet()));
            statements.put(key, ps);
        }
        int i = 1;
        for (Object value : values.values()) {
            ps.setObject(i++, value);
        }
        return ps;
    }

    private static String upsertSql(String table, Iterable<String> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(names::add);
        List<String> pk = primaryKey(table);
        return "insert into " + table + " (" + String.join(", ", names) + ") values ("
                + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ") on conflict ("
                + String.join(", ", pk) + ") do update set " + names.stream().filter(n -> !pk.contains(n))
                .map(n -> n + " = excluded." + n).collect(Collectors.joining(", "));
    }

    private static String deleteSql(String table, Iterable<String> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(names::add);
        return "delete from " + table + " where "
                + names.stream().map(n -> n + " = ?").collect(Collectors.joining(" and "));
    }

    private static List<String> primaryKey(String table) {
        Table<?> t = DefaultSchema.DEFAULT_SCHEMA.getTable(table);
        if (t == null || t.getPrimaryKey() == null) {
            throw new IllegalArgumentException("no generated table with a primary key named " + table);
        }
        return t.getPrimaryKey().getFields().stream().map(Field::getName).toList();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.close();
        }
        begin.close();
        commit.close();
        rollback.close();
        connection.close();
    }
}
