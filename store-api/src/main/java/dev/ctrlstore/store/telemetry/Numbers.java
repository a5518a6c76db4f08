package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;

import java.time.Instant;

/** Checks for the numeric components of telemetry records. */
final class Numbers {
    private Numbers() {
    }

    /** A required event time, truncated to microseconds, within years 1 to 9999 as every instant of the API. */
    static Instant eventTime(Instant t, String field) {
        return Times.required(t, field);
    }

    /**
     * A finite double; {@code -0.0} becomes {@code 0.0}, because a record compares doubles bit by bit and a SQL
     * column does not keep the sign of zero.
     */
    static double finite(double value, String field) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new InvalidArgumentException(field, field + " must be a finite number, got " + value);
        }
        return value + 0.0;
    }

    /** A finite double that is not negative; {@code -0.0} becomes {@code 0.0}. */
    static double finiteNonNegative(double value, String field) {
        double d = finite(value, field);
        if (d < 0) {
            throw new InvalidArgumentException(field, field + " must not be negative, got " + value);
        }
        return d;
    }
}
