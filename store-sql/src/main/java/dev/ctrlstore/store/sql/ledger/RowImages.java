package dev.ctrlstore.store.sql.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.sql.Change;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.UniqueKey;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row images: a transaction's {@link Change}s as {@link LedgerChange}s, and their JSON text in the ledger's
 * {@code changes} column. Values are the generated columns' database values ({@code field.getConverter().to(..)}),
 * so the same images apply on PostgreSQL and SQLite; the JSON is typed back by the generated table, column by
 * column ({@code Long}, {@code Integer}, {@code Boolean}, {@code Double}, {@code String}, {@code byte[]} as base64).
 *
 * <p>Format: a JSON array, in execution order, of {@code {"t":table,"op":"upsert","row":{column:value,...}}},
 * {@code {"t":table,"op":"delete","key":{column:value,...}}} and {@code {"op":"migrate","version":n}}.
 *
 * <p>Control tables ({@code ct_<id>}) have no generated class, so their values describe themselves: a JSON integer
 * is a {@code Long}, any other number a {@code Double}, a string a {@code String}, {@code {"b64":"..."}} a
 * {@code byte[]}. Their schema changes are {@code {"op":"createTable","id":17,"fields":[["name","string"],...],
 * "key":["name"]}}, {@code {"op":"addFields","id":17,"fields":[...]}}, {@code {"op":"dropTable","id":17}} and
 * {@code {"op":"clearTable","id":17}}.
 */
public final class RowImages {
    private static final JsonFactory JSON = new JsonFactory();

    private RowImages() {
    }

    /**
     * The ledger changes of a transaction's row changes, in order: an upsert with every column for an insert or
     * update, a delete with the primary key for a delete; tables that are not replicated are left out.
     *
     * @throws IllegalArgumentException for a purge of a replicated table (its rows are not listed one by one, so a
     *         replica could not follow it), or a table {@link ReplicationPolicy} does not classify
     */
    public static List<LedgerChange> of(List<Change> changes) {
        List<LedgerChange> images = new ArrayList<>(changes.size());
        for (Change change : changes) {
            Table<?> table = change.table();
            if (change.operation() == Change.Operation.CONTROL) {
                images.add(change.image());
                continue;
            }
            if (!ReplicationPolicy.replicated(table)) {
                continue;
            }
            images.add(switch (change.operation()) {
                case INSERT, UPDATE -> new LedgerChange.Upsert(table.getName(), row(change.row()));
                case DELETE -> new LedgerChange.Delete(table.getName(), key(table, change.row()));
                case CONTROL -> throw new AssertionError("handled above");
                case PURGE -> throw new IllegalArgumentException("a purge of " + table.getName() + " deletes rows"
                        + " by condition, which a replica cannot follow; " + table.getName() + " is replicated, so"
                        + " delete its rows one by one through SqlSession.delete");
            });
        }
        return images;
    }

    /** Every column of {@code record}'s table, name to database value, in the table's column order. */
    public static Map<String, Object> row(Record record) {
        Field<?>[] fields = record.fields();
        Map<String, Object> row = new LinkedHashMap<>(fields.length * 2);
        for (int i = 0; i < fields.length; i++) {
            row.put(fields[i].getName(), databaseValue(fields[i], record.get(i)));
        }
        return Collections.unmodifiableMap(row);
    }

    /** The primary key columns of {@code record} (a record of {@code table}), name to database value. */
    private static Map<String, Object> key(Table<?> table, Record record) {
        UniqueKey<?> primary = table.getPrimaryKey();
        Map<String, Object> key = new LinkedHashMap<>();
        for (Field<?> field : primary.getFields()) {
            key.put(field.getName(), databaseValue(field, record.get(field)));
        }
        return Collections.unmodifiableMap(key);
    }

    @SuppressWarnings("unchecked")
    private static Object databaseValue(Field<?> field, Object value) {
        return ((Converter<Object, Object>) field.getConverter()).to(value);
    }

