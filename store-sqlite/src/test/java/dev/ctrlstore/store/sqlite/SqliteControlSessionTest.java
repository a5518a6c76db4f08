package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.sql.Change;
import dev.ctrlstore.store.sql.CommitHook;
import dev.ctrlstore.store.sql.control.ControlTable;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema.Op;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sql.ledger.LedgerQueries;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SqlSession's control table vocabulary on a real SQLite file: DDL, upsert, delete, clear, recorded in order. */
class SqliteControlSessionTest {
    private static final TableDefinition ORDERS = new TableDefinition("shop", "Orders",
            List.of(new FieldDefinition("Order", FieldType.INTEGER), new FieldDefinition("name", FieldType.STRING),
                    new FieldDefinition("price", FieldType.DECIMAL), new FieldDefinition("blob", FieldType.BINARY)),
            List.of("order", "name"));

    @TempDir
    Path dir;

    private final List<List<Change>> commits = new ArrayList<>();
    private final CommitHook recorder = (operation, changes) -> commits.add(List.copyOf(changes));

    private SqliteDatabase open() {
        SqliteDatabase db = new SqliteDatabase(new SqliteConfig(dir.resolve("c.db"), false, 2, Duration.ofSeconds(2),
                Clock.systemUTC(), Optional.empty(), LedgerMode.SYNC), recorder);
        db.migrate();
        commits.clear();
        return db;
    }

    @Test
    @DisplayName("create, upsert (insert then overwrite), delete by key and clear: rows, ledger entry and hook agree")
    void rowsAndLedger() throws SQLException {
        ControlTable table = new ControlTable(7, ORDERS, 1);
        ControlSchema create = new ControlSchema(Op.CREATE_TABLE, 7, ORDERS.fields(), ORDERS.keyFields());
        long max = Long.MAX_VALUE;
        try (SqliteDatabase db = open()) {
            db.transact("create", s -> {
                s.controlSchema(create);
                s.upsertControlRow(table, row(1L, "a", 1.5, new byte[] {1, 2}));
                s.upsertControlRow(table, row(max, "b", null, null));
                s.upsertControlRow(table, row(1L, "a", 2.5, new byte[] {3}));
                return null;
            });
            assertThat(rows()).containsExactly("1|a|2.5|[3]", max + "|b|null|null");

            boolean[] deleted = new boolean[2];
            db.transact("delete", s -> {
                deleted[0] = s.deleteControlRow(table, Map.of("order", max, "name", "b"));
                deleted[1] = s.deleteControlRow(table, Map.of("order", 2L, "name", "b"));
                return null;
            });
            assertThat(deleted).containsExactly(true, false);
            assertThat(rows()).containsExactly("1|a|2.5|[3]");

            db.transact("clear", s -> {
                s.controlSchema(new ControlSchema(Op.CLEAR_TABLE, 7, List.of(), List.of()));
                return null;
            });
            assertThat(rows()).isEmpty();

            assertThat(commits).hasSize(3);
            assertThat(commits.get(0)).extracting(Change::operation).containsOnly(Change.Operation.CONTROL);
            assertThat(commits.get(0)).extracting(c -> c.table().getName()).containsOnly("ct_7");
            assertThat(commits.get(0).get(0).image()).isEqualTo(create);
            assertThat(commits.get(1)).as("only the delete that removed a row").hasSize(1);

            List<LedgerEntry> entries = db.read(dsl -> dsl.connectionResult(c -> LedgerQueries.read(c, 1, 10)));
            assertThat(entries).hasSize(3);
            List<LedgerChange> first = entries.get(0).changes();
            assertThat(first).hasSize(4);
            assertThat(first.get(0)).isEqualTo(create);
            LedgerChange.Upsert last = (LedgerChange.Upsert) first.get(3);
            assertThat(last.table()).isEqualTo("ct_7");
            assertThat(last.row().keySet()).containsExactly("order", "name", "price", "blob");
            assertThat(last.row()).containsEntry("order", 1L).containsEntry("price", 2.5);
            assertThat((byte[]) last.row().get("blob")).containsExactly(3);
            assertThat(entries.get(1).changes()).containsExactly(new LedgerChange.Delete("ct_7",
                    orderedKey(max, "b")));
            assertThat(entries.get(2).changes()).containsExactly(new ControlSchema(Op.CLEAR_TABLE, 7, List.of(),
                    List.of()));
        }
    }

