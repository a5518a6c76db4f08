package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;

import java.time.Instant;

/** Checks for the numeric components of telemetry records. */
final class Numbers {
    /** Earliest event time a record accepts: 0001-01-01T00:00:00Z. */
    static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest event time a record accepts: 9999-12-31T23:59:59.999999Z. */
    static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Numbers() {
    }

    /**
     * A required event time, truncated to microseconds, within years 1 to 9999: the range every backend's timestamp
     * column holds, so a garbage agent clock fails here instead of in a driver.
     */
    static Instant eventTime(Instant t, String field) {
        Checks.notNull(t, field);
        Instant micros = Times.micros(t);
        if (micros.isBefore(MIN_TIME) || micros.isAfter(MAX_TIME)) {
            throw new InvalidArgumentException(field, field + " must be between " + MIN_TIME + " and " + MAX_TIME
                    + ", got " + t);
        }
        return micros;
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
