package dev.ctrlstore.server.executive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctrlstore.server.http.HttpError;
import dev.ctrlstore.server.http.Json;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.control.Mutation;
import dev.ctrlstore.store.control.MutationBatch;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.control.TableLimits;
import dev.ctrlstore.store.control.WriterLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ctlstore's JSON shapes, read from request bodies and written for responses. Reading checks the shape (types,
 * required members) and names the member that is wrong; what a value means (names, field types, sizes) is the
 * store's to check. Unknown members are ignored, as ctlstore's executive ignores them.
 */
final class ExecutiveJson {
    private ExecutiveJson() {
    }

    /** {@code {"fields":[["name","type"],...],"keyFields":["name",...]}} of one table. */
    static TableDefinition table(String family, String table, JsonNode body) {
        JsonNode obj = object(body, "the table definition");
        return new TableDefinition(family, table, fields(obj.get("fields")), keyFields(obj.get("keyFields")));
    }

    /** {@code {"fields":[["name","type"],...]}} to add to a table. */
    static List<FieldDefinition> addedFields(JsonNode body) {
        return fields(object(body, "the fields to add").get("fields"));
    }

    /** {@code [{"family","name","fields","keyFields"},...]} of {@code POST /tables}. */
    static List<TableDefinition> tables(JsonNode body) {
        if (!body.isArray()) {
            throw HttpError.badRequest("the request body must be a JSON array of tables, each {\"family\", \"name\","
                    + " \"fields\", \"keyFields\"}");
        }
        List<TableDefinition> tables = new ArrayList<>(body.size());
        int i = 0;
        for (JsonNode t : body) {
            String where = "table #" + i++;
            JsonNode obj = object(t, where);
            tables.add(new TableDefinition(text(obj, "family", where), text(obj, "name", where),
                    fields(obj.get("fields")), keyFields(obj.get("keyFields"))));
        }
        return tables;
    }

