package dev.ctrlstore.store.sql.ledger;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.internal.Times;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a center's ledger over plain JDBC, on PostgreSQL (its primary or a standby) and on SQLite, with no jOOQ
 * and no store around it: what a reflector's source needs. The connection's schema (search path) must be the
 * store's. {@link SQLException}s pass through, so the caller can tell an unreachable server from a bad ledger.
 */
public final class LedgerQueries {
    /** The most entries one {@link #read} returns. */
    public static final int MAX_READ = 10_000;
    private static final String HEAD = "SELECT seq, center_id, retained_from FROM ledger_head WHERE id = 1";
    private static final String READ = "SELECT seq, committed_at, schema_version, origin, changes FROM ledger"
            + " WHERE seq > ? ORDER BY seq LIMIT ?";

    /** Flushed already (or a standby), else the insert position to wait for. */
    private static final String FLUSHED_NOW = "SELECT CASE WHEN pg_is_in_recovery() OR current_setting('fsync') = 'off'"
            + " THEN true"
            + " ELSE pg_current_wal_flush_lsn() >= pg_current_wal_insert_lsn() END,"
            + " CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_insert_lsn()::text END";
    private static final String FLUSHED_PAST = "SELECT pg_current_wal_flush_lsn() >= ?::pg_lsn";

    private LedgerQueries() {
    }

    /**
     * The ledger's head.
     *
     * @throws StorageException when the head row is missing (the database was not migrated by a ledger-aware
     *         ctrlstore, or the row was deleted)
     */
    public static LedgerHead head(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(HEAD); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new StorageException("the ledger has no head row (ledger_head id 1); migrate the center's"
                        + " database with this ctrlstore version (store.migrate()) before reading its ledger");
            }
            return new LedgerHead(rs.getLong(1), rs.getString(2), rs.getLong(3));
        }
    }

    /**
     * Up to {@code max} entries with seq &gt; {@code afterSeq}, in seq order, their changes decoded
     * ({@link RowImages#decode}).
     *
     * @throws IllegalArgumentException for a negative {@code afterSeq} or {@code max} outside 1..{@value #MAX_READ}
     * @throws StorageException when an entry's changes cannot be read (the message names its seq)
     */
    public static List<LedgerEntry> read(Connection connection, long afterSeq, int max) throws SQLException {
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq must be at least 0, got " + afterSeq);
        }
        if (max < 1 || max > MAX_READ) {
            throw new IllegalArgumentException("max must be between 1 and " + MAX_READ + ", got " + max);
        }
        boolean postgres = postgres(connection);
        List<LedgerEntry> entries = new ArrayList<>(Math.min(max, 64));
        try (PreparedStatement ps = connection.prepareStatement(READ)) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    Instant committedAt = postgres ? rs.getObject(2, OffsetDateTime.class).toInstant()
                            : Times.ofEpochMicros(rs.getLong(2));
                    List<LedgerChange> changes;
                    try {
                        changes = RowImages.decode(rs.getString(5));
                    } catch (StorageException e) {
                        throw new StorageException("ledger entry " + seq + ": " + e.getMessage(), e);
                    }
                    entries.add(new LedgerEntry(seq, committedAt, rs.getInt(3), rs.getString(4), changes));
                }
            }
        }
        return entries;
    }

    /**
     * On a PostgreSQL primary, waits until the WAL is flushed past everything visible now, so entries read before
     * the call cannot vanish in a crash of the center. Needed by a reader of a center in
     * {@link LedgerMode#GROUP_COMMIT} (or one whose server runs {@code synchronous_commit = off}): there an entry is
     * visible a moment before it is durable, and a replica that applied it would be ahead of the center after a
     * crash. Costs one round trip when the WAL is flushed already; returns at once on a standby (it receives only
     * flushed WAL), on a server running with {@code fsync = off} (nothing there is durable, so there is nothing to
     * wait for: waiting would only add up to a {@code wal_writer_delay} to every read) and on SQLite.
     *
     * @param timeoutMillis how long to wait for the flush
     * @return false when the WAL was not flushed within the timeout (do not apply what was read)
     */
    public static boolean awaitFlushed(Connection connection, long timeoutMillis) throws SQLException {
        if (!postgres(connection)) {
            return true;
        }
        String target;
        try (PreparedStatement ps = connection.prepareStatement(FLUSHED_NOW); ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
                return true;
            }
            target = rs.getString(2);
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (PreparedStatement ps = connection.prepareStatement(FLUSHED_PAST)) {
            ps.setString(1, target);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(500_000); // the WAL writer flushes within ms
            }
        }
    }

    /** Whether {@code connection} is to PostgreSQL (else SQLite): timestamps are TIMESTAMPTZ there, micros here. */
    static boolean postgres(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if (product.equals("PostgreSQL")) {
            return true;
        }
        if (product.equals("SQLite")) {
            return false;
        }
        throw new IllegalArgumentException("a ledger is read from PostgreSQL or SQLite, not " + product);
    }
}
