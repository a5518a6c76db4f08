package dev.ctrlstore.store;

import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;

import java.time.Instant;
import java.util.Optional;

/**
 * A window of history: rows whose time is within {@code [since, until]} (both inclusive, either side optional),
 * newest first, at most {@code limit} of them.
 *
 * @param since lower bound, inclusive; empty for none; kept to microseconds, within years 1 to 9999
 * @param until upper bound, inclusive; empty for none; kept to microseconds, within years 1 to 9999
 * @param limit the most rows to return, {@value PageRequest#MIN_LIMIT} to {@value PageRequest#MAX_LIMIT}
 */
public record TimeWindow(Optional<Instant> since, Optional<Instant> until, int limit) {
    public static final int DEFAULT_LIMIT = 100;

    /**
     * @throws InvalidArgumentException if {@code since} is after {@code until}, either is outside years 1 to 9999
     *     or the limit is out of range
     */
    public TimeWindow {
        since = Times.micros(since, "since");
        until = Times.micros(until, "until");
        Checks.range(limit, PageRequest.MIN_LIMIT, PageRequest.MAX_LIMIT, "limit");
        if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
            throw new InvalidArgumentException("since",
                    "since (" + since.get() + ") must not be after until (" + until.get() + ")");
        }
    }

    /** The newest {@value #DEFAULT_LIMIT} rows, unbounded in time. */
    public static TimeWindow latest() {
        return new TimeWindow(Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }

    /** The newest {@code limit} rows, unbounded in time. */
    public static TimeWindow latest(int limit) {
        return new TimeWindow(Optional.empty(), Optional.empty(), limit);
    }

    /** Rows within {@code [since, until]}, at most {@value #DEFAULT_LIMIT}. */
    public static TimeWindow between(Instant since, Instant until) {
        return new TimeWindow(Optional.of(since), Optional.of(until), DEFAULT_LIMIT);
    }

    /** This window with another limit. */
    public TimeWindow withLimit(int newLimit) {
        return new TimeWindow(since, until, newLimit);
    }

    /** Whether {@code t} lies within the bounds (the limit is not considered). */
    public boolean contains(Instant t) {
        return since.map(s -> !t.isBefore(s)).orElse(true) && until.map(u -> !t.isAfter(u)).orElse(true);
    }
}
