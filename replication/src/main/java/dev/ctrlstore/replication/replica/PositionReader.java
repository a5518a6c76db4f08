package dev.ctrlstore.replication.replica;

import dev.ctrlstore.replication.ldb.LdbPosition;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreUnavailableException;
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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import static dev.ctrlstore.store.jooq.tables.LdbPosition.LDB_POSITION;

/**
 * Reads the LDB's {@code ldb_position} row on a read-only connection of its own, with the statement prepared once:
 * {@code awaitPosition} polls it, so it must be a point read that takes no reader from the store's pool. Each read
 * is one autocommit statement, so no snapshot is held between calls (the reflector's checkpoints stay unblocked).
 */
final class PositionReader implements AutoCloseable {
    private static final String QUERY = DSL.using(SQLDialect.SQLITE)
            .select(LDB_POSITION.SEQ, LDB_POSITION.CENTER_ID, LDB_POSITION.COMMITTED_AT, LDB_POSITION.APPLIED_AT)
            .from(LDB_POSITION).where(LDB_POSITION.ID.eq(1))
            .getSQL(ParamType.INLINED);

    private final String description;
    private final Connection connection;
    private final PreparedStatement query;
    private final ReentrantLock lock = new ReentrantLock();

    PositionReader(Path path, Duration busyTimeout, String description) {
        this.description = description;
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
    Optional<LdbPosition> read() {
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
