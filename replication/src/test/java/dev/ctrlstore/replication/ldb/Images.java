package dev.ctrlstore.replication.ldb;

import dev.ctrlstore.store.jooq.DefaultSchema;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every replicated table of a database read through the generated classes, each value turned back into its database
 * value by the column's converter: what a row image holds, the same on PostgreSQL and SQLite. Bytes become base64 so
 * that maps compare by content.
 */
public final class Images {
    private Images() {
    }

    /** Table → primary key → column → database value. */
    public static Map<String, Map<String, Map<String, Object>>> of(DSLContext dsl) {
        Map<String, Map<String, Map<String, Object>>> all = new LinkedHashMap<>();
        for (String name : ControlData.TABLES) {
            Table<?> table = DefaultSchema.DEFAULT_SCHEMA.getTable(name);
            Map<String, Map<String, Object>> rows = new TreeMap<>();
            for (Record r : dsl.selectFrom(table).fetch()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Field<?> f : table.fields()) {
                    row.put(f.getName(), databaseValue(f, r));
                }
                rows.put(table.getPrimaryKey().getFields().stream().map(f -> String.valueOf(row.get(f.getName())))
                        .toList().toString(), row);
            }
            all.put(name, rows);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Object databaseValue(Field<?> field, Record r) {
        Field<Object> f = (Field<Object>) field;
        Object value = f.getConverter().to(r.get(f));
        return value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : value;
    }
}
