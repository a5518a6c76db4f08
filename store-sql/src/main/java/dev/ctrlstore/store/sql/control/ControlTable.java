package dev.ctrlstore.store.sql.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.jooq.tables.records.ControlTablesRecord;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A control table as the registry ({@code control_tables}) holds it: its surrogate id, its definition and the
 * version of its fields. Its rows live in physical table {@link #physicalName() ct_<id>}. The center and every
 * replica's reader build it from the same registry row.
 *
 * @param id the surrogate id, assigned by the center, never reused
 * @param definition family, name, fields in column order, key in key order
 * @param version 1 at creation, one more for every change of its fields
 */
public record ControlTable(long id, TableDefinition definition, int version) {
    private static final JsonFactory JSON = new JsonFactory();

    public ControlTable {
        if (id < 0) {
            throw new IllegalArgumentException("a control table id is not negative, got " + id);
        }
        Objects.requireNonNull(definition, "definition");
        if (version < 1) {
            throw new IllegalArgumentException("a control table version starts at 1, got " + version);
        }
    }

    /** The physical table of its rows, {@code ct_<id>}. */
    public String physicalName() {
        return physicalName(id);
    }

    /** The physical table of control table {@code id}. */
    public static String physicalName(long id) {
        return "ct_" + id;
    }

    /** {@code family.table}, for messages. */
    public String qualifiedName() {
        return definition.family() + "." + definition.name();
    }

    /** The field named {@code name} (as stored: lower-case), or null. */
    public FieldDefinition field(String name) {
        return definition.field(name).orElse(null);
    }

    /**
     * The table a registry row describes.
     *
     * @throws StorageException when the row's JSON is not a valid definition (the registry is damaged)
     */
    public static ControlTable of(ControlTablesRecord row) {
        return parse(row.getId(), row.getFamily(), row.getName(), row.getFields(), row.getKeyFields(),
                row.getVersion());
    }

    /**
     * The table described by the columns of a registry row, for readers without the generated classes.
     *
     * @param fields the {@code fields} column: {@code [["name","type"],...]}
     * @param keyFields the {@code key_fields} column: {@code ["name",...]}
     * @throws StorageException when the JSON is not a valid definition (the registry is damaged)
     */
    public static ControlTable parse(long id, String family, String name, String fields, String keyFields,
            int version) {
        try {
            List<FieldDefinition> definitions = new ArrayList<>();
            for (List<String> pair : strings(fields, 2)) {
                if (pair.size() != 2) {
                    throw new IOException("expected [name, type], found " + pair);
                }
                definitions.add(new FieldDefinition(pair.get(0), FieldType.ofApiName(pair.get(1))));
            }
            List<String> key = strings(keyFields, 1).get(0);
            return new ControlTable(id, new TableDefinition(family, name, definitions, key), version);
        } catch (IOException | ControlException | IllegalArgumentException e) {
            throw new StorageException("control table " + family + "." + name + " (id " + id + ") has a damaged"
                    + " registry row (fields " + fields + ", key_fields " + keyFields + "): " + e.getMessage());
        }
    }

    /** The {@code fields} column of the registry row: {@code [["name","type"],...]}. */
    public static String fieldsJson(List<FieldDefinition> fields) {
        return json(g -> {
            g.writeStartArray();
            for (FieldDefinition f : fields) {
                g.writeStartArray();
                g.writeString(f.name());
                g.writeString(f.type().apiName());
                g.writeEndArray();
            }
            g.writeEndArray();
        });
    }

    /** The {@code key_fields} column of the registry row: {@code ["name",...]}. */
    public static String keyFieldsJson(List<String> keyFields) {
        return json(g -> {
            g.writeStartArray();
            for (String k : keyFields) {
                g.writeString(k);
            }
            g.writeEndArray();
        });
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(Writer writer) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return out.toString();
    }

    /**
     * Depth 1: {@code ["a","b"]} as one list; depth 2: {@code [["a","b"],...]} as a list of lists.
     */
    private static List<List<String>> strings(String text, int depth) throws IOException {
        if (text == null) {
            throw new IOException("the column is null");
        }
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a JSON array");
            }
            List<List<String>> lists = new ArrayList<>();
            if (depth == 1) {
                lists.add(array(p));
            } else {
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new IOException("expected an array, found " + t);
                    }
                    lists.add(array(p));
                }
            }
            if (p.nextToken() != null) {
                throw new IOException("text after the array");
            }
            return lists;
        }
    }

    private static List<String> array(JsonParser p) throws IOException {
        List<String> values = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_STRING) {
                throw new IOException("expected a string, found " + t);
            }
            values.add(p.getText());
        }
        return values;
    }
}
