package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.internal.KeysetCursor;
import dev.ctrlstore.store.internal.Times;
import org.jooq.Condition;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * A paged list ordered by a sort key descending, then by id descending: the same order and cursor codec as the
 * memory store. Pages are found by seeking past the cursor's (key, id), so a page costs the same at any depth when
 * an index on (tenant_id, [filter,] key, id) serves the order; only a request that asks for the total also counts
 * the matches, which costs in proportion to them.
 */
record Keyset<R extends Record, K, I>(Table<R> table, Field<K> key, ToLongFunction<K> keyToLong,
        LongFunction<K> keyFromLong, TableField<R, I> id) {

    /** A list ordered by a {@code ${ts}} column, newest first. */
    static <R extends Record, I> Keyset<R, Instant, I> byTime(Table<R> table, Field<Instant> key,
            TableField<R, I> id) {
        return new Keyset<>(table, key, Times::epochMicros, Times::ofEpochMicros, id);
    }

    /**
     * One page of the rows matching {@code where}, which selects exactly the items of {@code scope} (its cursors are
     * bound to it), and their count if the request asks for it. Call inside one read.
     */
    <T> Page<T> page(DSLContext ctx, Condition where, PageRequest request, KeysetCursor.Scope scope,
            Function<R, T> mapper) {
        KeysetCursor after = request.cursor() == null ? null : KeysetCursor.decode(request.cursor(), scope);
        OptionalLong total = request.countTotal() ? OptionalLong.of(ctx.fetchCount(table, where))
                : OptionalLong.empty();
        var ordered = ctx.selectFrom(table).where(where).orderBy(key.desc(), id.desc());
        List<R> rows;
        if (after == null) {
            rows = ordered.limit(request.limit() + 1).fetch();
        } else {
            rows = ordered.seek(keyFromLong.apply(after.key()), parseId(after.id(), scope))
                    .limit(request.limit() + 1).fetch();
        }
        Optional<String> next = Optional.empty();
        if (rows.size() > request.limit()) {
            rows = rows.subList(0, request.limit());
            R last = rows.get(rows.size() - 1);
            next = Optional.of(new KeysetCursor(keyToLong.applyAsLong(last.get(key)), idText(last.get(id)))
                    .encode(scope));
        }
        return new Page<>(rows.stream().map(mapper).toList(), next, total);
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