    @Test
    @DisplayName("a table whose fields are all key fields upserts by doing nothing on conflict")
    void keyOnlyTable() throws SQLException {
        TableDefinition keys = new TableDefinition("shop", "tags", List.of(new FieldDefinition("tag",
                FieldType.BYTESTRING)), List.of("tag"));
        ControlTable table = new ControlTable(8, keys, 1);
        try (SqliteDatabase db = open()) {
            db.transact("tags", s -> {
                s.controlSchema(new ControlSchema(Op.CREATE_TABLE, 8, keys.fields(), keys.keyFields()));
                s.upsertControlRow(table, Map.of("tag", new byte[] {9}));
                s.upsertControlRow(table, Map.of("tag", new byte[] {9}));
                return null;
            });
            try (Connection c = connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM ct_8")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("add fields, then drop: the DDL runs and the table is gone; a failed transaction leaves no table")
    void addFieldsDropAndRollback() throws SQLException {
        ControlTable v1 = new ControlTable(9, ORDERS, 1);
        try (SqliteDatabase db = open()) {
            assertThatThrownBy(() -> db.transact("fails", s -> {
                s.controlSchema(new ControlSchema(Op.CREATE_TABLE, 9, ORDERS.fields(), ORDERS.keyFields()));
                throw new IllegalStateException("injected");
            })).hasMessageContaining("injected");
            assertThat(tables()).doesNotContain("ct_9");

            db.transact("create", s -> {
                s.controlSchema(new ControlSchema(Op.CREATE_TABLE, 9, ORDERS.fields(), ORDERS.keyFields()));
                s.upsertControlRow(v1, row(3L, "c", 0.0, null));
                return null;
            });
            List<FieldDefinition> more = new ArrayList<>(ORDERS.fields());
            more.add(new FieldDefinition("note", FieldType.TEXT));
            ControlTable v2 = new ControlTable(9, new TableDefinition("shop", "orders", more, ORDERS.keyFields()), 2);
            db.transact("add", s -> {
                s.controlSchema(new ControlSchema(Op.ADD_FIELDS, 9, more.subList(4, 5), List.of()));
                Map<String, Object> r = row(3L, "c", 1.0, null);
                r.put("note", "hello");
                s.upsertControlRow(v2, r);
                return null;
            });
            try (Connection c = connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT \"note\", price FROM ct_9")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("hello");
                assertThat(rs.getDouble(2)).isEqualTo(1.0);
            }
            assertThatThrownBy(() -> db.transact("stale", s -> {
                s.upsertControlRow(v2, row(3L, "c", 1.0, null));
                return null;
            })).hasMessageContaining("an upsert of shop.orders lacks field note");
            assertThatThrownBy(() -> db.transact("wrong type", s -> {
                Map<String, Object> r = row(3L, "c", 1.0, null);
                r.put("order", 3);
                s.upsertControlRow(v1, r);
                return null;
            })).hasMessageContaining("shop.orders.order (integer)"
                    + " takes a Long, got a java.lang.Integer");

            db.transact("drop", s -> {
                s.controlSchema(new ControlSchema(Op.DROP_TABLE, 9, List.of(), List.of()));
                return null;
            });
            assertThat(tables()).doesNotContain("ct_9");
        }
    }

    private static Map<String, Object> row(long order, String name, Double price, byte[] blob) {
        Map<String, Object> row = new HashMap<>();
        row.put("order", order);
        row.put("name", name);
        row.put("price", price);
        row.put("blob", blob);
        return row;
    }

    private static Map<String, Object> orderedKey(long order, String name) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("order", order);
        key.put("name", name);
        return key;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"));
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT \"order\", name, price, blob FROM ct_7 ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getObject(3) + "|"
                        + (rs.getBytes(4) == null ? "null" : Arrays.toString(rs.getBytes(4))));
            }
        }
        return rows;
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
