package dev.ctrlstore.store;

import dev.ctrlstore.store.internal.Checks;

/**
 * Which page of a list to return: at most {@code limit} items after the position {@code cursor} marks.
 *
 * <p>Lists page by keyset: the cursor is an opaque token taken from {@link Page#nextCursor()} of the previous page;
 * page 1,000 costs what page 1 costs, and a walk sees every item that existed when it began exactly once, even while
 * items are inserted. A cursor is only valid for the kind of list that produced it.
 *
 * @param limit number of items per page, {@value #MIN_LIMIT} to {@value #MAX_LIMIT}
 * @param cursor null for the first page, else a {@link Page#nextCursor()} value, unchanged
 */
public record PageRequest(int limit, String cursor) {
    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 50;

    /**
     * @throws InvalidArgumentException if the limit is out of range or the cursor is blank
     */
    public PageRequest {
        Checks.range(limit, MIN_LIMIT, MAX_LIMIT, "limit");
        if (cursor != null && cursor.isBlank()) {
            throw new InvalidArgumentException("cursor",
                    "cursor must be null (first page) or a nextCursor from a previous page, got a blank string");
        }
    }

    /** The first page with the default limit ({@value #DEFAULT_LIMIT}). */
    public static PageRequest first() {
        return new PageRequest(DEFAULT_LIMIT, null);
    }

    /** The first page with the given limit. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /** The page after the position {@code cursor} marks, with the same limit as this request. */
    public PageRequest next(String cursor) {
        return new PageRequest(limit, Checks.notNull(cursor, "cursor"));
    }
}