    /** The JSON text of {@code changes}, as the ledger's {@code changes} column holds it. */
    public static String encode(List<LedgerChange> changes) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (LedgerChange change : changes) {
                json.writeStartObject();
                switch (change) {
                    case LedgerChange.Upsert upsert -> {
                        json.writeStringField("t", upsert.table());
                        json.writeStringField("op", "upsert");
                        json.writeFieldName("row");
                        writeValues(json, upsert.table(), upsert.row());
                    }
                    case LedgerChange.Delete delete -> {
                        json.writeStringField("t", delete.table());
                        json.writeStringField("op", "delete");
                        json.writeFieldName("key");
                        writeValues(json, delete.table(), delete.key());
                    }
                    case LedgerChange.Migrate migrate -> {
                        json.writeStringField("op", "migrate");
                        json.writeNumberField("version", migrate.version());
                    }
                    case LedgerChange.ControlSchema schema -> writeSchema(json, schema);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return out.toString();
    }

    private static void writeSchema(JsonGenerator json, LedgerChange.ControlSchema schema) throws IOException {
        json.writeStringField("op", switch (schema.op()) {
            case CREATE_TABLE -> "createTable";
            case ADD_FIELDS -> "addFields";
            case DROP_TABLE -> "dropTable";
            case CLEAR_TABLE -> "clearTable";
        });
        json.writeNumberField("id", schema.tableId());
        if (schema.op() == LedgerChange.ControlSchema.Op.CREATE_TABLE
                || schema.op() == LedgerChange.ControlSchema.Op.ADD_FIELDS) {
            json.writeArrayFieldStart("fields");
            for (FieldDefinition f : schema.fields()) {
                json.writeStartArray();
                json.writeString(f.name());
                json.writeString(f.type().apiName());
                json.writeEndArray();
            }
            json.writeEndArray();
        }
        if (schema.op() == LedgerChange.ControlSchema.Op.CREATE_TABLE) {
            json.writeArrayFieldStart("key");
            for (String k : schema.keyFields()) {
                json.writeString(k);
            }
            json.writeEndArray();
        }
    }

    /**
     * A generated table's values, or a control table's: those hold only what the six field types hold, finite
     * numbers, and bytes marked so they read back as bytes.
     */
    private static void writeValues(JsonGenerator json, String table, Map<String, Object> values)
            throws IOException {
        boolean control = ReplicationPolicy.controlTableId(table) >= 0;
        json.writeStartObject();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            json.writeFieldName(e.getKey());
            Object value = e.getValue();
            switch (value) {
                case null -> json.writeNull();
                case String s -> json.writeString(s);
                case Long l -> json.writeNumber(l);
                case Integer i when !control -> json.writeNumber(i);
                case Boolean b when !control -> json.writeBoolean(b);
                // Jackson writes a fraction or exponent, so a whole double (2.0) reads back as a Double.
                case Double d when Double.isFinite(d) -> json.writeNumber(d);
                // JSON has no NaN or infinities: those travel as their Java names in a string.
                case Double d when !control -> json.writeString(d.toString());
                case byte[] bytes when control -> {
                    json.writeStartObject();
                    json.writeStringField("b64", Base64.getEncoder().encodeToString(bytes));
                    json.writeEndObject();
                }
                case byte[] bytes -> json.writeString(Base64.getEncoder().encodeToString(bytes));
                default -> throw new IllegalArgumentException(control
                        ? "control table " + table + " column " + e.getKey() + " holds " + value + " ("
                                + value.getClass().getName() + "); control rows hold Long, finite Double, String,"
                                + " byte[] or null"
                        : "column " + e.getKey() + " holds a " + value.getClass().getName() + ", which is not a"
                                + " database value of a generated column (Long, Integer, Boolean, Double, String,"
                                + " byte[])");
            }
        }
        json.writeEndObject();
    }

