package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The raw sqlite-jdbc baseline: the SQL and row mapping of {@link RawRows}, statements prepared once and reused.
 * Connections are opened with the same settings the store's connections have (foreign keys, busy timeout; readers
 * read-only with the store's mmap size; the writer in WAL with synchronous=NORMAL), so the difference measured is the store's code, not
 * SQLite's configuration.
 */
final class RawSqlite {

    private RawSqlite() {
    }

    /** A connection like the store's reader connections. */
    static Connection reader(Path file) throws SQLException {
        SQLiteConfig config = common();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(SqliteStore.READER_MMAP_BYTES));
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** A connection like the store's writer connection; transactions are begun explicitly (see {@link Writer}). */
    static Connection writer(Path file) throws SQLException {
        SQLiteConfig config = common();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    private static SQLiteConfig common() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        return config;
    }

    /** One instance by key with a reused statement; null when missing. */
    static final class Reader implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement byId;

        Reader(Path file) throws SQLException {
            this.connection = reader(file);
            this.byId = connection.prepareStatement(RawRows.SELECT_BY_ID);
        }

        Instance get(TenantId tenant, InstanceId id) throws SQLException {
            return RawRows.byId(byId, tenant, id, RawRows.EPOCH_MICROS);
        }

        @Override
        public void close() throws SQLException {
            byId.close();
            connection.close();
        }
    }

    /**
     * Inserts an instance and its label rows in one {@code BEGIN IMMEDIATE} transaction, every statement prepared
     * once. Not thread-safe: callers share one writer under a lock, as SQLite allows one writer at a time.
     */
    static final class Writer implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement begin;
        private final PreparedStatement commit;
        private final PreparedStatement rollback;
        private final PreparedStatement insert;
        private final PreparedStatement insertLabel;

        Writer(Path file) throws SQLException {
            this.connection = writer(file);
            this.begin = connection.prepareStatement("begin immediate");
            this.commit = connection.prepareStatement("commit");
            this.rollback = connection.prepareStatement("rollback");
            this.insert = connection.prepareStatement(RawRows.INSERT);
            this.insertLabel = connection.prepareStatement(RawRows.INSERT_LABEL);
        }

        /** Writes {@code instance} as stored (version 1, timestamps now) and returns the stored value. */
        Instance insert(Instance instance, Instant now) throws SQLException {
            Instance stored = RawRows.stored(instance, now);
            begin.execute();
            try {
                RawRows.insert(insert, insertLabel, stored, RawRows.EPOCH_MICROS);
                commit.execute();
                return stored;
            } catch (SQLException | RuntimeException e) {
                rollback.execute();
                throw e;
            }
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement ps : List.of(begin, commit, rollback, insert, insertLabel)) {
                ps.close();
            }
            connection.close();
        }
    }
}
