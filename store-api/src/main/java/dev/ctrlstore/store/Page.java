package dev.ctrlstore.store;

import dev.ctrlstore.store.internal.Checks;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of a list.
 *
 * @param items the items, in the list's defined order; an unmodifiable copy
 * @param nextCursor present exactly when more items follow; pass it to {@link PageRequest#next(String)}
 * @param total present exactly when the request asked for it ({@link PageRequest#withTotal()}): the number of items
 *        that match the list's filters (all pages), counted in the same read as the page; empty otherwise, and then
 *        no count ran
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, OptionalLong total) {
    public Page {
        items = List.copyOf(Checks.notNull(items, "items"));
        nextCursor = nextCursor == null ? Optional.empty() : nextCursor;
        total = total == null ? OptionalLong.empty() : total;
        if (total.isPresent() && total.getAsLong() < items.size()) {
            throw new InvalidArgumentException("total", "total must count at least the page's items: got "
                    + total.getAsLong() + " for " + items.size() + " items");
        }
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }

    /**
     * The request for the page after this one, with {@code limit} items, asking for a total when this page carries
     * one; only valid when {@link #hasNext()}.
     */
    public PageRequest nextRequest(int limit) {
        return new PageRequest(limit, nextCursor.orElseThrow(
                () -> new IllegalStateException("this is the last page; there is no next page")), total.isPresent());
    }
}
