package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Durations are kept to microseconds, like instants, and must not be negative. Not API. */
public final class Durations {
    private Durations() {
    }

    public static Duration nonNegative(Duration d, String field) {
        Checks.notNull(d, field);
        if (d.isNegative()) {
            throw new InvalidArgumentException(field, field + " must not be negative, got " + d);
        }
        return d.truncatedTo(ChronoUnit.MICROS);
    }
}