    private static List<FieldDefinition> fields(JsonNode fields) {
        if (fields == null || !fields.isArray()) {
            throw HttpError.badRequest("\"fields\" must be an array of [name, type] pairs, e.g. [[\"id\","
                    + " \"integer\"], [\"name\", \"string\"]]");
        }
        List<FieldDefinition> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            JsonNode pair = fields.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw HttpError.badRequest("Field #" + i + " is malformed: expected 2 elements, [name, type] as"
                        + " strings, got " + pair);
            }
            out.add(new FieldDefinition(pair.get(0).textValue(), FieldType.ofApiName(pair.get(1).textValue())));
        }
        return out;
    }

    private static List<String> keyFields(JsonNode keys) {
        if (keys == null || !keys.isArray()) {
            throw HttpError.badRequest("\"keyFields\" must be an array of field names, e.g. [\"id\"]");
        }
        List<String> out = new ArrayList<>(keys.size());
        for (JsonNode k : keys) {
            if (!k.isTextual()) {
                throw HttpError.badRequest("\"keyFields\" must hold field names as strings, got " + k);
            }
            out.add(k.textValue());
        }
        return out;
    }

    /** A table definition as {@code GET /schema/...} shows it. */
    static Map<String, Object> schema(TableDefinition t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("family", t.family());
        out.put("name", t.name());
        out.put("fields", t.fields().stream().map(f -> List.of(f.name(), f.type().apiName())).toList());
        out.put("keyFields", t.keyFields());
        return out;
    }

    /**
     * {@code {"cookie":"<base64>","check_cookie":"<base64>","mutations":[{"table","delete","values"}]}}. Values are
     * handed on exactly as parsed ({@link Json#toJava}), nested objects included, for the store to judge.
     */
    static MutationBatch mutations(String family, JsonNode body) {
        JsonNode obj = object(body, "the mutation request");
        JsonNode list = obj.get("mutations");
        if (list == null || !list.isArray()) {
            throw HttpError.badRequest("\"mutations\" must be an array of {\"table\", \"delete\", \"values\"}");
        }
        List<Mutation> mutations = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String where = "mutation #" + i;
            JsonNode m = object(list.get(i), where);
            JsonNode delete = m.get("delete");
            if (delete != null && !delete.isNull() && !delete.isBoolean()) {
                throw HttpError.badRequest(where + ": \"delete\" must be true or false, got " + delete);
            }
            JsonNode values = m.get("values");
            if (values != null && !values.isNull() && !values.isObject()) {
                throw HttpError.badRequest(where + ": \"values\" must be an object of field name to value, got "
                        + values.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            Map<String, Object> map = new LinkedHashMap<>();
            if (values != null) {
                values.properties().forEach(e -> map.put(e.getKey(), Json.toJava(e.getValue())));
            }
            mutations.add(new Mutation(text(m, "table", where), delete != null && delete.asBoolean(), map));
        }
        return new MutationBatch(family, bytes(obj, "cookie"), bytes(obj, "check_cookie"), mutations);
    }

    private static Optional<byte[]> bytes(JsonNode obj, String name) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw HttpError.badRequest("\"" + name + "\" must be base64 text, got " + v);
        }
        try {
            return Optional.of(Base64.getDecoder().decode(v.textValue()));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("\"" + name + "\" is not valid base64: " + e.getMessage());
        }
    }

    /** {@code {"max-size":N,"warn-size":N}}: [warn, max]. */
    static long[] tableLimit(JsonNode body) {
        JsonNode obj = object(body, "the table limit");
        return new long[] {integer(obj, "warn-size"), integer(obj, "max-size")};
    }

    static Map<String, Object> tableLimits(TableLimits limits) {
        List<Map<String, Object>> tables = limits.tables().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("max-size", t.maxSize());
            m.put("warn-size", t.warnSize());
            m.put("family", t.family());
            m.put("table", t.table());
            return m;
        }).toList();
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("max-size", limits.defaultMaxSize());
        global.put("warn-size", limits.defaultWarnSize());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("global", global);
        out.put("tables", tables);
        return out;
    }

    /** {@code {"amount":N,"period":"1m" | nanoseconds}}. */
    static WriterLimits.RateLimit writerLimit(JsonNode body) {
        JsonNode obj = object(body, "the writer limit");
        long amount = integer(obj, "amount");
        JsonNode period = obj.get("period");
        Duration d;
        if (period != null && period.isTextual()) {
            d = GoDuration.parse("\"period\"", period.textValue());
        } else if (period != null && period.isIntegralNumber() && period.canConvertToLong()) {
            d = Duration.ofNanos(period.longValue());
        } else {
            throw HttpError.badRequest("\"period\" must be a duration such as \"1m\" or an integer of nanoseconds,"
                    + " got " + period);
        }
        return new WriterLimits.RateLimit(amount, d);
    }

    static Map<String, Object> writerLimits(WriterLimits limits) {
        List<Map<String, Object>> writers = limits.writers().stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("writer", w.writer());
            m.put("rate-limit", rate(w.limit()));
            return m;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("global", rate(limits.defaultLimit()));
        out.put("writers", writers);
        return out;
    }

    private static Map<String, Object> rate(WriterLimits.RateLimit r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("amount", r.amount());
        m.put("period", r.period().toNanos());
        return m;
    }

    private static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw HttpError.badRequest(what + " must be a JSON object");
        }
        return node;
    }

    private static String text(JsonNode obj, String name, String where) {
        JsonNode v = obj.get(name);
        if (v == null || !v.isTextual()) {
            throw HttpError.badRequest(where + ": \"" + name + "\" must be a string, got " + v);
        }
        return v.textValue();
    }

    private static long integer(JsonNode obj, String name) {
        JsonNode v = obj.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw HttpError.badRequest("\"" + name + "\" must be an integer, got " + v);
        }
        return v.longValue();
    }
}
