package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlException.Reason;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema.Op;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerQueries;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The center's control schema, whatever its backend: each backend's test extends this and opens a migrated database
 * with the ledger on. Batches are atomic and idempotent, every change is one ledger entry holding the structured
 * schema change and the registry rows, ids are never reused.
 */
public abstract class ControlSchemaTests {

    /** A new, migrated database with the ledger on, named {@code name}. */
    protected abstract SqlDatabase open(String name);

    private static TableDefinition table(String family, String name, String... extraFields) {
        List<FieldDefinition> fields = new ArrayList<>(List.of(new FieldDefinition("Order", FieldType.INTEGER),
                new FieldDefinition("name", FieldType.STRING), new FieldDefinition("value", FieldType.TEXT)));
        for (String f : extraFields) {
            fields.add(new FieldDefinition(f, FieldType.DECIMAL));
        }
        return new TableDefinition(family, name, fields, List.of("name", "order"));
    }

    @Test
    @DisplayName("families: created once, listed sorted and lower-cased; a second create is a CONFLICT")
    void families() {
        try (SqlDatabase db = open("families")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("Zeta");
            schema.createFamily("alpha");

            assertThat(schema.families()).containsExactly("alpha", "zeta");
            assertRefused(() -> schema.createFamily("ZETA"), Reason.CONFLICT, "family zeta already exists");
            assertRefused(() -> schema.createFamily("a__b"), Reason.INVALID, "single underscore");
            assertRefused(() -> schema.tables("nope"), Reason.NOT_FOUND, "family nope not found");
            assertThat(schema.tables("alpha")).isEmpty();
        }
    }

    @Test
    @DisplayName("tables: created with their definitions, read back in key order; unknown ones are NOT_FOUND")
    void createAndRead() {
        try (SqlDatabase db = open("create")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("shop");
            TableDefinition orders = table("Shop", "Orders");
            TableDefinition items = table("shop", "items", "price");

            schema.createTables(List.of(orders, items));

            assertThat(schema.table("SHOP", "orders")).isEqualTo(orders);
            assertThat(schema.table("shop", "orders").keyFields()).containsExactly("name", "order");
            assertThat(schema.tables("shop")).containsExactly(items, orders);
            assertRefused(() -> schema.table("shop", "missing"), Reason.NOT_FOUND, "table shop.missing not found");
            assertRefused(() -> schema.createTables(List.of(table("nofamily", "orders"))), Reason.NOT_FOUND,
                    "family nofamily not found");
            assertRefused(() -> schema.createTables(List.of()), Reason.INVALID, "no tables given");
            assertRefused(() -> db.transact("resolve", s -> schema.resolve(s, "nofamily", "orders")),
                    Reason.NOT_FOUND, "family nofamily not found");
            assertRefused(() -> db.transact("resolve", s -> schema.resolve(s, "shop", "missing")),
                    Reason.NOT_FOUND, "table shop.missing not found");
            ControlTable resolved = db.transact("resolve", s -> schema.resolve(s, "Shop", "ORDERS"));
            assertThat(resolved.definition()).isEqualTo(orders);
            assertThat(resolved.version()).isEqualTo(1);
            assertThat(count(db, resolved.physicalName())).isZero();
        }
    }

    @Test
    @DisplayName("a batch whose third table conflicts creates none of them and appends nothing to the ledger")
    void batchIsAtomic() {
        try (SqlDatabase db = open("atomic")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("shop");
            schema.createTables(List.of(table("shop", "taken")));
            long head = head(db);

            assertRefused(() -> schema.createTables(List.of(table("shop", "first"), table("shop", "second"),
                    table("shop", "taken", "extra"))), Reason.CONFLICT, "table shop.taken already exists with"
                    + " another definition");
            assertRefused(() -> schema.createTables(List.of(table("shop", "first"), table("shop", "first", "x"))),
                    Reason.INVALID, "table shop.first is given twice with different definitions");

            assertThat(schema.tables("shop")).extracting(TableDefinition::name).containsExactly("taken");
            assertThat(head(db)).isEqualTo(head);
            ControlTable taken = db.transact("resolve", s -> schema.resolve(s, "shop", "taken"));
            // The refused batch's ids were rolled back with it: the next table gets the next number.
            schema.createTables(List.of(table("shop", "first")));
            ControlTable first = db.transact("resolve", s -> schema.resolve(s, "shop", "first"));
            assertThat(first.id()).isEqualTo(taken.id() + 1);
            assertThat(count(db, "ct_" + (first.id() + 1))).as("no physical table of the refused batch").isNull();
        }
    }

