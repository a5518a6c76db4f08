package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.sql.Change;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sql.ledger.RowImages;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Commits a write transaction and, when it changed a replicated table, appends its ledger entry in the same
 * transaction. The sequence comes from the one-row {@code ledger_head}, taken by the last statement and sent in the
 * same round trip as COMMIT: a writer holds the counter's row lock only while its commit is written, and the next
 * writer can take the counter only after this commit is visible, so numbers are gap-free and in commit order. A
 * rolled-back attempt never reached the counter, so it consumed no number.
 *
 * <p>{@link LedgerMode#GROUP_COMMIT} commits asynchronously under the lock and then runs a tiny synchronous
 * transaction, whose commit waits for the WAL flush that covers the first one: the flush happens outside the
 * lock and group-commits with other writers'.
 */
final class LedgerAppender {
    /**
     * The counter is read through a scalar subquery so that a missing head row makes {@code seq} null and the insert
     * fail (before COMMIT runs) instead of committing the data without its entry.
     */
    private static final String APPEND = "WITH h AS (UPDATE ledger_head SET seq = seq + 1 WHERE id = 1 RETURNING seq)"
            + " INSERT INTO ledger (seq, committed_at, schema_version, origin, changes)"
            + " SELECT (SELECT seq FROM h), ?, ?, ?, ? RETURNING seq";
    private static final String COMMIT = "; COMMIT";
    private static final String ASYNC = "SET LOCAL synchronous_commit TO off; ";
    /** A transaction that gets an xid, so its synchronous commit waits for the WAL flush. */
    private static final String FLUSH = "SELECT pg_current_xact_id(); COMMIT";

    private final LedgerMode mode;
    private final Clock clock;
    private final String description;
    private final int schemaVersion;
    private final String append;
    /** Per store: the last seq each thread committed through it. */
    private final ThreadLocal<long[]> position = ThreadLocal.withInitial(() -> new long[1]);

    LedgerAppender(LedgerMode mode, Clock clock, String description) {
        this.mode = mode;
        this.clock = clock;
        this.description = description;
        this.schemaVersion = mode == LedgerMode.OFF ? 0 : SchemaMigrator.newestVersion("postgresql");
        this.append = (mode == LedgerMode.GROUP_COMMIT ? ASYNC : "") + APPEND + COMMIT;
    }

    /**
     * Commits the transaction on {@code connection}; first appends the ledger entry of {@code changes} when the
     * ledger is on and they touch a replicated table.
     */
    void commit(Connection connection, String operation, List<Change> changes) throws SQLException {
        List<LedgerChange> images = mode == LedgerMode.OFF ? List.of() : RowImages.of(changes);
        if (images.isEmpty()) {
            connection.commit();
            return;
        }
        long seq = appendAndCommit(connection, operation, RowImages.encode(images), append);
        if (mode == LedgerMode.GROUP_COMMIT) {
            try (PreparedStatement flush = connection.prepareStatement(FLUSH)) {
                flush.execute();
            }
            connection.commit();
        }
        position.get()[0] = seq;
    }

    /** The seq of the last entry this thread committed through this store; 0 if none. */
    long position() {
        return position.get()[0];
    }

    /**
     * Runs {@code sql} (the append and COMMIT, in one round trip) and returns the appended seq. The server has
     * committed when this returns, so the connection's own commit afterwards sends nothing.
     */
    private long appendAndCommit(Connection connection, String operation, String changes, String sql)
            throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setInt(2, schemaVersion);
            ps.setString(3, operation);
            ps.setString(4, changes);
            try {
                ps.execute();
            } catch (SQLException e) {
                if ("23502".equals(e.getSQLState())) {
                    throw new StorageException(description + " has no ledger head row (ledger_head id 1), so "
                            + operation + " could not be appended to the ledger and was rolled back; restore the"
                            + " row from a backup of the center, or re-create replicas from a new center", e);
                }
                throw e;
            }
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                seq = rs.getLong(1);
            }
            ps.getMoreResults(); // COMMIT's result
        }
        connection.commit();
        return seq;
    }
}
