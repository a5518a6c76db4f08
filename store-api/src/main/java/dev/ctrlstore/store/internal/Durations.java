package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Durations are kept to microseconds, like instants, must not be negative, and must fit a signed 64-bit count of
 * microseconds (the SQL backends' columns), so they read back exactly instead of saturating. Not API.
 */
public final class Durations {
    /** Longest duration the API accepts: {@link Long#MAX_VALUE} microseconds, about 292,000 years. */
    public static final Duration MAX = Duration.of(Long.MAX_VALUE, ChronoUnit.MICROS);

    private Durations() {
    }

    /**
     * {@code d} truncated to microseconds.
     *
     * @throws InvalidArgumentException on {@code field} if {@code d} is null, negative or, truncated, over
     *     {@link #MAX}
     */
    public static Duration nonNegative(Duration d, String field) {
        Checks.notNull(d, field);
        if (d.isNegative()) {
            throw new InvalidArgumentException(field, field + " must not be negative, got " + d);
        }
        Duration micros = d.truncatedTo(ChronoUnit.MICROS);
        if (micros.compareTo(MAX) > 0) {
            throw new InvalidArgumentException(field, field + " must be at most " + MAX + " (Long.MAX_VALUE"
                    + " microseconds), got " + d);
        }
        return micros;
    }
}
