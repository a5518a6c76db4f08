package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema;
import org.jooq.CreateTableElementListStep;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a control table schema change ({@link ControlSchema}) in a dialect: the center runs them in the
 * transaction that appends the change to the ledger, a replica in the transaction that applies it. Identifiers are
 * always quoted, so field names that are keywords ({@code order}) work.
 *
 * <p>Types (ctlstore's map): string and text → TEXT, integer → BIGINT (SQLite INTEGER), decimal → DOUBLE PRECISION
 * (SQLite REAL), binary and bytestring → BYTEA (SQLite BLOB). Lengths are checked before values are written, not by
 * the column. Key fields are NOT NULL; the others nullable.
 */
public final class ControlDdl {
    private static final Settings SETTINGS = new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS);

    private ControlDdl() {
    }

    /** The physical table {@code ct_<id>}, quoted. */
    public static Table<Record> table(long tableId) {
        return DSL.table(DSL.quotedName(ControlTable.physicalName(tableId)));
    }

    /** A column of a control table, quoted, with its Java type ({@code Long}, {@code Double}, {@code String}, {@code byte[]}). */
    public static Field<?> field(FieldDefinition field) {
        return DSL.field(DSL.quotedName(field.name()), dataType(field.type()));
    }

    /** A column of a control table as a field qualified by its table, for reads that join. */
    public static Field<?> field(long tableId, FieldDefinition field) {
        return DSL.field(DSL.quotedName(ControlTable.physicalName(tableId), field.name()), dataType(field.type()));
    }

    /** The Java-side data type of a field type; its SQL type in DDL is {@link #columnType}. */
    public static DataType<?> dataType(FieldType type) {
        return switch (type) {
            case STRING, TEXT -> SQLDataType.CLOB;
            case INTEGER -> SQLDataType.BIGINT;
            case DECIMAL -> SQLDataType.DOUBLE;
            case BINARY, BYTESTRING -> SQLDataType.BLOB;
        };
    }

    /**
     * The column type of a field type in {@code dialect}'s DDL. SQLite gets exactly INTEGER for integers, so a single
     * integer key is the rowid (as in ctlstore's LDB), and TEXT / REAL / BLOB for the rest.
     */
    // jOOQ's SQLite types are deprecated for use as Java types, but they are the ones that render SQLite's names;
    // defining new DataTypes instead would re-register jOOQ's global name-to-type map.
    @SuppressWarnings("deprecation")
    public static DataType<?> columnType(FieldType type, SQLDialect dialect) {
        if (dialect.family() == SQLDialect.SQLITE) {
            return switch (type) {
                case STRING, TEXT -> org.jooq.util.sqlite.SQLiteDataType.TEXT;
                case INTEGER -> org.jooq.util.sqlite.SQLiteDataType.INTEGER;
                case DECIMAL -> org.jooq.util.sqlite.SQLiteDataType.REAL;
                case BINARY, BYTESTRING -> org.jooq.util.sqlite.SQLiteDataType.BLOB;
            };
        }
        return dataType(type);
    }

    /**
     * The statements of {@code change} on {@code dsl}'s connection (or for rendering, when it has none), in the order
     * they run: CREATE TABLE; one ALTER TABLE ADD per new field; DROP TABLE; DELETE FROM.
     */
    public static List<Query> queries(DSLContext dsl, ControlSchema change) {
        SQLDialect dialect = dsl.dialect();
        Table<Record> table = table(change.tableId());
        List<Query> queries = new ArrayList<>();
        switch (change.op()) {
            case CREATE_TABLE -> {
                CreateTableElementListStep create = dsl.createTable(table);
                List<Field<?>> key = new ArrayList<>();
                for (FieldDefinition f : change.fields()) {
                    boolean inKey = change.keyFields().contains(f.name());
                    DataType<?> type = columnType(f.type(), dialect).nullable(!inKey);
                    create = create.column(DSL.field(DSL.quotedName(f.name()), type));
                }
                for (String k : change.keyFields()) {
                    key.add(DSL.field(DSL.quotedName(k)));
                }
                queries.add(create.constraint(DSL.primaryKey(key.toArray(Field<?>[]::new))));
            }
            case ADD_FIELDS -> {
                for (FieldDefinition f : change.fields()) {
                    queries.add(dsl.alterTable(table).add(DSL.field(DSL.quotedName(f.name()),
                            columnType(f.type(), dialect).nullable(true))));
                }
            }
            case DROP_TABLE -> queries.add(dsl.dropTable(table));
            case CLEAR_TABLE -> queries.add(dsl.deleteFrom(table));
        }
        return queries;
    }

    /** The SQL text of {@code change}'s statements in {@code dialect}, identifiers quoted. */
    public static List<String> sql(SQLDialect dialect, ControlSchema change) {
        DSLContext dsl = DSL.using(dialect, SETTINGS);
        return queries(dsl, change).stream().map(dsl::render).toList();
    }
}