    @Test
    @DisplayName("sending a batch again succeeds and changes nothing; tables already there are skipped")
    void batchIsIdempotent() {
        try (SqlDatabase db = open("idempotent")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("shop");
            List<TableDefinition> batch = List.of(table("shop", "one"), table("shop", "two"));
            schema.createTables(batch);
            long head = head(db);

            schema.createTables(batch);
            assertThat(head(db)).as("nothing appended for an identical batch").isEqualTo(head);

            schema.createTables(List.of(table("shop", "two"), table("shop", "three")));
            List<LedgerEntry> entries = entries(db, head);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).changes()).filteredOn(c -> c instanceof ControlSchema).hasSize(1);
            assertThat(schema.tables("shop")).extracting(TableDefinition::name).containsExactly("one", "three",
                    "two");
        }
    }

    @Test
    @DisplayName("one ledger entry per change: the structured DDL and the registry rows together, in order")
    void ledgerEntries() {
        try (SqlDatabase db = open("ledger")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("shop");
            long head = head(db);
            TableDefinition orders = table("shop", "orders");

            schema.createTables(List.of(orders, table("shop", "items")));
            ControlTable created = db.transact("resolve", s -> schema.resolve(s, "shop", "orders"));
            schema.addFields("shop", "orders", List.of(new FieldDefinition("Price", FieldType.DECIMAL)));
            schema.clearTable("shop", "orders");
            schema.dropTable("shop", "orders");

            List<LedgerEntry> entries = entries(db, head);
            assertThat(entries).hasSize(4);
            List<LedgerChange> create = entries.get(0).changes();
            assertThat(create).hasSize(4);
            LedgerChange.Upsert registry = (LedgerChange.Upsert) create.get(0);
            assertThat(registry.table()).isEqualTo("control_tables");
            assertThat(registry.row()).containsEntry("id", created.id()).containsEntry("family", "shop")
                    .containsEntry("name", "orders").containsEntry("version", 1)
                    .containsEntry("key_fields", "[\"name\",\"order\"]");
            assertThat(create.get(1)).isEqualTo(new ControlSchema(Op.CREATE_TABLE, created.id(), orders.fields(),
                    orders.keyFields()));
            assertThat(((ControlSchema) create.get(3)).tableId()).isEqualTo(created.id() + 1);

            List<LedgerChange> add = entries.get(1).changes();
            assertThat(add).hasSize(2);
            assertThat(((LedgerChange.Upsert) add.get(0)).row()).containsEntry("version", 2)
                    .containsEntry("fields", "[[\"order\",\"integer\"],[\"name\",\"string\"],[\"value\",\"text\"],"
                            + "[\"price\",\"decimal\"]]");
            assertThat(add.get(1)).isEqualTo(new ControlSchema(Op.ADD_FIELDS, created.id(),
                    List.of(new FieldDefinition("price", FieldType.DECIMAL)), List.of()));

            assertThat(entries.get(2).changes()).containsExactly(new ControlSchema(Op.CLEAR_TABLE, created.id(),
                    List.of(), List.of()));
            assertThat(entries.get(3).changes()).containsExactly(new ControlSchema(Op.DROP_TABLE, created.id(),
                    List.of(), List.of()), new LedgerChange.Delete("control_tables", Map.of("id", created.id())));
        }
    }

    @Test
    @DisplayName("add fields: appended with the version up by one; an existing field is a CONFLICT")
    void addFields() {
        try (SqlDatabase db = open("fields")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("shop");
            schema.createTables(List.of(table("shop", "orders")));
            rows(db, schema, "orders", 2);

            schema.addFields("shop", "orders", List.of(new FieldDefinition("price", FieldType.DECIMAL),
                    new FieldDefinition("blob", FieldType.BINARY)));

            ControlTable extended = db.transact("resolve", s -> schema.resolve(s, "shop", "orders"));
            assertThat(extended.version()).isEqualTo(2);
            assertThat(extended.definition().fields()).extracting(FieldDefinition::name)
                    .containsExactly("order", "name", "value", "price", "blob");
            assertThat(extended.definition().keyFields()).containsExactly("name", "order");
            Map<String, Object> row = row(7, "seven");
            row.put("price", 1.25);
            row.put("blob", new byte[] {1});
            db.transact("upsert", s -> {
                s.upsertControlRow(schema.resolve(s, "shop", "orders"), row);
                return null;
            });
            assertThat(count(db, extended.physicalName())).isEqualTo(3);
            assertRefused(() -> schema.addFields("shop", "orders", List.of(new FieldDefinition("VALUE",
                    FieldType.TEXT))), Reason.CONFLICT, "table shop.orders already has field 'value'");
            assertRefused(() -> schema.addFields("shop", "orders", List.of(new FieldDefinition("x", FieldType.TEXT),
                    new FieldDefinition("x", FieldType.TEXT))), Reason.INVALID, "declares field 'x' twice");
            assertRefused(() -> schema.addFields("shop", "orders", List.of()), Reason.INVALID, "no fields given");
            assertRefused(() -> schema.addFields("shop", "nope", List.of(new FieldDefinition("x", FieldType.TEXT))),
                    Reason.NOT_FOUND, "table shop.nope not found");
            assertThat(db.transact("resolve", s -> schema.resolve(s, "shop", "orders")).version()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("drop removes the table, its rows and its registry row; a new table never gets its id again")
    void dropNeverReusesIds() {
        try (SqlDatabase db = open("drop")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("shop");
            schema.createTables(List.of(table("shop", "orders")));
            ControlTable first = db.transact("resolve", s -> schema.resolve(s, "shop", "orders"));
            rows(db, schema, "orders", 3);

            schema.dropTable("shop", "orders");

            assertRefused(() -> schema.table("shop", "orders"), Reason.NOT_FOUND, "table shop.orders not found");
            assertThat(count(db, first.physicalName())).as("physical table dropped").isNull();
            assertRefused(() -> schema.dropTable("shop", "orders"), Reason.NOT_FOUND, "table shop.orders not found");
            TableDefinition other = new TableDefinition("shop", "orders", List.of(new FieldDefinition("id",
                    FieldType.BYTESTRING)), List.of("id"));
            schema.createTables(List.of(other));
            ControlTable second = db.transact("resolve", s -> schema.resolve(s, "shop", "orders"));
            assertThat(second.id()).isGreaterThan(first.id());
            assertThat(second.definition()).isEqualTo(other);
            assertThat(count(db, second.physicalName())).isZero();
        }
    }

    @Test
    @DisplayName("clear empties one table; clearing a family empties all of its tables in one entry")
    void clear() {
        try (SqlDatabase db = open("clear")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("shop");
            schema.createFamily("other");
            schema.createTables(List.of(table("shop", "one"), table("shop", "two"), table("other", "three")));
            rows(db, schema, "one", 2);
            rows(db, schema, "two", 3);
            ControlTable one = db.transact("r", s -> schema.resolve(s, "shop", "one"));
            ControlTable two = db.transact("r", s -> schema.resolve(s, "shop", "two"));
            ControlTable three = db.transact("r", s -> schema.resolve(s, "other", "three"));
            db.transact("upsert", s -> {
                s.upsertControlRow(three, row(1, "x"));
                return null;
            });

            schema.clearTable("shop", "one");
            assertThat(count(db, one.physicalName())).isZero();
            assertThat(count(db, two.physicalName())).isEqualTo(3);

            long head = head(db);
            schema.clearFamily("Shop");
            assertThat(count(db, two.physicalName())).isZero();
            assertThat(count(db, three.physicalName())).isEqualTo(1);
            assertThat(entries(db, head)).singleElement().satisfies(e -> assertThat(e.changes()).containsExactly(
                    new ControlSchema(Op.CLEAR_TABLE, one.id(), List.of(), List.of()),
                    new ControlSchema(Op.CLEAR_TABLE, two.id(), List.of(), List.of())));
            assertRefused(() -> schema.clearFamily("missing"), Reason.NOT_FOUND, "family missing not found");
            assertRefused(() -> schema.clearTable("shop", "missing"), Reason.NOT_FOUND, "shop.missing not found");
        }
    }

    @Test
    @DisplayName("8 concurrent batches get distinct ids; 8 concurrent identical batches create the table once")
    void concurrentCreations() throws Exception {
        try (SqlDatabase db = open("concurrent")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("shop");
            List<Callable<Void>> distinct = new ArrayList<>();
            List<Callable<Void>> identical = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                distinct.add(() -> {
                    schema.createTables(List.of(table("shop", "table" + n)));
                    return null;
                });
                identical.add(() -> {
                    schema.createTables(List.of(table("shop", "same")));
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (Future<Void> f : pool.invokeAll(distinct)) {
                    f.get();
                }
                for (Future<Void> f : pool.invokeAll(identical)) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            List<Long> ids = new ArrayList<>();
            for (TableDefinition t : schema.tables("shop")) {
                ids.add(db.transact("r", s -> schema.resolve(s, "shop", t.name())).id());
            }
            assertThat(ids).hasSize(9).doesNotHaveDuplicates();
            assertThat(entries(db, 0)).filteredOn(e -> e.changes().stream().anyMatch(c -> c instanceof ControlSchema))
                    .hasSize(9);
        }
    }

    @Test
    @DisplayName("rows of every type read back exactly as written and as the ledger carries them: 2^53+1, nulls, bytes")
    void rowValuesRoundTrip() {
        try (SqlDatabase db = open("values")) {
            SqlControlSchema schema = new SqlControlSchema(db, Clock.systemUTC());
            schema.createFamily("Shop");
            TableDefinition all = new TableDefinition("shop", "All_Types", List.of(
                    new FieldDefinition("Order", FieldType.INTEGER), new FieldDefinition("Select", FieldType.STRING),
                    new FieldDefinition("key", FieldType.BYTESTRING), new FieldDefinition("price", FieldType.DECIMAL),
                    new FieldDefinition("body", FieldType.TEXT), new FieldDefinition("blob", FieldType.BINARY)),
                    List.of("select", "order", "key"));
            schema.createTables(List.of(all));
            long head = head(db);
            List<Map<String, Object>> written = List.of(
                    values((1L << 53) + 1, "caf\u00e9 \u2603 'quoted' \"double\"", new byte[] {0, -1}, 1e300,
                            "x".repeat(10_000), new byte[] {1, 2, 3}),
                    values(Long.MIN_VALUE, "", new byte[0], -2.5, null, null),
                    values(Long.MAX_VALUE, "\ud83d\ude00", new byte[] {7}, 0.1, "", new byte[0]));

            db.transact("upsert", s -> {
                ControlTable t = schema.resolve(s, "SHOP", "all_types");
                written.forEach(r -> s.upsertControlRow(t, r));
                return null;
            });

            ControlTable t = db.transact("r", s -> schema.resolve(s, "shop", "all_types"));
            List<Map<String, Object>> read = db.read(dsl -> {
                List<org.jooq.Field<?>> fields = t.definition().fields().stream().<org.jooq.Field<?>>map(
                        ControlDdl::field).toList();
                return dsl.select(fields).from(ControlDdl.table(t.id())).orderBy(fields.get(0)).fetch().intoMaps();
            });
            List<Map<String, Object>> ledger = entries(db, head).get(0).changes().stream()
                    .map(c -> ((LedgerChange.Upsert) c).row()).toList();
            int[] readAt = {1, 0, 2}; // read by "order": MIN, 2^53+1, MAX
            for (int i = 0; i < 3; i++) {
                assertSameValues(read.get(readAt[i]), written.get(i));
                assertSameValues(ledger.get(i), written.get(i));
            }
        }
    }

    private static Map<String, Object> values(long order, String select, byte[] key, Double price, String body,
            byte[] blob) {
        Map<String, Object> row = new HashMap<>();
        row.put("order", order);
        row.put("select", select);
        row.put("key", key);
        row.put("price", price);
        row.put("body", body);
        row.put("blob", blob);
        return row;
    }

    private static void assertSameValues(Map<String, Object> actual, Map<String, Object> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> {
            if (v instanceof byte[] bytes) {
                assertThat((byte[]) actual.get(k)).as(k).isEqualTo(bytes);
            } else {
                assertThat(actual.get(k)).as(k).isEqualTo(v);
            }
        });
    }

    private static Map<String, Object> row(long order, String name) {
        Map<String, Object> row = new HashMap<>();
        row.put("order", order);
        row.put("name", name);
        row.put("value", "v" + order);
        return row;
    }

    private static void rows(SqlDatabase db, SqlControlSchema schema, String table, int n) {
        db.transact("rows", s -> {
            ControlTable t = schema.resolve(s, "shop", table);
            for (int i = 0; i < n; i++) {
                s.upsertControlRow(t, row(i, "n" + i));
            }
            return null;
        });
    }

    /** Rows of a physical table; null when it does not exist. */
    private static Integer count(SqlDatabase db, String physical) {
        try {
            return db.read(dsl -> dsl.fetchCount(DSL.table(DSL.quotedName(physical))));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long head(SqlDatabase db) {
        return db.read(dsl -> dsl.connectionResult(LedgerQueries::head)).seq();
    }

    private static List<LedgerEntry> entries(SqlDatabase db, long after) {
        return db.read(dsl -> dsl.connectionResult(c -> LedgerQueries.read(c, after, 1000)));
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String message) {
        ControlException e = catchThrowableOfType(ControlException.class, call);
        assertThat(e).as(message).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.getMessage()).contains(message);
    }
}
