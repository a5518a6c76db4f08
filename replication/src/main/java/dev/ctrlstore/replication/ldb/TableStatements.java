package dev.ctrlstore.replication.ldb;

import dev.ctrlstore.store.sql.ledger.ReplicationPolicy;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL an applier runs for one replicated table, rendered once from the generated classes in the SQLite dialect
 * with {@code ?} placeholders: an upsert ({@code INSERT … ON CONFLICT (pk) DO UPDATE SET col = excluded.col}, never
 * {@code REPLACE}, which deletes the old row and so fires {@code ON DELETE CASCADE} on its children) and a delete by
 * primary key. Values are bound as the database values the ledger carries, so no converter runs per row.
 */
final class TableStatements {
    private static final DSLContext SQLITE = DSL.using(SQLDialect.SQLITE,
            new Settings().withRenderSchema(false).withParamType(ParamType.INDEXED).withExecuteLogging(false));

    final String table;
    /** Every column, in the table's order: the order an upsert of a whole row binds them. */
    final List<String> columns;
    /** The primary key's columns, in key order: the order a delete binds them. */
    final List<String> key;
    final String upsert;
    final String delete;
    private final Table<?> generated;
    /** Upserts of rows that lack some columns (written under an older schema), by their column list. */
    private final Map<List<String>, String> partialUpserts = new HashMap<>();

    private TableStatements(Table<?> generated) {
        this.generated = generated;
        this.table = generated.getName();
        this.columns = names(List.of(generated.fields()));
        this.key = names(generated.getPrimaryKey().getFields());
        this.upsert = upsertOf(List.of(generated.fields()));
        this.delete = SQLITE.render(SQLITE.deleteFrom(generated).where(generated.getPrimaryKey().getFields().stream()
                .map(TableStatements::equalsPlaceholder).toList()));
    }

    /** The statements of every replicated table ({@link ReplicationPolicy}), by table name. */
    static Map<String, TableStatements> replicated() {
        Map<String, TableStatements> tables = new LinkedHashMap<>();
        for (Table<?> table : ReplicationPolicy.replicatedTables()) {
            if (table.getPrimaryKey() == null) {
                throw new IllegalStateException("replicated table " + table.getName() + " has no primary key");
            }
            tables.put(table.getName(), new TableStatements(table));
        }
        return Collections.unmodifiableMap(tables);
    }

    /**
     * The upsert of a row with only {@code present} columns (the others take their defaults when inserted and keep
     * their values when updated); rendered once per column list.
     */
    String partialUpsert(List<String> present) {
        return partialUpserts.computeIfAbsent(List.copyOf(present), cols -> {
            Set<String> wanted = Set.copyOf(cols);
            return upsertOf(List.of(generated.fields()).stream().filter(f -> wanted.contains(f.getName())).toList());
        });
    }

    private String upsertOf(List<Field<?>> fields) {
        List<Field<?>> keyFields = new ArrayList<>(generated.getPrimaryKey().getFields());
        Map<Field<?>, Field<?>> updates = new LinkedHashMap<>();
        for (Field<?> f : fields) {
            if (!keyFields.contains(f)) {
                updates.put(f, DSL.excluded(f));
            }
        }
        var values = SQLITE.insertInto(generated, fields)
                .values(fields.stream().map(f -> (Object) DSL.val(null, f.getDataType().getSQLDataType())).toList());
        Query query = updates.isEmpty()
                ? values.onConflict(keyFields).doNothing()
                : values.onConflict(keyFields).doUpdate().set(updates);
        return SQLITE.render(query);
    }

    private static org.jooq.Condition equalsPlaceholder(Field<?> f) {
        @SuppressWarnings("unchecked")
        Field<Object> field = (Field<Object>) DSL.field(DSL.name(f.getName()), f.getDataType().getSQLDataType());
        return field.eq(DSL.val(null, field.getDataType()));
    }

    private static List<String> names(List<? extends Field<?>> fields) {
        return fields.stream().map(Field::getName).toList();
    }
}
