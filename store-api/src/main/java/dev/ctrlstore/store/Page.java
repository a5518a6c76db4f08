package dev.ctrlstore.store;

import dev.ctrlstore.store.internal.Checks;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param items the items, in the list's defined order; an unmodifiable copy
 * @param nextCursor present exactly when more items follow; pass it to {@link PageRequest#next(String)}
 * @param total the number of items that match the list's filters (all pages), counted in the same read as the page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, long total) {
    public Page {
        items = List.copyOf(Checks.notNull(items, "items"));
        nextCursor = nextCursor == null ? Optional.empty() : nextCursor;
        if (total < items.size()) {
            throw new InvalidArgumentException("total",
                    "total must count at least the page's items: got " + total + " for " + items.size() + " items");
        }
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }

    /** The request for the page after this one; only valid when {@link #hasNext()}. */
    public PageRequest nextRequest(int limit) {
        return new PageRequest(limit, nextCursor.orElseThrow(
                () -> new IllegalStateException("this is the last page; there is no next page")));
    }
}
