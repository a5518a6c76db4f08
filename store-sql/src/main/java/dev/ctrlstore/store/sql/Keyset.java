package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.KeysetCursor;
import dev.ctrlstore.store.internal.Times;
import org.jooq.Condition;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * A paged list ordered by a sort key descending, then by id descending: the same order and cursor codec as the
 * memory store. Pages are found by seeking past the cursor's (key, id), so a page costs the same at any depth when
 * an index on (tenant_id, [filter,] key, id) serves the order; only a request that asks for the total also counts
 * the matches, which costs in proportion to them.
 *
 * <p>A page without total is one statement, so it runs as the reads by key do ({@link SqlDatabase#fetchAll}): a
 * {@link Prepared} query, built once per shape of the filter (which {@link Term}s it has, and whether a cursor is
 * given) and kept prepared by the backend, run on its own without a transaction, each row mapped once.
 */
final class Keyset<R extends Record, K, I> {
    private final Table<R> table;
    private final Field<K> key;
    private final ToLongFunction<K> keyToLong;
    private final LongFunction<K> keyFromLong;
    private final TableField<R, I> id;
    /** The page queries by shape: the filter's terms, then whether a cursor is given. */
    private final Map<List<Object>, Prepared> queries = new ConcurrentHashMap<>();

    Keyset(Table<R> table, Field<K> key, ToLongFunction<K> keyToLong, LongFunction<K> keyFromLong,
            TableField<R, I> id) {
        this.table = table;
        this.key = key;
        this.keyToLong = keyToLong;
        this.keyFromLong = keyFromLong;
        this.id = id;
    }

    /** A list ordered by a {@code ${ts}} column, newest first. */
    static <R extends Record, I> Keyset<R, Instant, I> byTime(Table<R> table, Field<Instant> key,
            TableField<R, I> id) {
        return new Keyset<>(table, key, Times::epochMicros, Times::ofEpochMicros, id);
    }

    /**
     * A condition a list filters by, written once with placeholders (one per value, typed as {@code types}) in
     * place of its values; a call gives the values ({@link Where#and}).
     */
    static final class Term {
        private final Field<?>[] types;
        private final Function<Field<?>[], Condition> condition;

        private Term(Function<Field<?>[], Condition> condition, Field<?>... types) {
            this.types = types;
            this.condition = condition;
        }

        /** {@code condition} of placeholders typed as {@code types}, in the order it uses them. */
        static Term of(Function<Field<?>[], Condition> condition, Field<?>... types) {
            return new Term(condition, types);
        }

        /** {@code column = value}. */
        @SuppressWarnings("unchecked")
        static <V> Term eq(Field<V> column) {
            return new Term(v -> column.eq((Field<V>) v[0]), column);
        }

        /** {@code column >= value}. */
        @SuppressWarnings("unchecked")
        static <V> Term ge(Field<V> column) {
            return new Term(v -> column.ge((Field<V>) v[0]), column);
        }

        /** {@code column <= value}. */
        @SuppressWarnings("unchecked")
        static <V> Term le(Field<V> column) {
            return new Term(v -> column.le((Field<V>) v[0]), column);
        }
    }

    /** One call's filter: terms and their values, all of which a row must match. */
    static final class Where {
        private final List<Object> shape = new ArrayList<>(4);
        private final List<Object> values = new ArrayList<>(8);
        private boolean none;

        /**
         * Adds {@code term} with its values. Text no row can hold ({@link Checks#isStorable}) matches nothing, so
         * the page is empty without any SQL: PostgreSQL refuses U+0000 in a bind value, and both drivers would
         * turn an unpaired surrogate into {@code ?} and match rows that hold one.
         */
        Where and(Term term, Object... values) {
            if (values.length != term.types.length) {
                throw new IllegalArgumentException("term takes " + term.types.length + " values, got "
                        + values.length);
            }
            for (Object value : values) {
                if (value instanceof String text && !Checks.isStorable(text)) {
                    none = true;
                }
                this.values.add(value);
            }
            shape.add(term);
            return this;
        }

        /** The condition with the values in place, for jOOQ. */
        private Condition condition() {
            List<Condition> conditions = new ArrayList<>(shape.size());
            int next = 0;
            for (Object t : shape) {
                Term term = (Term) t;
                Field<?>[] vals = new Field<?>[term.types.length];
                for (int i = 0; i < vals.length; i++) {
                    vals[i] = value(values.get(next++), term.types[i]);
                }
                conditions.add(term.condition.apply(vals));
            }
            return DSL.and(conditions);
        }

        @SuppressWarnings("unchecked")
        private static <V> Field<V> value(Object value, Field<V> type) {
            return DSL.val((V) value, type);
        }
    }

    /**
     * One page of the rows matching {@code where}, which selects exactly the items of {@code scope} (its cursors are
     * bound to it), and their count if the request asks for it (page and count then read one snapshot).
     */
    <T> Page<T> page(SqlDatabase db, Where where, PageRequest request, KeysetCursor.Scope scope,
            Function<Row, T> mapper) {
        KeysetCursor after = request.cursor() == null ? null : KeysetCursor.decode(request.cursor(), scope);
        if (where.none) {
            return new Page<>(List.of(), Optional.empty(),
                    request.countTotal() ? OptionalLong.of(0) : OptionalLong.empty());
        }
        int limit = request.limit();
        // The key and id of the page's last row (the limit-th), read while mapping: the next page's cursor.
        var last = new Object() {
            int rows;
            String cursor;
        };
        Function<Row, T> mapping = row -> {
            if (++last.rows == limit) {
                last.cursor = new KeysetCursor(keyToLong.applyAsLong(row.get(key)), idText(row.get(id))).encode(scope);
            }
            return mapper.apply(row);
        };
        List<T> rows;
        OptionalLong total = OptionalLong.empty();
        if (request.countTotal()) {
            Condition condition = where.condition();
            long[] count = new long[1];
            rows = db.read(ctx -> {
                count[0] = ctx.fetchCount(table, condition);
                var ordered = ctx.selectFrom(table).where(condition).orderBy(key.desc(), id.desc());
                var limited = after == null ? ordered.limit(limit + 1)
                        : ordered.seek(keyFromLong.apply(after.key()), parseId(after.id(), scope)).limit(limit + 1);
                return limited.fetch(r -> mapping.apply(Row.of(r)));
            });
            total = OptionalLong.of(count[0]);
        } else {
            List<Object> shape = new ArrayList<>(where.shape.size() + 1);
            shape.addAll(where.shape);
            shape.add(after != null);
            Prepared query = queries.computeIfAbsent(shape, s -> query(where.shape, after != null));
            List<Object> values = new ArrayList<>(where.values.size() + 3);
            values.addAll(where.values);
            if (after != null) {
                values.add(keyFromLong.apply(after.key()));
                values.add(parseId(after.id(), scope));
            }
            values.add(limit + 1);
            rows = db.fetchAll(query, mapping, values.toArray());
        }
        Optional<String> next = Optional.empty();
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = Optional.of(last.cursor);
        }
        return new Page<>(rows, next, total);
    }

    /** The page query of a shape: the terms' conditions, the seek past the cursor if any, and the limit. */
    private Prepared query(List<Object> terms, boolean seek) {
        List<Param<?>> params = new ArrayList<>();
        List<Condition> where = new ArrayList<>();
        for (Object t : terms) {
            Term term = (Term) t;
            Field<?>[] placeholders = new Field<?>[term.types.length];
            for (int i = 0; i < placeholders.length; i++) {
                Param<?> p = param("p" + (params.size() + 1), term.types[i]);
                params.add(p);
                placeholders[i] = p;
            }
            where.add(term.condition.apply(placeholders));
        }
        if (seek) {
            Param<K> afterKey = param("after_key", key);
            Param<I> afterId = param("after_id", id);
            params.add(afterKey);
            params.add(afterId);
            // The row comparison jOOQ's seek() renders, which the (tenant, [filter,] key, id) indexes serve.
            where.add(DSL.row(key, id).lt(afterKey, afterId));
        }
        Param<Integer> rows = DSL.param("limit", Integer.class);
        params.add(rows);
        String name = table.getName() + ".page" + (seek ? "After" : "") + "#" + queries.size();
        return Prepared.query(name, DSL.select(table.fields()).from(table).where(where)
                .orderBy(key.desc(), id.desc()).limit(rows), params.toArray(Param<?>[]::new));
    }

    private static <V> Param<V> param(String name, Field<V> type) {
        return DSL.param(name, type);
    }

    @SuppressWarnings("unchecked")
    private I parseId(String text, KeysetCursor.Scope scope) {
        try {
            return ((Converter<String, I>) id.getConverter()).from(text);
        } catch (RuntimeException e) {
            throw new InvalidArgumentException("cursor", "cursor is not one this store issued for " + scope.list()
                    + " (its id \"" + text + "\" is not valid); start again without a cursor");
        }
    }

    @SuppressWarnings("unchecked")
    private String idText(I value) {
        return ((Converter<String, I>) id.getConverter()).to(value);
    }
}
