package dev.ctrlstore.store.control;

import java.time.Duration;
import java.util.List;

/**
 * Rate limits of writers: rows per period, the default and the writers that override it.
 */
public record WriterLimits(RateLimit defaultLimit, List<WriterLimit> writers) {

    /** At most {@code amount} rows per {@code period}. */
    public record RateLimit(long amount, Duration period) {
    }

    /** One writer's own limit. */
    public record WriterLimit(String writer, RateLimit limit) {
    }
}
