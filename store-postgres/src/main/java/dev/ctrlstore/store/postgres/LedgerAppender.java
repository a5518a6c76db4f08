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
 * transaction that writes one WAL record, whose commit waits for the WAL flush that covers the first one: the
 * flush happens outside the lock and group-commits with other writers'. Both go in the same round trip: the tiny
 * transaction is the implicit one that the statement after COMMIT opens, which the server commits at the end of
 * the request (the protocol's Sync), before it answers.
 */
final class LedgerAppender {
    /**
     * The counter is read through a scalar subquery so that a missing head row makes {@code seq} null and the insert
     * fail (before COMMIT runs) instead of committing the data without its entry.
     */
    private static final String INSERT_ENTRY = "WITH h AS (UPDATE ledger_head SET seq = seq + 1 WHERE id = 1"
            + " RETURNING seq) INSERT INTO ledger (seq, committed_at, schema_version, origin, changes)"
            + " SELECT (SELECT seq FROM h), ?, ?, ?, ?";
    private static final String APPEND = INSERT_ENTRY + " RETURNING seq";
    /**
     * {@link #APPEND} that also makes its transaction's commit asynchronous: {@code set_config(.., true)} is
     * {@code SET LOCAL}, and COMMIT reads the setting when it runs. One statement instead of two saves the server
     * a parse, bind and execute per write.
     */
    private static final String APPEND_ASYNC = INSERT_ENTRY
            + " FROM (SELECT set_config('synchronous_commit', 'off', true)) async RETURNING seq";
    private static final String COMMIT = "; COMMIT";
    /**
     * A transaction whose synchronous commit waits for the WAL flush, which covers the asynchronous commit before
     * it. It must write WAL: a transaction that only took an xid commits without waiting for a flush (PostgreSQL
     * treats it as asynchronous), which a kill -9 test showed losing acknowledged writes. A transactional logical
     * message is the cheapest record any user may write, at any wal_level.
     */
    private static final String FLUSH = "; SELECT pg_logical_emit_message(true, 'ctrlstore_ledger', '')";
    /** {@link Ordering#GLOBAL_LOCK}: the counter, taken by the transaction's first statement. */
    private static final String TAKE = "UPDATE ledger_head SET seq = seq + 1 WHERE id = 1 RETURNING seq";
    private static final String INSERT_TAKEN = "INSERT INTO ledger (seq, committed_at, schema_version, origin,"
            + " changes) VALUES (?, ?, ?, ?, ?) RETURNING seq; COMMIT";
    /** {@link Ordering#UNORDERED}: a number from a sequence, drawn at the append. */
    static final String UNORDERED_SEQUENCE = "ledger_unordered_seq";
    private static final String INSERT_UNORDERED = "INSERT INTO ledger (seq, committed_at, schema_version, origin,"
            + " changes) VALUES (nextval('" + UNORDERED_SEQUENCE + "'), ?, ?, ?, ?) RETURNING seq; COMMIT";

    /**
     * How the ledger's numbers are ordered. Only {@link #COUNTER_LAST} is correct and fast; the others exist for
     * tests and benchmarks, as the baselines it is measured against ({@link LedgerBenchmarks}).
     */
    enum Ordering {
        /** The counter taken by the last statement, sent with COMMIT (the store's own). */
        COUNTER_LAST,
        /** The counter taken by the first statement and held to COMMIT: every ledgered write in turn. */
        GLOBAL_LOCK,
        /** A sequence number drawn in the transaction: no order at all, so readers can pass a number for good. */
        UNORDERED
    }

    private final LedgerMode mode;
    private final Clock clock;
    private final String description;
    private final int schemaVersion;
    private final String append;
    private volatile Ordering ordering = Ordering.COUNTER_LAST;
    /** Per store: the last seq each thread committed through it. */
    private final ThreadLocal<long[]> position = ThreadLocal.withInitial(() -> new long[1]);

    private final LedgerNotifier notifier;

    /** @param notifier told of every committed entry; null when the ledger is off */
    LedgerAppender(LedgerMode mode, Clock clock, String description, LedgerNotifier notifier) {
        this.mode = mode;
        this.notifier = notifier;
        this.clock = clock;
        this.description = description;
        this.schemaVersion = mode == LedgerMode.OFF ? 0 : SchemaMigrator.newestVersion("postgresql");
        this.append = mode == LedgerMode.GROUP_COMMIT ? APPEND_ASYNC + COMMIT + FLUSH : APPEND + COMMIT;
    }

    void ordering(Ordering ordering) {
        if (mode == LedgerMode.OFF) {
            throw new IllegalStateException("the store was built without a ledger; build it with a ledger mode to"
                    + " choose the ledger's ordering");
        }
        this.ordering = ordering;
    }

    /**
     * Called first in a write transaction; returns the seq it took ({@link Ordering#GLOBAL_LOCK} only, else 0),
     * which {@link #commit} then uses.
     */
    long begin(Connection connection) throws SQLException {
        if (mode == LedgerMode.OFF || ordering != Ordering.GLOBAL_LOCK) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(TAKE); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Commits the transaction on {@code connection}; first appends the ledger entry of {@code changes} when the
     * ledger is on and they touch a replicated table.
     *
     * @param taken what {@link #begin} returned
     */
    void commit(Connection connection, String operation, List<Change> changes, long taken) throws SQLException {
        List<LedgerChange> images = mode == LedgerMode.OFF ? List.of() : RowImages.of(changes);
        if (images.isEmpty() && taken == 0) {
            connection.commit();
            return;
        }
        commitImages(connection, operation, images, taken);
    }

    /** Appends an entry of {@code images} (which may be empty only for a number already taken) and commits. */
    void commitImages(Connection connection, String operation, List<LedgerChange> images, long taken)
            throws SQLException {
        String changes = RowImages.encode(images);
        long seq = switch (ordering) {
            case COUNTER_LAST -> appendAndCommit(connection, operation, changes, append, 0);
            case GLOBAL_LOCK -> appendAndCommit(connection, operation, changes, INSERT_TAKEN,
                    taken != 0 ? taken : begin(connection));
            case UNORDERED -> appendAndCommit(connection, operation, changes, INSERT_UNORDERED, 0);
        };
        position.get()[0] = seq;
        notifier.committed(seq);
    }

    /** The seq of the last entry this thread committed through this store; 0 if none. */
    long position() {
        return position.get()[0];
    }

    /**
     * Runs {@code sql} (the append and COMMIT, in one round trip) and returns the appended seq. The server has
     * committed when this returns, so the connection's own commit afterwards sends nothing.
     */
    private long appendAndCommit(Connection connection, String operation, String changes, String sql, long taken)
            throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int p = 1;
            if (taken != 0) {
                ps.setLong(p++, taken);
            }
            ps.setObject(p++, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setInt(p++, schemaVersion);
            ps.setString(p++, operation);
            ps.setString(p, changes);
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
        }
        connection.commit();
        return seq;
    }
}
