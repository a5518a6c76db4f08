package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Every instant in the API is kept to microseconds, the precision all backends can store (PostgreSQL TIMESTAMPTZ),
 * and within years 1 to 9999, the range both SQL column types hold exactly, so a value reads back exactly as it was
 * written on every backend. Not API.
 */
public final class Times {
    /** Earliest instant the API accepts: 0001-01-01T00:00:00Z. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest instant the API accepts: 9999-12-31T23:59:59.999999Z. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Times() {
    }

    /** {@code t} truncated to microseconds, unchecked: for a store's own clock, whose values records then check. */
    public static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    public static Optional<Instant> micros(Optional<Instant> t) {
        return t == null ? Optional.empty() : t.map(Times::micros);
    }

    /**
     * {@code t} truncated to microseconds; null stays null.
     *
     * @throws InvalidArgumentException on {@code field} if the truncated value is outside {@link #MIN} to
     *     {@link #MAX}
     */
    public static Instant micros(Instant t, String field) {
        if (t == null) {
            return null;
        }
        Instant micros = t.truncatedTo(ChronoUnit.MICROS);
        if (micros.isBefore(MIN) || micros.isAfter(MAX)) {
            throw new InvalidArgumentException(field, field + " must be between " + MIN + " and " + MAX
                    + " (years 1 to 9999, which every backend stores exactly), got " + t);
        }
        return micros;
    }

    /** As {@link #micros(Instant, String)} for an optional instant; null becomes empty. */
    public static Optional<Instant> micros(Optional<Instant> t, String field) {
        return t == null ? Optional.empty() : t.map(v -> micros(v, field));
    }

    /** As {@link #micros(Instant, String)} for a required instant: null fails on {@code field} too. */
    public static Instant required(Instant t, String field) {
        return micros(Checks.notNull(t, field), field);
    }

    /** Microseconds since the epoch; the sort key stores and cursors use. */
    public static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    public static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
