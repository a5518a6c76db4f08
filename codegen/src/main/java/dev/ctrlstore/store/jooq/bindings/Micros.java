package dev.ctrlstore.store.jooq.bindings;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/** Microsecond conversions for the schema's duration columns (*_us); the API keeps every duration in micros. */
public final class Micros {
    private Micros() {
    }

    public static Duration toDuration(Long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    /** Saturates at Long.MAX_VALUE micros (about 292,000 years) rather than overflowing. */
    public static Long fromDuration(Duration duration) {
        return TimeUnit.MICROSECONDS.convert(duration);
    }
}
