package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.internal.Times;
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
import java.util.List;

/**
 * Appends a write transaction's ledger entry inside that transaction, on the single writer connection: with one
 * writer the order is trivially the commit order, so taking the counter anywhere in the transaction is enough. A
 * rolled-back transaction takes its counter update with it. Lets a SQLite file act as a center in tests and
 * development.
 */
final class LedgerAppender {
    private static final String NEXT = "UPDATE ledger_head SET seq = seq + 1 WHERE id = 1 RETURNING seq";
    private static final String INSERT = "INSERT INTO ledger (seq, committed_at, schema_version, origin, changes)"
            + " VALUES (?, ?, ?, ?, ?)";

    private final LedgerMode mode;
    private final Clock clock;
    private final String description;
    private final int schemaVersion;
    private final ThreadLocal<long[]> position = ThreadLocal.withInitial(() -> new long[1]);
    /** Prepared on the writer connection at first use, kept for its life (used under the write lock only). */
    private PreparedStatement next;
    private PreparedStatement insert;

    LedgerAppender(LedgerMode mode, Clock clock, String description) {
        this.mode = mode;
        this.clock = clock;
        this.description = description;
        this.schemaVersion = mode == LedgerMode.OFF ? 0 : SchemaMigrator.newestVersion("sqlite");
    }

    /**
     * Appends the entry of {@code changes} in the open transaction on {@code writer} when the ledger is on and they
     * touch a replicated table; returns its seq, or 0 when nothing was appended.
     */
    long append(Connection writer, String operation, List<Change> changes) throws SQLException {
        List<LedgerChange> images = mode == LedgerMode.OFF ? List.of() : RowImages.of(changes);
        return images.isEmpty() ? 0 : appendImages(writer, operation, images);
    }

    /** Appends an entry of {@code images} in the open transaction on {@code writer}; returns its seq. */
    long appendImages(Connection writer, String operation, List<LedgerChange> images) throws SQLException {
        if (next == null) {
            next = writer.prepareStatement(NEXT);
            insert = writer.prepareStatement(INSERT);
        }
        long seq;
        try (ResultSet rs = next.executeQuery()) {
            if (!rs.next()) {
                throw new StorageException(description + " has no ledger head row (ledger_head id 1), so "
                        + operation + " could not be appended to the ledger and was rolled back; restore the row"
                        + " from a backup of the center, or re-create replicas from a new center");
            }
            seq = rs.getLong(1);
        }
        insert.setLong(1, seq);
        insert.setLong(2, Times.epochMicros(clock.instant()));
        insert.setInt(3, schemaVersion);
        insert.setString(4, operation);
        insert.setString(5, RowImages.encode(images));
        insert.executeUpdate();
        return seq;
    }

    boolean on() {
        return mode != LedgerMode.OFF;
    }

    /** After the transaction that appended {@code seq} committed: this thread's position. */
    void committed(long seq) {
        if (seq > 0) {
            position.get()[0] = seq;
        }
    }

    /** The seq of the last entry this thread committed through this store; 0 if none. */
    long position() {
        return position.get()[0];
    }
}
