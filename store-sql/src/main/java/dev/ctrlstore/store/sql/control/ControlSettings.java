package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.InvalidArgumentException;

import java.time.Duration;

/**
 * How the center's {@link SqlControlStore} limits writers and tables, and how it keeps secrets. Every value is
 * checked on construction; start from {@link #defaults()} and change what differs.
 *
 * @param warnSize default size in bytes past which a table is reported (logged). Default: 50 MiB
 * @param maxSize default size in bytes past which mutations of a table are refused (TABLE_FULL). Default: 100 MiB
 * @param writerLimit default rows per {@code writerPeriod} of one writer. Default: 1000
 * @param writerPeriod default rate-limit period: whole seconds, 1 s to 24 h. Default: 1 minute
 * @param sizeRefresh how stale the table sizes the limits compare with may be; zero reads them for every mutation.
 *                    Default: 5 seconds
 * @param secretIterations PBKDF2-HMAC-SHA256 iterations for new writer secrets (stored with each hash, so changing
 *                         it keeps older secrets valid). Default: 600,000 (OWASP's 2023 figure)
 * @param verifiedSecretTtl how long a verified secret is remembered, so mutations do not pay for the slow hash; zero
 *                          verifies every time. Default: 5 minutes
 */
public record ControlSettings(long warnSize, long maxSize, long writerLimit, Duration writerPeriod,
        Duration sizeRefresh, int secretIterations, Duration verifiedSecretTtl) {

    private static final long MIB = 1024 * 1024;
    /** Usage rows older than this are deleted, so no period may be longer. */
    static final Duration LONGEST_PERIOD = Duration.ofHours(24);

    public ControlSettings {
        String wrong = sizesProblem(warnSize, maxSize);
        if (wrong != null) {
            throw new InvalidArgumentException("maxSize", wrong);
        }
        wrong = rateProblem(writerLimit, writerPeriod);
        if (wrong != null) {
            throw new InvalidArgumentException("writerPeriod", wrong);
        }
        nonNegative(sizeRefresh, "sizeRefresh");
        nonNegative(verifiedSecretTtl, "verifiedSecretTtl");
        if (secretIterations < 1000) {
            throw new InvalidArgumentException("secretIterations", "secretIterations must be at least 1000, got "
                    + secretIterations);
        }
    }

    /** The defaults listed on each component. */
    public static ControlSettings defaults() {
        return new ControlSettings(50 * MIB, 100 * MIB, 1000, Duration.ofMinutes(1), Duration.ofSeconds(5), 600_000,
                Duration.ofMinutes(5));
    }

    /** These settings with other default table size limits. */
    public ControlSettings withTableSizes(long warnSize, long maxSize) {
        return new ControlSettings(warnSize, maxSize, writerLimit, writerPeriod, sizeRefresh, secretIterations,
                verifiedSecretTtl);
    }

    /** These settings with another default writer rate limit. */
    public ControlSettings withWriterLimit(long writerLimit, Duration writerPeriod) {
        return new ControlSettings(warnSize, maxSize, writerLimit, writerPeriod, sizeRefresh, secretIterations,
                verifiedSecretTtl);
    }

    /** These settings with another staleness of table sizes. */
    public ControlSettings withSizeRefresh(Duration sizeRefresh) {
        return new ControlSettings(warnSize, maxSize, writerLimit, writerPeriod, sizeRefresh, secretIterations,
                verifiedSecretTtl);
    }

    /** These settings with another secret hashing cost and verification memory. */
    public ControlSettings withSecrets(int secretIterations, Duration verifiedSecretTtl) {
        return new ControlSettings(warnSize, maxSize, writerLimit, writerPeriod, sizeRefresh, secretIterations,
                verifiedSecretTtl);
    }

    /** What is wrong with a pair of table size limits (also the ones set per table); null when nothing. */
    static String sizesProblem(long warnSize, long maxSize) {
        if (maxSize <= 0 || warnSize < 0 || warnSize > maxSize) {
            return "table size limits need 0 <= warn size <= max size and a positive max size, got warn size "
                    + warnSize + " and max size " + maxSize;
        }
        return null;
    }

    /** What is wrong with a rate limit (also the ones set per writer); null when nothing. */
    static String rateProblem(long amount, Duration period) {
        if (amount < 0) {
            return "a rate limit's amount of rows must be 0 or more, got " + amount;
        }
        if (period == null || period.toNanos() % 1_000_000_000L != 0
                || period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(LONGEST_PERIOD) > 0) {
            return "a rate limit's period must be whole seconds from 1 s to 24 h (usage older than a day is"
                    + " deleted), got " + period;
        }
        return null;
    }

    private static void nonNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new InvalidArgumentException(name, name + " must be zero or positive, got " + d);
        }
    }
}
