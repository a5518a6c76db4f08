package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.internal.KeysetCursor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Keyset paging over items held in memory, ordered by a long key descending and then by id descending: the same
 * order and cursor format the SQL backends use.
 */
final class MemoryPaging {
    private MemoryPaging() {
    }

    static <T> Page<T> page(List<T> matches, PageRequest request, String list, ToLongFunction<T> key,
            Function<T, String> id) {
        Comparator<T> order = Comparator.comparingLong(key).thenComparing(id).reversed();
        List<T> sorted = new ArrayList<>(matches);
        sorted.sort(order);
        int start = 0;
        if (request.cursor() != null) {
            KeysetCursor after = KeysetCursor.decode(request.cursor(), list);
            while (start < sorted.size() && !isAfter(sorted.get(start), after, key, id)) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + request.limit());
        List<T> items = sorted.subList(start, end);
        Optional<String> next = Optional.empty();
        if (end < sorted.size()) {
            T last = items.get(items.size() - 1);
            next = Optional.of(new KeysetCursor(list, key.applyAsLong(last), id.apply(last)).encode());
        }
        return new Page<>(items, next, sorted.size());
    }

    /** Whether {@code item} comes after the cursor's position in (key desc, id desc) order. */
    private static <T> boolean isAfter(T item, KeysetCursor after, ToLongFunction<T> key, Function<T, String> id) {
        long k = key.applyAsLong(item);
        return k < after.key() || (k == after.key() && id.apply(item).compareTo(after.id()) < 0);
    }
}
