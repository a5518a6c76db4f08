package dev.ctrlstore.replication.reflector;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link Reflector} is doing, as the CLI and HTTP layers show it; a snapshot taken by {@link Reflector#state()}.
 *
 * @param phase whether it follows the center, waits for it, or has stopped
 * @param position the LDB's position: the last applied entry (0 before the first)
 * @param sourceCommittedAt when that entry was committed at the center
 * @param lag how far behind the center the LDB is: zero when its last read found nothing new, otherwise now minus
 *        {@code sourceCommittedAt} (an upper bound: the oldest entry not applied is younger)
 * @param batches batches applied since start
 * @param entries entries applied since start
 * @param entriesPerSecond entries applied per second over the last few seconds
 * @param lastError the last error (an outage of the center, or what stopped the reflector), if any
 * @param walBytes the size of the LDB's WAL file
 * @param walPinnedFor how long checkpoints have been unable to finish because a reader holds an old snapshot (zero
 *        when the last checkpoint finished)
 * @param centerReachable whether the last call to the center succeeded
 */
public record ReflectorState(Phase phase, long position, Optional<Instant> sourceCommittedAt, Duration lag,
        long batches, long entries, double entriesPerSecond, Optional<String> lastError, long walBytes,
        Duration walPinnedFor, boolean centerReachable) {

    /** What a reflector is doing. */
    public enum Phase {
        /** Built, not started. */
        NEW,
        /** Reading the ledger and applying it (or waiting for new entries). */
        FOLLOWING,
        /** The center cannot be reached; the LDB is served as it is, and the reflector retries with back-off. */
        CENTER_UNREACHABLE,
        /**
         * Stopped on an error that retrying cannot fix (a gap, another center, a position the center no longer holds,
         * a schema newer than this code): {@link #lastError()} says what and what to do. The LDB stays readable.
         */
        HALTED,
        /** Closed. */
        CLOSED
    }
}
