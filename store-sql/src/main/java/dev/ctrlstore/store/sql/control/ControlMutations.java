package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlException.Reason;
import dev.ctrlstore.store.control.ControlNames;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.Mutation;
import dev.ctrlstore.store.control.MutationBatch;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.SqlSession;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A writer's mutation request, in this order: its shape (1 to 100 mutations, cookies of at most 1024 bytes), the
 * writer's secret, then in one transaction: every table resolved and every value checked against its field's type,
 * the tables' size limits, the writer's rate limit, the cookie compare-and-set, and only then the rows. Anything
 * refused rolls the whole request back; the rows, the registry they were checked against and the ledger entry
 * commit together, so a replica applies all of the request or none of it.
 */
final class ControlMutations {
    /** Most mutations in one request (ctlstore's limit). */
    static final int MAX_MUTATIONS = 100;

    private final SqlDatabase db;
    private final SqlControlSchema schema;
    private final ControlWriters writers;
    private final ControlLimits limits;

    ControlMutations(SqlDatabase db, SqlControlSchema schema, ControlWriters writers, ControlLimits limits) {
        this.db = db;
        this.schema = schema;
        this.writers = writers;
        this.limits = limits;
    }

    /** One row change, checked and converted. */
    private record Row(ControlTable table, boolean delete, Map<String, Object> values) {
    }

    long mutate(WriterCredentials credentials, MutationBatch batch) {
        if (batch == null || batch.mutations() == null || batch.mutations().isEmpty()) {
            throw new ControlException(Reason.INVALID, "a mutation request needs at least one mutation; to store"
                    + " only a cookie, set the cookie", null, null);
        }
        if (batch.mutations().size() > MAX_MUTATIONS) {
            throw new ControlException(Reason.TOO_LARGE, "a mutation request takes at most " + MAX_MUTATIONS
                    + " mutations, got " + batch.mutations().size() + "; split it into several requests", null, null);
        }
        Optional<byte[]> cookie = batch.cookie() == null ? Optional.empty() : batch.cookie();
        Optional<byte[]> check = batch.checkCookie() == null ? Optional.empty() : batch.checkCookie();
        cookie.ifPresent(c -> ControlWriters.checkCookie(c, "cookie"));
        check.ifPresent(c -> ControlWriters.checkCookie(c, "check_cookie"));
        String family = ControlNames.family(batch.family());
        ControlWriters.Writer writer = writers.authenticate(credentials);
        db.transact("control().mutate", tx -> {
            List<Row> rows = rows(tx, family, batch.mutations());
            for (Row r : rows) {
                limits.checkSize(r.table().id(), r.table().qualifiedName());
            }
            limits.charge(tx, writer.name(), rows.size());
            writers.storeCookie(tx, writer, cookie, check);
            for (Row r : rows) {
                if (r.delete()) {
                    tx.deleteControlRow(r.table(), r.values());
                } else {
                    tx.upsertControlRow(r.table(), r.values());
                }
            }
            return null;
        });
        long seq = db.ledgerPosition();
        limits.pruneUsage();
        return seq;
    }

    /** Every mutation resolved and checked, before anything is written. */
    private List<Row> rows(SqlSession tx, String family, List<Mutation> mutations) {
        Map<String, ControlTable> tables = new HashMap<>();
        List<Row> rows = new ArrayList<>(mutations.size());
        for (int i = 0; i < mutations.size(); i++) {
            Mutation m = mutations.get(i);
            if (m == null) {
                throw new ControlException(Reason.INVALID, "mutation #" + (i + 1) + " is empty", null, null);
            }
            String name = ControlNames.table(m.table());
            ControlTable table = tables.computeIfAbsent(name, t -> schema.resolve(tx, family, t));
            rows.add(row(family, i + 1, table, m));
        }
        return rows;
    }

    private static Row row(String family, int number, ControlTable table, Mutation m) {
        TableDefinition def = table.definition();
        String where = "mutation #" + number + " of " + family + "." + def.name();
        Map<String, Object> values = lowerCased(where, m.values());
        Map<String, FieldDefinition> fields = new LinkedHashMap<>();
        def.fields().forEach(f -> fields.put(f.name(), f));
        Map<String, Object> converted = new LinkedHashMap<>();
        if (m.delete()) {
            for (String key : def.keyFields()) {
                converted.put(key, value(where, fields.get(key), values, true));
            }
            return new Row(table, true, converted);
        }
        for (String field : values.keySet()) {
            if (!fields.containsKey(field)) {
                throw new ControlException(Reason.INVALID, where + ": the table has no field " + field + "; its"
                        + " fields are " + fields.keySet(), ResourceKind.CONTROL_TABLE, family + "." + def.name());
            }
        }
        for (FieldDefinition f : def.fields()) {
            converted.put(f.name(), value(where, f, values, def.keyFields().contains(f.name())));
        }
        return new Row(table, false, converted);
    }

    private static Object value(String where, FieldDefinition field, Map<String, Object> values, boolean key) {
        String at = where + " field " + field.name();
        if (!values.containsKey(field.name())) {
            throw ControlValues.invalid(at, "missing; " + (key ? "every key field needs a value"
                    : "an upsert sets every field (send null for none)"));
        }
        Object value = ControlValues.convert(at, field.type(), values.get(field.name()));
        if (value == null && key) {
            throw ControlValues.invalid(at, "is null, but it is a key field");
        }
        return value;
    }

    /** The values by lower-cased field name (names are lower-cased like every other). */
    private static Map<String, Object> lowerCased(String where, Map<String, Object> values) {
        Map<String, Object> lower = new LinkedHashMap<>();
        if (values == null) {
            return lower;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String name = e.getKey() == null ? "" : e.getKey().toLowerCase(Locale.ROOT);
            if (lower.containsKey(name)) {
                throw ControlValues.invalid(where, "field " + name + " is given twice (names are case-insensitive)");
            }
            lower.put(name, e.getValue());
        }
        return lower;
    }
}
