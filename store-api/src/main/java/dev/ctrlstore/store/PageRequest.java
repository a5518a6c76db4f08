package dev.ctrlstore.store;

import dev.ctrlstore.store.internal.Checks;

/**
 * Which page of a list to return: at most {@code limit} items after the position {@code cursor} marks, and whether
 * to count every match as well.
 *
 * <p>Lists page by keyset: the cursor is an opaque token taken from {@link Page#nextCursor()} of the previous page;
 * page 1,000 costs what page 1 costs, and a walk sees every item that existed when it began exactly once, even while
 * items are inserted. A cursor continues only the walk that issued it: the same list, the same tenant and the same
 * filter (or query); the limit and {@link #withTotal()} may change from page to page. Any other cursor, or one that
 * was cut short or changed, is rejected with an {@link InvalidArgumentException} on field {@code cursor}.
 *
 * <p>Counting is opt-in because it costs what the page does not: a page reads {@code limit} items whatever the depth,
 * while a count reads every match (on 100,000 matches, ~9 ms against 0.04 ms for the page on PostgreSQL). Ask for it
 * with {@link #withTotal()}, e.g. {@code PageRequest.first(50).withTotal()}, when a caller shows "n of N"; a walk
 * that only follows {@link Page#nextCursor()} needs none.
 *
 * @param limit number of items per page, {@value #MIN_LIMIT} to {@value #MAX_LIMIT}
 * @param cursor null for the first page, else a {@link Page#nextCursor()} value, unchanged
 * @param countTotal whether the page carries {@link Page#total()}, the count of every match
 */
public record PageRequest(int limit, String cursor, boolean countTotal) {
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

    /**
     * A request that does not count the matches.
     *
     * @throws InvalidArgumentException if the limit is out of range or the cursor is blank
     */
    public PageRequest(int limit, String cursor) {
        this(limit, cursor, false);
    }

    /** The first page with the default limit ({@value #DEFAULT_LIMIT}), without a total. */
    public static PageRequest first() {
        return new PageRequest(DEFAULT_LIMIT, null);
    }

    /** The first page with the given limit, without a total. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /** This request, also asking for {@link Page#total()}: the count of every match, on every page it is used for. */
    public PageRequest withTotal() {
        return new PageRequest(limit, cursor, true);
    }

    /**
     * The page after the position {@code cursor} marks, with the same limit as this request, and a total when this
     * request asks for one.
     */
    public PageRequest next(String cursor) {
        return new PageRequest(limit, Checks.notNull(cursor, "cursor"), countTotal);
    }
}
