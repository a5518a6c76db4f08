package dev.ctrlstore.store.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Every instant in the API is kept to microseconds, the precision all backends can store (PostgreSQL TIMESTAMPTZ),
 * so a value reads back exactly as it was written on every backend. Not API.
 */
public final class Times {
    private Times() {
    }

    public static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    public static Optional<Instant> micros(Optional<Instant> t) {
        return t == null ? Optional.empty() : t.map(Times::micros);
    }

    /** Microseconds since the epoch; the sort key stores and cursors use. */
    public static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    public static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
