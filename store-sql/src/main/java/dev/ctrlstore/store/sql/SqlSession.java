package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.sql.control.ControlDdl;
import dev.ctrlstore.store.sql.control.ControlTable;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.ReplicationPolicy;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.InsertValuesStepN;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One write transaction, as {@link SqlDatabase#transact} hands it to the work, and the one place where rows change.
 * The write vocabulary takes the generated records the stores build ({@code toRecord}): insert a record, update a
 * record under its expected version, delete by key, replace an entity's child rows, append a batch, and purge old
 * telemetry. Each statement is built once per table from the generated classes and rendered once per dialect
 * ({@link Prepared}), so a write costs binding the record's values and the database's own work. Every change is
 * recorded, in order, for the backend's {@link CommitHook}; a retried transaction gets a new session, so the
 * changes of an attempt that rolled back are gone with it.
 *
 * <p>Control tables ({@code ct_<id>}, no generated class) have their own vocabulary: run a schema change, upsert a
 * row, delete a row by key. Each is recorded in order with the other changes, in the form the ledger carries it.
 *
 * <p>{@link #dsl()} is for reads; {@code WritePathTest} fails the build on any row change made anywhere but here.
 * Rows removed by {@code ON DELETE CASCADE} (an instance's children) are not listed: the same keys remove them
 * wherever the delete is applied.
 */
public final class SqlSession {
    /**
     * Most values bound in one statement. SQLite builds before 3.32 allowed 999, and jOOQ's SQLite dialect inlines
     * every value of a statement past that count as SQL literals; staying under it keeps every batch bound the same
     * way whatever its size.
     */
    static final int MAX_BINDS = 999;
    private static final Map<Table<?>, Template> TEMPLATES = new ConcurrentHashMap<>();
    /** Keyed by the whole table (id, definition, version): a changed table gets new statements. */
    private static final Map<ControlTable, ControlTemplate> CONTROL_TEMPLATES = new ConcurrentHashMap<>();

    /** How a backend keeps statements on this session's connection. */
    public interface Statements {
        /** The JDBC statement of {@code prepared} on this connection: prepared now, or kept from earlier. */
        PreparedStatement statement(Prepared prepared) throws SQLException;

        /** The session is done with {@code statement}: close it, or keep it prepared for the next use. */
        void release(PreparedStatement statement);
    }

    private final DSLContext dsl;
    private final PreparedJdbc jdbc;
    private final Statements statements;
    private final List<Change> changes = new ArrayList<>();

    /** For backends: a new session, with no changes, on the transaction's connection. */
    public SqlSession(DSLContext dsl, PreparedJdbc jdbc, Statements statements) {
        this.dsl = dsl;
        this.jdbc = jdbc;
        this.statements = statements;
    }

    /** jOOQ on this transaction's connection, for reads (row changes go through the methods below). */
    public DSLContext dsl() {
        return dsl;
    }

    /** Runs a prepared query with {@code values} and maps its first row; null when it returns none. */
    public <T> T fetchFirst(Prepared query, Function<Row, T> mapper, Object... values) {
        PreparedStatement ps = open(query);
        try {
            return jdbc.fetchFirst(ps, query, mapper, values);
        } finally {
            statements.release(ps);
        }
    }

    /** Runs a prepared query with {@code values} and maps every row. */
    public <T> List<T> fetchAll(Prepared query, Function<Row, T> mapper, Object... values) {
        PreparedStatement ps = open(query);
        try {
            return jdbc.fetchAll(ps, query, mapper, values);
        } finally {
            statements.release(ps);
        }
    }

    /** Whether a prepared query returns any row. */
    public boolean exists(Prepared query, Object... values) {
        return fetchFirst(query, row -> Boolean.TRUE, values) != null;
    }

    /** The row changes made so far, in order: what the backend hands its {@link CommitHook} before commit. */
    public List<Change> changes() {
        return Collections.unmodifiableList(changes);
    }

    /** Inserts {@code record}'s row (every column but a database-assigned one). */
    public <R extends TableRecord<R>> void insert(R record) {
        Template t = template(record.getTable());
        run(t.insert, t.insertValues(record));
        changes.add(new Change(t.table, Change.Operation.INSERT, record, null));
    }

    /**
     * Writes every column of {@code record} to the row with its primary key and tenant, if that row's version is
     * still {@code expectedVersion}. The record carries the new version.
     *
     * @return false when no such row is there (deleted, or changed by a concurrent writer): the caller's conflict
     */
    public <R extends UpdatableRecord<R>> boolean update(R record, long expectedVersion) {
        Template t = template(record.getTable());
        if (t.update == null) {
            throw new IllegalArgumentException(t.table.getName() + " has no version column to update under");
        }
        boolean updated = run(t.update, t.updateValues(record, expectedVersion)) > 0;
        if (updated) {
            changes.add(new Change(t.table, Change.Operation.UPDATE, record, null));
        }
        return updated;
    }

    /**
     * Deletes the row of {@code table} with primary key {@code id} in tenant {@code tenantId}. The {@code tenants}
     * table has no tenant column: there {@code tenantId} is the id itself.
     *
     * @return false when there is no such row
     */
    public <R extends UpdatableRecord<R>> boolean delete(Table<R> table, TenantId tenantId, Object id) {
        Template t = template(table);
        if (t.delete == null) {
            throw new IllegalArgumentException(table.getName() + " has no single-column primary key to delete by");
        }
        if (t.tenant == null && !Objects.equals(tenantId, id)) {
            throw new IllegalArgumentException(table.getName() + " has no tenant column; pass its id as tenant");
        }
        boolean deleted = run(t.delete, t.tenant == null ? new Object[] {id} : new Object[] {id, tenantId}) > 0;
        if (deleted) {
            R key = table.newRecord();
            set(key, t.primary, id);
            if (t.tenant != null) {
                set(key, t.tenant, tenantId);
            }
            changes.add(new Change(table, Change.Operation.DELETE, key, null));
        }
        return deleted;
    }

    /**
     * Deletes the row of {@code table}, a table without a tenant column, with primary key {@code id}.
     *
     * @return false when there is no such row
     */
    public <R extends UpdatableRecord<R>> boolean delete(Table<R> table, Object id) {
        Template t = template(table);
        if (t.delete == null || t.tenant != null) {
            throw new IllegalArgumentException(table.getName() + " has a tenant column or no single-column primary"
                    + " key; delete by tenant and key");
        }
        boolean deleted = run(t.delete, new Object[] {id}) > 0;
        if (deleted) {
            R key = table.newRecord();
            set(key, t.primary, id);
            changes.add(new Change(table, Change.Operation.DELETE, key, null));
        }
        return deleted;
    }

    /**
     * Runs a control table schema change (its DDL, {@link ControlDdl}) and records it for the ledger. The registry
     * row that describes the table changes through {@link #insert}/{@link #update}/{@link #delete} beside it.
     */
    public void controlSchema(LedgerChange.ControlSchema change) {
        for (Query query : ControlDdl.queries(dsl, change)) {
            query.execute();
        }
        changes.add(new Change(ControlDdl.table(change.tableId()), Change.Operation.CONTROL, null, null, change));
    }

    /**
     * Inserts a control table row, or overwrites the row with its key. {@code row} holds every field of the table
     * (by name, any order) with its stored value: {@code Long} (integer), {@code Double} (decimal), {@code String}
     * (string, text), {@code byte[]} (binary, bytestring) or null (non-key fields only). Values are checked against
     * the field types by the caller first; this checks only the Java types.
     */
    public void upsertControlRow(ControlTable table, Map<String, Object> row) {
        ControlTemplate t = controlTemplate(table);
        List<FieldDefinition> fields = table.definition().fields();
        Object[] values = new Object[fields.size()];
        Map<String, Object> image = new LinkedHashMap<>(fields.size() * 2);
        for (int i = 0; i < values.length; i++) {
            FieldDefinition f = fields.get(i);
            if (!row.containsKey(f.name())) {
                throw new IllegalArgumentException("an upsert of " + table.qualifiedName() + " lacks field "
                        + f.name() + "; it takes every field");
            }
            values[i] = controlValue(table, f, row.get(f.name()));
            image.put(f.name(), values[i]);
        }
        if (row.size() != fields.size()) {
            throw new IllegalArgumentException("an upsert of " + table.qualifiedName() + " names fields the table"
                    + " does not have: " + row.keySet());
        }
        run(t.upsert, values);
        changes.add(new Change(t.table, Change.Operation.CONTROL, null, null,
                new LedgerChange.Upsert(table.physicalName(), Collections.unmodifiableMap(image))));
    }

    /**
     * Deletes the control table row whose key fields hold the values in {@code key} (every key field, by name).
     *
     * @return false when there is no such row (nothing is recorded)
     */
    public boolean deleteControlRow(ControlTable table, Map<String, Object> key) {
        ControlTemplate t = controlTemplate(table);
        List<String> keyFields = table.definition().keyFields();
        Object[] values = new Object[keyFields.size()];
        Map<String, Object> image = new LinkedHashMap<>(keyFields.size() * 2);
        for (int i = 0; i < values.length; i++) {
            String k = keyFields.get(i);
            if (!key.containsKey(k)) {
                throw new IllegalArgumentException("a delete from " + table.qualifiedName() + " lacks key field "
                        + k + "; it takes every key field");
            }
            values[i] = controlValue(table, table.field(k), key.get(k));
            image.put(k, values[i]);
        }
        boolean deleted = run(t.delete, values) > 0;
        if (deleted) {
            changes.add(new Change(t.table, Change.Operation.CONTROL, null, null,
                    new LedgerChange.Delete(table.physicalName(), Collections.unmodifiableMap(image))));
        }
        return deleted;
    }

    private static Object controlValue(ControlTable table, FieldDefinition field, Object value) {
        if (value == null) {
            if (table.definition().keyFields().contains(field.name())) {
                throw new IllegalArgumentException("key field " + table.qualifiedName() + "." + field.name()
                        + " is null");
            }
            return null;
        }
        Class<?> expected = switch (field.type()) {
            case STRING, TEXT -> String.class;
            case INTEGER -> Long.class;
            case DECIMAL -> Double.class;
            case BINARY, BYTESTRING -> byte[].class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(table.qualifiedName() + "." + field.name() + " ("
                    + field.type().apiName() + ") takes a " + expected.getSimpleName() + ", got a "
                    + value.getClass().getName());
        }
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    private static ControlTemplate controlTemplate(ControlTable table) {
        ControlTemplate t = CONTROL_TEMPLATES.get(table);
        return t != null ? t : CONTROL_TEMPLATES.computeIfAbsent(table, ControlTemplate::new);
    }

    /**
     * Makes {@code children} the only rows of {@code link}'s table that point at {@code parent} (a record holding at
     * least the columns {@code link} references): the old ones are deleted, these inserted.
     */
    public <C extends UpdatableRecord<C>> void replaceChildren(ForeignKey<C, ?> link, Record parent,
            Collection<C> children) {
        Table<C> table = link.getTable();
        List<TableField<C, ?>> columns = link.getFields();
        List<? extends TableField<?, ?>> referenced = link.getKeyFields();
        Condition ofParent = DSL.noCondition();
        for (int i = 0; i < columns.size(); i++) {
            ofParent = ofParent.and(eq(columns.get(i), parent.get(referenced.get(i))));
        }
        UniqueKey<C> primary = table.getPrimaryKey();
        for (Record old : dsl.select(primary.getFields()).from(table).where(ofParent).fetch()) {
            changes.add(new Change(table, Change.Operation.DELETE, old.into(table), null));
        }
        dsl.deleteFrom(table).where(ofParent).execute();
        for (C child : children) {
            insert(child);
        }
    }

    /**
     * Inserts {@code records}, all of one table, in list order (so a database-assigned {@code seq} follows it), in
     * multi-row statements that each bind at most {@value #MAX_BINDS} values whatever the batch's size.
     */
    public <R extends TableRecord<R>> void append(List<R> records) {
        if (records.isEmpty()) {
            return;
        }
        Template t = template(records.get(0).getTable());
        int largest = t.batches.length - 1;
        // Chunks of 2^k rows: full ones of the largest size, then the rest by its binary digits, so a table needs a
        // handful of statements (1, 2, 4, ... rows), each rendered and prepared once.
        for (int from = 0; from < records.size(); ) {
            int size = Math.min(largest, 31 - Integer.numberOfLeadingZeros(records.size() - from));
            int rows = 1 << size;
            Object[] values = new Object[rows * t.columns.length];
            for (int r = 0; r < rows; r++) {
                R record = records.get(from + r);
                if (record.getTable() != t.table) {
                    throw new IllegalArgumentException("append takes rows of one table, got "
                            + record.getTable().getName() + " among " + t.table.getName());
                }
                System.arraycopy(t.insertValues(record), 0, values, r * t.columns.length, t.columns.length);
                changes.add(new Change(t.table, Change.Operation.INSERT, record, null));
            }
            run(t.batch(size), values);
            from += rows;
        }
    }

    /**
     * Adds {@code record}'s {@code counter} to the row with the record's primary key, or inserts the record when
     * there is none, in one statement, and returns the counter's new total: concurrent callers each see their own
     * total, so a limit checked against it is exact. For the center's own tables only (rate-limit usage).
     */
    public <R extends TableRecord<R>> long increment(R record, TableField<R, Long> counter) {
        Table<R> table = centerOnly(record, "increment");
        List<TableField<R, ?>> key = table.getPrimaryKey().getFields();
        dsl.insertInto(table).set(record).onConflict(key).doUpdate()
                .set(counter, counter.plus(DSL.excluded(counter))).execute();
        // Read back in the same transaction, which holds the row's lock until it ends (RETURNING is not rendered
        // natively for an upsert in every dialect jOOQ emulates).
        Condition ofKey = DSL.noCondition();
        for (TableField<R, ?> k : key) {
            ofKey = ofKey.and(eq(k, record.get(k)));
        }
        long total = dsl.select(counter).from(table).where(ofKey).fetchSingle(counter);
        record.set(counter, total);
        changes.add(new Change(table, Change.Operation.UPDATE, record, null));
        return total;
    }

    /**
     * Inserts {@code record}, or overwrites every other column of the row with its primary key. For the center's
     * own tables only (limits).
     */
    public <R extends TableRecord<R>> void upsert(R record) {
        Table<R> table = centerOnly(record, "upsert");
        List<TableField<R, ?>> key = table.getPrimaryKey().getFields();
        Map<Field<?>, Field<?>> rest = new LinkedHashMap<>();
        for (Field<?> f : table.fields()) {
            if (!key.contains(f)) {
                rest.put(f, DSL.excluded(f));
            }
        }
        dsl.insertInto(table).set(record).onConflict(key).doUpdate().set(rest).execute();
        changes.add(new Change(table, Change.Operation.UPDATE, record, null));
    }

    /**
     * Writes {@code record}'s changed values to the rows of its table that match {@code where} (a compare-and-set
     * when {@code where} names the expected values); returns how many. For the center's own tables only (a writer's
     * cookie).
     */
    public <R extends TableRecord<R>> int updateWhere(R record, Condition where) {
        Table<R> table = centerOnly(record, "updateWhere");
        int updated = dsl.update(table).set(record).where(where).execute();
        if (updated > 0) {
            changes.add(new Change(table, Change.Operation.UPDATE, record, null));
        }
        return updated;
    }

    /** The record's table, if the ledger never carries it: these writes do not produce whole-row images. */
    private static <R extends TableRecord<R>> Table<R> centerOnly(R record, String method) {
        Table<R> table = record.getTable();
        if (ReplicationPolicy.of(table) != ReplicationPolicy.Kind.NEVER) {
            throw new IllegalArgumentException(method + " is for tables that stay at the center; "
                    + table.getName() + " is replicated, so write it with insert or update");
        }
        return table;
    }

    /** Deletes the rows of {@code table} that match {@code where} (telemetry retention); returns how many. */
    public int purge(Table<?> table, Condition where) {
        int deleted = dsl.deleteFrom(table).where(where).execute();
        if (deleted > 0) {
            changes.add(new Change(table, Change.Operation.PURGE, null, where));
        }
        return deleted;
    }

    /** The statements {@link #append} uses for {@code table}, every size: for tests of the bind limit. */
    static List<Prepared> appendStatements(Table<?> table) {
        Template t = template(table);
        List<Prepared> all = new ArrayList<>();
        for (int size = 0; size < t.batches.length; size++) {
            all.add(t.batch(size));
        }
        return all;
    }

    private int run(Prepared statement, Object[] values) {
        PreparedStatement ps = open(statement);
        try {
            return jdbc.executeUpdate(ps, statement, values);
        } finally {
            statements.release(ps);
        }
    }

    private PreparedStatement open(Prepared prepared) {
        try {
            return statements.statement(prepared);
        } catch (SQLException e) {
            throw PreparedJdbc.failed(prepared, e);
        }
    }

    private static Template template(Table<?> table) {
        Template t = TEMPLATES.get(table);
        return t != null ? t : TEMPLATES.computeIfAbsent(table, Template::new);
    }

    @SuppressWarnings("unchecked")
    private static void set(Record record, Field<?> field, Object value) {
        record.set((Field<Object>) field, value);
    }

    @SuppressWarnings("unchecked")
    private static Condition eq(Field<?> field, Object value) {
        return ((Field<Object>) field).eq(value);
    }

    @SuppressWarnings("unchecked")
    private static Condition eq(Field<?> field, Param<?> param) {
        return ((Field<Object>) field).eq((Field<Object>) param);
    }

    /** The statements of one version of a control table, built from its registry description once. */
    private static final class ControlTemplate {
        final Table<Record> table;
        final Prepared upsert;
        final Prepared delete;

        ControlTemplate(ControlTable control) {
            this.table = ControlDdl.table(control.id());
            List<FieldDefinition> definitions = control.definition().fields();
            List<String> keyFields = control.definition().keyFields();
            List<Field<?>> columns = new ArrayList<>();
            List<Param<?>> params = new ArrayList<>();
            List<Field<?>> key = new ArrayList<>();
            Map<Field<?>, Object> assignments = new LinkedHashMap<>();
            for (FieldDefinition f : definitions) {
                Field<?> column = ControlDdl.field(f);
                columns.add(column);
                params.add(DSL.param("v_" + f.name(), column));
                if (keyFields.contains(f.name())) {
                    key.add(column);
                } else {
                    assignments.put(column, DSL.excluded(column));
                }
            }
            key.sort(java.util.Comparator.comparingInt(k -> keyFields.indexOf(k.getName())));
            InsertOnDuplicateStep<Record> insert = DSL.insertInto(table).columns(columns)
                    .values(params.toArray(Field<?>[]::new));
            Query upsertQuery = assignments.isEmpty() ? insert.onConflict(key).doNothing()
                    : insert.onConflict(key).doUpdate().set(assignments);
            String name = control.physicalName() + "v" + control.version();
            this.upsert = Prepared.statement(name + ".upsert", upsertQuery, params.toArray(Param<?>[]::new));
            List<Param<?>> keyParams = new ArrayList<>();
            Condition where = DSL.noCondition();
            for (Field<?> k : key) {
                Param<?> p = DSL.param("k_" + k.getName(), k);
                keyParams.add(p);
                where = where.and(eq(k, p));
            }
            this.delete = Prepared.statement(name + ".deleteByKey", DSL.deleteFrom(table).where(where),
                    keyParams.toArray(Param<?>[]::new));
        }
    }

    /** The statements of one table, built from its generated class once. */
    private static final class Template {
        final Table<?> table;
        /** The inserted columns (all but a database-assigned identity), as indexes into the table's fields. */
        final int[] columns;
        final Prepared insert;
        /** Multi-row inserts of 2^k rows, k = 0 .. n, built when first used. */
        final Prepared[] batches;
        /** The primary key column, when it is a single column; the tenant column, when the table has one. */
        final Field<?> primary;
        final Field<?> tenant;
        /** The columns an update writes (all but primary key and tenant), as indexes into the table's fields. */
        final int[] updated;
        final int version;
        final Prepared update;
        final Prepared delete;

        Template(Table<?> table) {
            this.table = table;
            Field<?>[] fields = table.fields();
            Field<?> identity = table.getIdentity() == null ? null : table.getIdentity().getField();
            List<Integer> inserted = new ArrayList<>();
            for (int i = 0; i < fields.length; i++) {
                if (!fields[i].equals(identity)) {
                    inserted.add(i);
                }
            }
            this.columns = inserted.stream().mapToInt(Integer::intValue).toArray();
            int largest = 31 - Integer.numberOfLeadingZeros(Math.max(1, MAX_BINDS / columns.length));
            this.batches = new Prepared[largest + 1];
            this.insert = batch(0);

            UniqueKey<?> pk = table.getPrimaryKey();
            this.primary = pk != null && pk.getFields().size() == 1 && !pk.getFields().get(0).equals(identity)
                    ? pk.getFields().get(0) : null;
            this.tenant = table.field("tenant_id");
            Field<?> versionField = table.field("version");
            this.version = versionField == null ? -1 : table.indexOf(versionField);
            if (primary == null) {
                this.updated = new int[0];
                this.update = null;
                this.delete = null;
                return;
            }
            List<Param<?>> keyParams = new ArrayList<>();
            Condition key = eq(primary, add(keyParams, "key_" + primary.getName(), primary));
            if (tenant != null) {
                key = key.and(eq(tenant, add(keyParams, "key_" + tenant.getName(), tenant)));
            }
            this.delete = Prepared.statement(table.getName() + ".deleteByKey", DSL.deleteFrom(table).where(key),
                    keyParams.toArray(Param<?>[]::new));
            if (version < 0) {
                this.updated = new int[0];
                this.update = null;
                return;
            }
            List<Integer> set = new ArrayList<>();
            List<Param<?>> params = new ArrayList<>();
            Map<Field<?>, Object> assignments = new LinkedHashMap<>();
            for (int i : columns) {
                if (!fields[i].equals(primary) && !fields[i].equals(tenant)) {
                    set.add(i);
                    assignments.put(fields[i], add(params, fields[i].getName(), fields[i]));
                }
            }
            this.updated = set.stream().mapToInt(Integer::intValue).toArray();
            params.addAll(keyParams);
            Condition current = key.and(eq(versionField, add(params, "expected_version", versionField)));
            this.update = Prepared.statement(table.getName() + ".updateVersioned",
                    DSL.update(table).set(assignments).where(current), params.toArray(Param<?>[]::new));
        }

        /** The insert of 2^size rows, built on first use. */
        synchronized Prepared batch(int size) {
            Prepared p = batches[size];
            if (p == null) {
                int rows = 1 << size;
                Field<?>[] fields = table.fields();
                Field<?>[] inserted = new Field<?>[columns.length];
                for (int c = 0; c < columns.length; c++) {
                    inserted[c] = fields[columns[c]];
                }
                List<Param<?>> params = new ArrayList<>();
                InsertValuesStepN<?> insert = DSL.insertInto(table).columns(inserted);
                for (int r = 0; r < rows; r++) {
                    Param<?>[] row = new Param<?>[columns.length];
                    for (int c = 0; c < columns.length; c++) {
                        row[c] = add(params, inserted[c].getName() + (rows == 1 ? "" : "_" + r), inserted[c]);
                    }
                    insert = insert.values(row);
                }
                p = Prepared.statement(table.getName() + ".insert" + (rows == 1 ? "" : rows),
                        insert, params.toArray(Param<?>[]::new));
                batches[size] = p;
            }
            return p;
        }

        Object[] insertValues(TableRecord<?> record) {
            Object[] values = new Object[columns.length];
            for (int c = 0; c < columns.length; c++) {
                values[c] = record.get(columns[c]);
            }
            return values;
        }

        Object[] updateValues(TableRecord<?> record, long expectedVersion) {
            Object[] values = new Object[updated.length + (tenant == null ? 2 : 3)];
            int v = 0;
            for (int i : updated) {
                values[v++] = record.get(i);
            }
            values[v++] = record.get(primary);
            if (tenant != null) {
                values[v++] = record.get(tenant);
            }
            values[v] = expectedVersion;
            return values;
        }

        private static <T> Param<T> add(List<Param<?>> params, String name, Field<T> field) {
            Param<T> p = DSL.param(name, field);
            params.add(p);
            return p;
        }
    }
}
