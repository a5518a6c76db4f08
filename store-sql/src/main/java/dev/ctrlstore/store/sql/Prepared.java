package dev.ctrlstore.store.sql;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement of a hot path: built once from the generated classes with jOOQ's DSL, with {@link Param} placeholders
 * where the values go, and then run many times. It is rendered once per dialect ({@link PreparedJdbc}) and kept
 * prepared by the backend ({@link SqlDatabase#fetchFirst}, {@link SqlSession}), so a call costs binding the values,
 * the database's own work and the mapping of the row, not building, rendering and preparing the SQL again (measured
 * on SQLite: about 2.4x the cost of a point read).
 *
 * <p>Values are given by position, in the order of the {@code params} the statement was made with; that order is
 * checked (by the parameters' names, unique within a statement) against the order jOOQ binds them when the
 * statement is made. Each value is converted with its parameter's converter (typed ids, {@code Instant}s) as jOOQ
 * would.
 */
public final class Prepared {
    private final String name;
    private final Query query;
    private final List<Param<?>> params;
    private final List<Field<?>> fields;
    /**
     * Columns by field object. jOOQ's query may hold its own copies of the fields, so a field the mappers use is
     * matched by equality once and then remembered by identity (copied on write: after the first calls, a lookup is
     * one identity hash probe).
     */
    private volatile Map<Field<?>, Integer> columns = new IdentityHashMap<>();

    private Prepared(String name, Query query, List<Param<?>> params, List<Field<?>> fields) {
        this.name = name;
        this.query = query;
        this.params = params;
        this.fields = fields;
    }

    /**
     * A query whose rows are read by the fields it selects, which it names explicitly, e.g.
     * {@code DSL.select(INSTANCES.fields()).from(INSTANCES).where(...)} ({@code selectFrom} selects them implicitly).
     */
    public static Prepared query(String name, Select<?> query, Param<?>... params) {
        List<Field<?>> fields = new ArrayList<>();
        for (SelectFieldOrAsterisk item : query.$select()) {
            if (!(item instanceof Field<?> field)) {
                throw new IllegalArgumentException("prepared query " + name + " must name the fields it selects,"
                        + " got " + item);
            }
            fields.add(field);
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("prepared query " + name + " must name the fields it selects"
                    + " (select(TABLE.fields()), not selectFrom(TABLE))");
        }
        return new Prepared(name, query, checked(name, query, params), List.copyOf(fields));
    }

    /**
     * A read by key: every column of {@code table} from the rows where each of {@code key} equals its value, values
     * given in the order of {@code key} (parameters named after the columns), e.g.
     * {@code byKey("domains.byHostname", DOMAINS, DOMAINS.TENANT_ID, DOMAINS.HOSTNAME)}.
     */
    public static Prepared byKey(String name, Table<?> table, Field<?>... key) {
        List<Condition> where = new ArrayList<>();
        Param<?>[] params = new Param<?>[key.length];
        for (int i = 0; i < key.length; i++) {
            params[i] = param(key[i]);
            where.add(equal(key[i], params[i]));
        }
        return query(name, DSL.select(table.fields()).from(table).where(where), params);
    }

    private static <T> Param<T> param(Field<T> column) {
        return DSL.param(column.getName(), column);
    }

    @SuppressWarnings("unchecked")
    private static <T> Condition equal(Field<T> column, Param<?> value) {
        return column.eq((Param<T>) value);
    }

    /** A statement that returns no rows (insert, update, delete). */
    public static Prepared statement(String name, Query statement, Param<?>... params) {
        return new Prepared(name, statement, checked(name, statement, params), List.of());
    }

    private static List<Param<?>> checked(String name, Query query, Param<?>[] params) {
        // jOOQ lists the parameters in the order it binds them, by name (its copies, not these objects).
        List<String> inSql = new ArrayList<>();
        query.getParams().forEach((paramName, p) -> {
            if (!p.isInline()) { // an inlined constant (the 1 of SELECT 1) is SQL text, not a bind value
                inSql.add(paramName);
            }
        });
        List<String> given = new ArrayList<>();
        for (Param<?> p : params) {
            given.add(p.getParamName());
        }
        if (!inSql.equals(given) || query.getBindValues().size() != params.length) {
            throw new IllegalArgumentException("prepared statement " + name + ": its parameters must be named,"
                    + " each used once, and given in the order they appear in the SQL, " + inSql + "; got " + given);
        }
        return List.of(params);
    }

    /** Names the statement in messages. */
    public String name() {
        return name;
    }

    /** The jOOQ statement, for the backend to render in its dialect. */
    public Query query() {
        return query;
    }

    /** The placeholders, in the order values are bound. */
    public List<Param<?>> params() {
        return params;
    }

    /** The selected fields in column order; empty for a statement. */
    public List<Field<?>> fields() {
        return fields;
    }

    /**
     * The 1-based column of {@code field} in the result.
     *
     * @throws IllegalArgumentException if the query does not select it
     */
    public int column(Field<?> field) {
        Integer column = columns.get(field);
        return column != null ? column : learn(field);
    }

    private synchronized int learn(Field<?> field) {
        Integer known = columns.get(field);
        if (known != null) {
            return known;
        }
        int index = fields.indexOf(field);
        if (index < 0) {
            throw new IllegalArgumentException("prepared query " + name + " does not select " + field);
        }
        Map<Field<?>, Integer> more = new IdentityHashMap<>(columns);
        more.put(field, index + 1);
        columns = more;
        return index + 1;
    }

    @Override
    public String toString() {
        return name;
    }
}
