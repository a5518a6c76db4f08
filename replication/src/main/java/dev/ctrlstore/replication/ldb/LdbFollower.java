package dev.ctrlstore.replication.ldb;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreUnavailableException;

import java.time.Duration;
import java.util.Optional;

/**
 * A reader of an LDB that a reflector keeps in step with the center's ledger: how far the LDB has got, how stale it
 * is, and waiting for a write to arrive (read-your-writes). The typed replica and the control-table reader both are.
 */
public interface LdbFollower {

    /**
     * The LDB's position reader.
     *
     * @throws StoreClosedException after close
     */
    LdbPositions ledgerPositions();

    /**
     * The seq of the last ledger entry applied to this LDB: every write the center acknowledged with a seq up to it
     * is readable here. 0 before the reflector applied its first entry.
     *
     * @throws StoreClosedException after close
     */
    default long appliedPosition() {
        return ledgerPositions().appliedSeq();
    }

    /**
     * The LDB's position row: the last applied entry's seq, its center, its commit time at the center and when it
     * was applied here. Empty before the reflector applied its first entry.
     *
     * @throws StoreClosedException after close
     */
    default Optional<LdbPosition> position() {
        return ledgerPositions().read();
    }

    /**
     * How far the LDB is behind the center, as the center's clock saw it: now minus the commit time of the last
     * applied entry. It grows while the center writes nothing; compare it with the center's write rate (or a
     * heartbeat) before raising an alarm. Clock skew between the hosts shifts it; a negative result is reported as 0.
     *
     * @throws StoreUnavailableException (retryable) while the reflector has applied no entry yet: the latency is
     *     unknown until then
     * @throws StoreClosedException after close
     */
    default Duration ledgerLatency() {
        return ledgerPositions().ledgerLatency();
    }

    /**
     * Waits until the LDB has applied the ledger up to {@code seq} (a center's {@code ledgerPosition()} after a
     * write, or the seq a mutation was answered with), so the next read here sees that write. Returns at once when
     * it already has, and as soon as a reflector in this process has committed the batch that reaches it
     * ({@link LdbSignals}); a reflector in another process is followed by re-reading the position at growing
     * intervals (0.2 ms up to 5 ms). No snapshot is held while waiting.
     *
     * @param seq the position to wait for, 0 or more
     * @param timeout how long to wait at most
     * @return the applied position, at least {@code seq}
     * @throws StoreUnavailableException (retryable) if the LDB is still behind {@code seq} when the timeout runs out,
     *     or the thread is interrupted; the message names both positions
     * @throws InvalidArgumentException for a negative {@code seq} or timeout
     * @throws StoreClosedException after close
     */
    default long awaitPosition(long seq, Duration timeout) {
        return ledgerPositions().awaitPosition(seq, timeout);
    }
}
