package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.internal.KeysetCursor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Keyset paging over items held in memory, ordered by a long key descending and then by id descending: the same
 * order and the same cursor codec the SQL backends use, so a cursor is accepted or rejected alike everywhere.
 */
final class MemoryPaging {
    private MemoryPaging() {
    }

    /** One page of {@code matches}, which hold every item of {@code scope} (the tenant's items that match). */
    static <T> Page<T> page(List<T> matches, PageRequest request, KeysetCursor.Scope scope, ToLongFunction<T> key,
            Function<T, String> id) {
        KeysetCursor after = request.cursor() == null ? null : KeysetCursor.decode(request.cursor(), scope);
        Comparator<T> order = Comparator.comparingLong(key).thenComparing(id).reversed();
        List<T> sorted = new ArrayList<>(matches);
        sorted.sort(order);
        int start = 0;
        if (after != null) {
            while (start < sorted.size() && !isAfter(sorted.get(start), after, key, id)) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + request.limit());
        List<T> items = sorted.subList(start, end);
        Optional<String> next = Optional.empty();
        if (end < sorted.size()) {
            T last = items.get(items.size() - 1);
            next = Optional.of(new KeysetCursor(key.applyAsLong(last), id.apply(last)).encode(scope));
        }
        return new Page<>(items, next, request.countTotal() ? OptionalLong.of(sorted.size()) : OptionalLong.empty());
    }

    /** Whether {@code item} comes after the cursor's position in (key desc, id desc) order. */
    private static <T> boolean isAfter(T item, KeysetCursor after, ToLongFunction<T> key, Function<T, String> id) {
        long k = key.applyAsLong(item);
        return k < after.key() || (k == after.key() && id.apply(item).compareTo(after.id()) < 0);
    }
}
