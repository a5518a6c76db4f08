package dev.ctrlstore.replication.ldb;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.sql.control.ControlDdl;
import dev.ctrlstore.store.sql.control.ControlTable;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import org.jooq.SQLDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How an LDB applies control tables: their schema changes as SQLite DDL ({@link ControlDdl}) and their rows
 * ({@code ct_<id>}) as upserts and deletes by key. A table's key and field types come from the LDB's own registry
 * ({@code control_tables}), which the same ledger keeps in step: the entry that creates a table also inserts its
 * registry row. Statements are kept per table and dropped when its schema changes or a transaction rolls back.
 */
final class ControlRows implements AutoCloseable {
    private final Connection connection;
    private final String description;
    private final Map<Long, Table> tables = new HashMap<>();
    private PreparedStatement registry;

    ControlRows(Connection connection, String description) {
        this.connection = connection;
        this.description = description;
    }

    /** Runs a schema change's DDL in the current transaction. */
    void schema(LedgerChange.ControlSchema change) throws SQLException {
        forget(change.tableId());
        try (Statement s = connection.createStatement()) {
            for (String sql : ControlDdl.sql(SQLDialect.SQLITE, change)) {
                s.execute(sql);
            }
        }
    }

    void upsert(long seq, long tableId, LedgerChange.Upsert upsert) throws SQLException {
        Table t = table(seq, tableId, upsert.table());
        List<String> columns = List.copyOf(upsert.row().keySet());
        PreparedStatement ps = t.upserts.get(columns);
        if (ps == null) {
            ps = connection.prepareStatement(t.upsertSql(seq, columns));
            t.upserts.put(columns, ps);
        }
        for (int i = 0; i < columns.size(); i++) {
            t.bind(seq, ps, i + 1, columns.get(i), upsert.row().get(columns.get(i)));
        }
        ps.executeUpdate();
    }

    void delete(long seq, long tableId, LedgerChange.Delete delete) throws SQLException {
        Table t = table(seq, tableId, delete.table());
        Map<String, Object> key = delete.key();
        if (key.size() != t.key.size() || !key.keySet().containsAll(t.key)) {
            throw new StorageException(description + ": entry " + seq + " deletes from " + delete.table() + " ("
                    + t.table.qualifiedName() + ") by " + key.keySet() + ", but its key is " + t.key
                    + "; the entry is damaged");
        }
        if (t.delete == null) {
            t.delete = connection.prepareStatement("DELETE FROM " + quote(delete.table()) + " WHERE " + t.key.stream()
                    .map(k -> quote(k) + " = ?").collect(Collectors.joining(" AND ")));
        }
        for (int i = 0; i < t.key.size(); i++) {
            t.bind(seq, t.delete, i + 1, t.key.get(i), key.get(t.key.get(i)));
        }
        t.delete.executeUpdate();
    }

    /** Forgets every table: after a rollback, what was read inside the transaction may not exist. */
    void reset() {
        for (Long id : List.copyOf(tables.keySet())) {
            forget(id);
        }
    }

    @Override
    public void close() {
        reset();
        close(registry);
    }

    private Table table(long seq, long tableId, String physical) throws SQLException {
        Table t = tables.get(tableId);
        if (t != null) {
            return t;
        }
        if (registry == null) {
            registry = connection.prepareStatement("SELECT \"family\", \"name\", \"fields\", \"key_fields\","
                    + " \"version\" FROM \"control_tables\" WHERE \"id\" = ?");
        }
        registry.setLong(1, tableId);
        try (ResultSet rs = registry.executeQuery()) {
            if (!rs.next()) {
                throw new StorageException(description + ": entry " + seq + " changes rows of " + physical
                        + ", but the LDB's registry has no control table " + tableId + "; the ledger is damaged or"
                        + " was applied out of order. Delete the LDB and let the reflector rebuild it.");
            }
            t = new Table(ControlTable.parse(tableId, rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getInt(5)));
        }
        tables.put(tableId, t);
        return t;
    }

    private void forget(long tableId) {
        Table t = tables.remove(tableId);
        if (t != null) {
            t.upserts.values().forEach(ControlRows::close);
            close(t.delete);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void close(PreparedStatement ps) {
        if (ps != null) {
            try {
                ps.close();
            } catch (SQLException e) {
                // A statement of the applier's own connection: nothing is lost.
            }
        }
    }

    /** One control table's definition and the statements that write it. */
    private final class Table {
        final ControlTable table;
        final List<String> key;
        final Map<String, FieldType> types = new HashMap<>();
        final Map<List<String>, PreparedStatement> upserts = new HashMap<>();
        PreparedStatement delete;

        Table(ControlTable table) {
            this.table = table;
            this.key = table.definition().keyFields();
            for (FieldDefinition f : table.definition().fields()) {
                types.put(f.name(), f.type());
            }
        }

        String upsertSql(long seq, List<String> columns) {
            if (!columns.containsAll(key)) {
                throw new StorageException(description + ": entry " + seq + " upserts a row of "
                        + table.qualifiedName() + " without all of its key " + key + " (columns " + columns
                        + "); the entry is damaged");
            }
            List<String> updates = new ArrayList<>();
            for (String c : columns) {
                if (!key.contains(c)) {
                    updates.add(quote(c) + " = excluded." + quote(c));
                }
            }
            return "INSERT INTO " + quote(table.physicalName()) + " (" + columns.stream().map(ControlRows::quote)
                    .collect(Collectors.joining(", ")) + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)"
                    + " ON CONFLICT (" + key.stream().map(ControlRows::quote).collect(Collectors.joining(", "))
                    + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", updates));
        }

        /** Binds a ledger value as its field's type, so the LDB holds what the center holds. */
        void bind(long seq, PreparedStatement ps, int index, String column, Object value) throws SQLException {
            FieldType type = types.get(column);
            if (type == null) {
                throw new StorageException(description + ": entry " + seq + " sets field " + column + " of "
                        + table.qualifiedName() + ", which its registry row (version " + table.version()
                        + ") does not have; the entry is damaged");
            }
            switch (value) {
                case null -> ps.setNull(index, java.sql.Types.NULL);
                case Long l when type == FieldType.INTEGER -> ps.setLong(index, l);
                case Long l when type == FieldType.DECIMAL -> ps.setDouble(index, l);
                case Double d when type == FieldType.DECIMAL -> ps.setDouble(index, d);
                case String s when type == FieldType.STRING || type == FieldType.TEXT -> ps.setString(index, s);
                case byte[] b when type == FieldType.BINARY || type == FieldType.BYTESTRING -> ps.setBytes(index, b);
                default -> throw new StorageException(description + ": entry " + seq + " sets " + type.apiName()
                        + " field " + column + " of " + table.qualifiedName() + " to a "
                        + value.getClass().getSimpleName() + "; the entry is damaged");
            }
        }
    }
}
