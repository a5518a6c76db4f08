package dev.ctrlstore.replication.ldb;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import static dev.ctrlstore.store.jooq.tables.LdbPosition.LDB_POSITION;

/**
 * The position of an LDB as a reader sees it: the {@code ldb_position} row, read on a read-only connection of its own
 * with the statement prepared once, the ledger latency derived from it, and waiting for a position. {@code
 * awaitPosition} polls the row, so it must be a point read that takes no reader from a store's pool. Each read is one
 * autocommit statement, so no snapshot is held between calls (the reflector's checkpoints stay unblocked). Shared by
 * the typed replica and the control-table reader. Thread-safe.
 */
public final class LdbPositions implements AutoCloseable {
    /** The first pause between two reads of the position when waiting for another process's reflector. */
    private static final long FIRST_POLL_NANOS = 200_000;
    /** The longest pause between two reads of the position. */
    private static final long MAX_POLL_NANOS = 5_000_000;

    private static final String QUERY = DSL.using(SQLDialect.SQLITE)
            .select(LDB_POSITION.SEQ, LDB_POSITION.CENTER_ID, LDB_POSITION.COMMITTED_AT, LDB_POSITION.APPLIED_AT)
            .from(LDB_POSITION).where(LDB_POSITION.ID.eq(1))
            .getSQL(ParamType.INLINED);

    private final Path path;
    private final String description;
    private final Clock clock;
    private final Connection connection;
    private final PreparedStatement query;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * Opens a read-only connection to the LDB at {@code path} (a real path: in-process signals are keyed by it).
     *
     * @param clock the clock {@link #ledgerLatency()} measures against
     * @throws StorageException when the file cannot be opened or has no position table
     */
    public LdbPositions(Path path, Duration busyTimeout, Clock clock) {
        this.path = path;
        this.description = "LDB " + path;
        this.clock = clock;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout((int) busyTimeout.toMillis());
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + path, config.toProperties());
            this.query = c.prepareStatement(QUERY);
        } catch (SQLException e) {
            close(c);
            throw translate(e);
        }
        this.connection = c;
    }

    /** The position row; empty before the reflector applied its first entry. */
    public Optional<LdbPosition> read() {
        lock.lock();
        try (ResultSet rs = query.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new LdbPosition(rs.getLong(1), rs.getString(2), Times.ofEpochMicros(rs.getLong(3)),
                    Times.ofEpochMicros(rs.getLong(4))));
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            lock.unlock();
        }
    }

    /** The seq of the last applied entry; 0 before the reflector applied its first entry. */
    public long appliedSeq() {
        return read().map(LdbPosition::seq).orElse(0L);
    }

    /**
     * How far the LDB is behind the center, as the center's clock saw it: now minus the commit time of the last
     * applied entry (a negative result, from clock skew, is reported as 0).
     *
     * @throws StoreUnavailableException (retryable) while the reflector has applied no entry yet
     */
    public Duration ledgerLatency() {
        Optional<LdbPosition> p = read();
        if (p.isEmpty()) {
            throw new StoreUnavailableException(description + " has applied no ledger entry yet, so its latency is"
                    + " unknown; start its reflector (or wait for its first entry) and ask again", null);
        }
        Duration latency = Duration.between(p.get().committedAt(), clock.instant());
        return latency.isNegative() ? Duration.ZERO : latency;
    }

    /**
     * Waits until the LDB has applied the ledger up to {@code seq}. Returns at once when it already has, and as soon
     * as a reflector in this process has committed the batch that reaches it ({@link LdbSignals}); a reflector in
     * another process is followed by re-reading the position at growing intervals (0.2 ms up to 5 ms). No snapshot
     * is held while waiting.
     *
     * @return the applied position, at least {@code seq}
     * @throws StoreUnavailableException (retryable) if the LDB is still behind {@code seq} when the timeout runs out,
     *     or the thread is interrupted; the message names both positions
     * @throws InvalidArgumentException for a negative {@code seq} or timeout
     */
    public long awaitPosition(long seq, Duration timeout) {
        Checks.nonNegative(seq, "seq");
        Checks.notNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new InvalidArgumentException("timeout", "timeout must not be negative, got " + timeout);
        }
        long current = appliedSeq();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_NANOS;
        while (current < seq) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StoreUnavailableException(description + " has applied the ledger up to seq " + current
                        + ", still short of seq " + seq + " after waiting " + timeout + "; its reflector is behind"
                        + " or stopped (check the reflector's state), or wait longer", null);
            }
            long wait = Math.min(pause, left);
            try {
                // A reflector in this process wakes the wait as soon as it commits the batch; one in another process
                // cannot, so the wait is also the pause between two reads of the position.
                if (LdbSignals.await(path, seq, Duration.ofNanos(wait)) && appliedSeq() < seq) {
                    // A signal from an earlier file at this path: the file is the truth, so pause anyway.
                    Thread.sleep(Duration.ofNanos(wait));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException(description + ": interrupted while waiting for seq " + seq
                        + " (applied: " + current + ")", e);
            }
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
            current = appliedSeq();
        }
        return current;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            close(connection);
        } finally {
            lock.unlock();
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Closing a read-only connection loses nothing; the store is closing anyway.
            }
        }
    }

    private RuntimeException translate(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            if (code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_LOCKED")) {
                return new StoreUnavailableException(description + " stayed locked while its position was read ("
                        + e.getMessage() + "); retry", e);
            }
        }
        return new StorageException(description + ": its position (table ldb_position) cannot be read ("
                + e.getMessage() + "); check that the file is an LDB (Ldb.create makes one)", e);
    }
}