    /**
     * The changes in {@code json} (the ledger's {@code changes} column), each value typed by its generated column.
     *
     * @throws StorageException when the text is not a list of changes, or names a table that is not replicated, a
     *         column its table does not have, or a value of the wrong type; the message says which
     */
    public static List<LedgerChange> decode(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_ARRAY, "the changes");
            List<LedgerChange> changes = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(p, t, JsonToken.START_OBJECT, "change " + changes.size());
                changes.add(change(p, changes.size()));
            }
            if (p.nextToken() != null) {
                throw bad("text after the list of changes");
            }
            return changes;
        } catch (IOException e) {
            throw bad("not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static LedgerChange change(JsonParser p, int index) throws IOException {
        String table = null;
        String op = null;
        Integer version = null;
        Map<String, Object> values = null;
        String valuesName = null;
        Long id = null;
        List<FieldDefinition> fields = null;
        List<String> keyFields = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("key") && v == JsonToken.START_ARRAY) {
                keyFields = names(p, "change " + index + " key");
                continue;
            }
            switch (name) {
                case "t" -> table = text(p, v, "change " + index + " t");
                case "op" -> op = text(p, v, "change " + index + " op");
                case "version" -> {
                    expect(p, v, JsonToken.VALUE_NUMBER_INT, "change " + index + " version");
                    version = p.getIntValue();
                }
                case "id" -> {
                    expect(p, v, JsonToken.VALUE_NUMBER_INT, "change " + index + " id");
                    id = p.getLongValue();
                }
                case "fields" -> fields = fields(p, v, index);
                case "row", "key" -> {
                    if (table == null) {
                        throw bad("change " + index + " gives " + name + " before its table (t)");
                    }
                    valuesName = name;
                    values = ReplicationPolicy.controlTableId(table) >= 0 ? controlValues(p, v, table, index)
                            : values(p, v, replicatedTable(table, index), index);
                }
                default -> throw bad("change " + index + " has an unknown member \"" + name + "\"");
            }
        }
        if (op == null) {
            throw bad("change " + index + " has no op");
        }
        return switch (op) {
            case "upsert", "delete" -> {
                String member = op.equals("upsert") ? "row" : "key";
                if (values == null || !member.equals(valuesName)) {
                    throw bad("change " + index + " (" + op + " of " + table + ") has no " + member);
                }
                yield op.equals("upsert") ? new LedgerChange.Upsert(table, values)
                        : new LedgerChange.Delete(table, values);
            }
            case "migrate" -> {
                if (version == null) {
                    throw bad("change " + index + " (migrate) has no version");
                }
                yield new LedgerChange.Migrate(version);
            }
            case "createTable", "addFields", "dropTable", "clearTable" -> schema(op, id, fields, keyFields, index);
            default -> throw bad("change " + index + " has an unknown op \"" + op + "\"");
        };
    }

    private static LedgerChange.ControlSchema schema(String op, Long id, List<FieldDefinition> fields,
            List<String> keyFields, int index) {
        String what = "change " + index + " (" + op + ")";
        if (id == null || id < 0) {
            throw bad(what + " has no table id");
        }
        LedgerChange.ControlSchema.Op kind = switch (op) {
            case "createTable" -> LedgerChange.ControlSchema.Op.CREATE_TABLE;
            case "addFields" -> LedgerChange.ControlSchema.Op.ADD_FIELDS;
            case "dropTable" -> LedgerChange.ControlSchema.Op.DROP_TABLE;
            default -> LedgerChange.ControlSchema.Op.CLEAR_TABLE;
        };
        boolean takesFields = kind == LedgerChange.ControlSchema.Op.CREATE_TABLE
                || kind == LedgerChange.ControlSchema.Op.ADD_FIELDS;
        if (takesFields != (fields != null) || (fields != null && fields.isEmpty())) {
            throw bad(what + (takesFields ? " has no fields" : " has fields, which it does not take"));
        }
        boolean takesKey = kind == LedgerChange.ControlSchema.Op.CREATE_TABLE;
        if (takesKey != (keyFields != null) || (keyFields != null && keyFields.isEmpty())) {
            throw bad(what + (takesKey ? " has no key" : " has a key, which it does not take"));
        }
        if (keyFields != null) {
            for (String k : keyFields) {
                if (fields.stream().noneMatch(f -> f.name().equals(k))) {
                    throw bad(what + " has key field " + k + ", which is not one of its fields");
                }
            }
        }
        return new LedgerChange.ControlSchema(kind, id, fields == null ? List.of() : fields,
                keyFields == null ? List.of() : keyFields);
    }

    /** {@code [["name","type"],...]}: the fields of a control schema change. */
    private static List<FieldDefinition> fields(JsonParser p, JsonToken start, int index) throws IOException {
        String what = "change " + index + " fields";
        expect(p, start, JsonToken.START_ARRAY, what);
        List<FieldDefinition> fields = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(p, t, JsonToken.START_ARRAY, what);
            List<String> pair = names(p, what);
            if (pair.size() != 2) {
                throw bad(what + ": expected [name, type], found " + pair);
            }
            try {
                fields.add(new FieldDefinition(pair.get(0), FieldType.ofApiName(pair.get(1))));
            } catch (ControlException e) {
                throw bad(what + ": " + e.getMessage());
            }
        }
        return List.copyOf(fields);
    }

    /** The strings of the array whose start was just read. */
    private static List<String> names(JsonParser p, String what) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            names.add(text(p, t, what));
        }
        return List.copyOf(names);
    }

    /** A control table's values, typed by their JSON form (see the class comment). */
    private static Map<String, Object> controlValues(JsonParser p, JsonToken start, String table, int index)
            throws IOException {
        expect(p, start, JsonToken.START_OBJECT, "change " + index + " values");
        Map<String, Object> values = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String column = p.currentName();
            String what = "change " + index + " " + table + "." + column;
            JsonToken v = p.nextToken();
            Object value = switch (v) {
                case VALUE_NULL -> null;
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() != JsonParser.NumberType.INT
                            && p.getNumberType() != JsonParser.NumberType.LONG) {
                        throw bad(what + " holds " + p.getText() + ", which is outside a signed 64-bit integer");
                    }
                    yield p.getLongValue();
                }
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case START_OBJECT -> {
                    if (p.nextToken() != JsonToken.FIELD_NAME || !"b64".equals(p.currentName())) {
                        throw bad(what + " holds an object other than {\"b64\": ...}");
                    }
                    String b64 = text(p, p.nextToken(), what);
                    expect(p, p.nextToken(), JsonToken.END_OBJECT, what);
                    try {
                        yield Base64.getDecoder().decode(b64);
                    } catch (IllegalArgumentException e) {
                        throw bad(what + " is not base64 (" + e.getMessage() + ")");
                    }
                }
                default -> throw bad(what + " holds " + v + "; control rows hold numbers, strings, {\"b64\": ...}"
                        + " or null");
            };
            values.put(column, value);
        }
        return Collections.unmodifiableMap(values);
    }

    private static Table<?> replicatedTable(String name, int index) {
        Table<?> table;
        ReplicationPolicy.Kind kind;
        try {
            table = ReplicationPolicy.table(name);
            kind = ReplicationPolicy.of(table);
        } catch (IllegalArgumentException e) {
            throw bad("change " + index + " names table " + name + ", which this code does not know ("
                    + e.getMessage() + "); upgrade the reader to the center's version");
        }
        if (kind != ReplicationPolicy.Kind.REPLICATED) {
            throw bad("change " + index + " names table " + name + ", which is never replicated");
        }
        return table;
    }

    private static Map<String, Object> values(JsonParser p, JsonToken start, Table<?> table, int index)
            throws IOException {
        expect(p, start, JsonToken.START_OBJECT, "change " + index + " values");
        Map<String, Object> values = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String column = p.currentName();
            Field<?> field = table.field(column);
            if (field == null) {
                throw bad("change " + index + " names column " + table.getName() + "." + column + ", which this"
                        + " code does not know; upgrade the reader to the center's version");
            }
            values.put(column, value(p, p.nextToken(), field, table.getName() + "." + column));
        }
        return Collections.unmodifiableMap(values);
    }

    /** The JSON value at {@code token} as the database type of {@code field}. */
    private static Object value(JsonParser p, JsonToken token, Field<?> field, String column) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        Class<?> type = field.getConverter().fromType();
        if (type == String.class && token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (type == Long.class && token == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (type == Integer.class && token == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (type == Boolean.class && (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (type == Double.class && token.isNumeric()) {
            return p.getDoubleValue();
        }
        if (type == Double.class && token == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                }
            }
        }
        if (type == byte[].class && token == JsonToken.VALUE_STRING) {
            try {
                return Base64.getDecoder().decode(p.getText());
            } catch (IllegalArgumentException e) {
                throw bad(column + " is not base64 (" + e.getMessage() + ")");
            }
        }
        throw bad(column + " holds " + token + " where its column takes a " + type.getSimpleName());
    }

    private static String text(JsonParser p, JsonToken token, String what) throws IOException {
        expect(p, token, JsonToken.VALUE_STRING, what);
        return p.getText();
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw bad(what + ": expected " + expected + ", found " + actual);
        }
    }

    private static StorageException bad(String what) {
        return new StorageException("a ledger entry's changes cannot be read: " + what);
    }
}
