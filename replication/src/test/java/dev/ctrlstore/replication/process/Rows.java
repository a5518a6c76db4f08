package dev.ctrlstore.replication.process;

import static dev.ctrlstore.store.jooq.Tables.CERTIFICATES;
import static dev.ctrlstore.store.jooq.Tables.DEPLOYMENTS;
import static dev.ctrlstore.store.jooq.Tables.DOMAINS;
import static dev.ctrlstore.store.jooq.Tables.HEALTH_CHECKS;
import static dev.ctrlstore.store.jooq.Tables.INSTANCES;
import static dev.ctrlstore.store.jooq.Tables.INSTANCE_LABELS;
import static dev.ctrlstore.store.jooq.Tables.RELEASES;
import static dev.ctrlstore.store.jooq.Tables.ROUTES;
import static dev.ctrlstore.store.jooq.Tables.TENANTS;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Every row of the replicated tables in a canonical text form — values as the generated columns' converters hand them
 * to the database, so a PostgreSQL center, an LDB and a model built from ledger entries compare equal exactly when
 * they hold the same data. Keyed by table, then by primary key.
 *
 * <p>The table list is written out here, from the replication rules, rather than taken from the code under test:
 * a table the code forgot to replicate shows up as a difference.
 */
record Rows(Map<String, SortedMap<String, String>> tables) {

    static final List<Table<?>> REPLICATED = List.of(TENANTS, INSTANCES, INSTANCE_LABELS, RELEASES, DEPLOYMENTS,
            HEALTH_CHECKS, DOMAINS, ROUTES, CERTIFICATES);

    Rows {
        Map<String, SortedMap<String, String>> copy = new LinkedHashMap<>();
        tables.forEach((name, rows) -> copy.put(name, new TreeMap<>(rows)));
        tables = copy;
    }

    /** Reads every replicated table through {@code ctx} (a center or an LDB; run it in one transaction). */
    static Rows read(DSLContext ctx) {
        Map<String, SortedMap<String, String>> tables = new LinkedHashMap<>();
        for (Table<?> table : REPLICATED) {
            SortedMap<String, String> rows = new TreeMap<>();
            for (Record record : ctx.selectFrom(table).fetch()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Field<?> field : table.fields()) {
                    values.put(field.getName(), databaseValue(field, record.get(field)));
                }
                rows.put(key(table, values), row(table, values));
            }
            tables.put(table.getName(), rows);
        }
        return new Rows(tables);
    }

    /** The value the column's converter hands to the database ({@code Converter.to}). */
    @SuppressWarnings("unchecked")
    static Object databaseValue(Field<?> field, Object userValue) {
        return ((Converter<Object, Object>) field.getConverter()).to(userValue);
    }

    /** The primary key of a row given as column name → database value, as text. */
    static String key(Table<?> table, Map<String, ?> values) {
        StringBuilder key = new StringBuilder();
        for (Field<?> field : Objects.requireNonNull(table.getPrimaryKey(), table.getName()).getFields()) {
            if (!values.containsKey(field.getName())) {
                throw new IllegalArgumentException("row of " + table.getName() + " lacks key column "
                        + field.getName() + ": " + values);
            }
            key.append(key.isEmpty() ? "" : "|").append(canonical(values.get(field.getName())));
        }
        return key.toString();
    }

    /** Every column of {@code table} in schema order, each as {@code name=value}; a missing column shows as such. */
    static String row(Table<?> table, Map<String, ?> values) {
        StringBuilder row = new StringBuilder();
        for (Field<?> field : table.fields()) {
            row.append(row.isEmpty() ? "" : ", ").append(field.getName()).append('=')
                    .append(values.containsKey(field.getName()) ? canonical(values.get(field.getName())) : "<missing>");
        }
        if (!values.keySet().stream().allMatch(name -> table.field(name) != null)) {
            row.append(", <unknown columns in ").append(values.keySet()).append('>');
        }
        return row.toString();
    }

    /**
     * One text per database value: numbers by value whatever their Java type (a JSON decoder may hand back a
     * {@code Long} where a column declares {@code Integer}), bytes as base64, text quoted.
     */
    static String canonical(Object value) {
        return switch (value) {
            case null -> "null";
            case byte[] bytes -> "b64:" + Base64.getEncoder().encodeToString(bytes);
            case Boolean b -> b.toString();
            case Double d when d == Math.rint(d) && Math.abs(d) < 0x1p53 -> Long.toString(d.longValue());
            case Float f when f == Math.rint(f) && Math.abs(f) < 0x1p24 -> Long.toString(f.longValue());
            case Double d -> "d:" + d;
            case Float f -> "d:" + f.doubleValue();
            case Number n -> n.toString();
            case String s -> '"' + s + '"';
            default -> value.getClass().getSimpleName() + ":" + value;
        };
    }

    int rowCount() {
        return tables.values().stream().mapToInt(Map::size).sum();
    }

    /** Row counts per table, e.g. {@code tenants=4, instances=57, …}. */
    String counts() {
        List<String> counts = new ArrayList<>();
        tables.forEach((name, rows) -> counts.add(name + "=" + rows.size()));
        return String.join(", ", counts);
    }

    /**
     * Where this ({@code mine}) and {@code other} ({@code theirs}) differ: up to 10 rows, each with both versions;
     * empty when they are equal.
     */
    String differences(Rows other, String mine, String theirs) {
        List<String> lines = new ArrayList<>();
        int total = 0;
        TreeSet<String> names = new TreeSet<>(tables.keySet());
        names.addAll(other.tables.keySet());
        for (String name : names) {
            SortedMap<String, String> a = tables.getOrDefault(name, new TreeMap<>());
            SortedMap<String, String> b = other.tables.getOrDefault(name, new TreeMap<>());
            TreeSet<String> keys = new TreeSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (String key : keys) {
                String left = a.get(key);
                String right = b.get(key);
                if (!Objects.equals(left, right)) {
                    total++;
                    if (lines.size() < 10) {
                        lines.add(name + " [" + key + "]\n      " + mine + ": " + (left == null ? "(absent)" : left)
                                + "\n      " + theirs + ": " + (right == null ? "(absent)" : right));
                    }
                }
            }
        }
        return total == 0 ? "" : total + " rows differ between " + mine + " and " + theirs + " (first "
                + lines.size() + "):\n  " + String.join("\n  ", lines);
    }
}
