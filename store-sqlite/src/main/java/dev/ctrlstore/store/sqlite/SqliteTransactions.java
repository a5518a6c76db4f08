package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.CommitHook;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import dev.ctrlstore.store.sql.SqlSession;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import org.jooq.DSLContext;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs transactions on one SQLite file: reads on a reader connection the caller lends, writes on the single writer
 * connection behind a lock, so writers in this process queue instead of failing with SQLITE_BUSY. Driver errors
 * leave as the API's exceptions ({@link SqliteErrors}); a write's changes go to the {@link CommitHook} just before
 * commit. SQLite writes are never retried here: the single writer and IMMEDIATE transactions leave nothing to lose
 * a race against, and another process's lock is waited out by the busy timeout.
 */
final class SqliteTransactions {
    private final String description;
    private final SqliteConnection writer;
    private final SqliteErrors errors;
    private final CommitHook hook;
    private final LedgerAppender ledger;
    private final long lockTimeoutMillis;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean closed;

    /**
     * @param writer the writer connection; null for a read-only database
     * @param lockTimeoutMillis how long a write waits for the writer connection
     */
    SqliteTransactions(String description, SqliteConnection writer, SqliteErrors errors, CommitHook hook,
            LedgerAppender ledger, long lockTimeoutMillis) {
        this.description = description;
        this.writer = writer;
        this.errors = errors;
        this.hook = hook;
        this.ledger = ledger;
        this.lockTimeoutMillis = lockTimeoutMillis;
    }

    /** One read transaction (a snapshot) on {@code reader}. */
    <T> T read(SqliteConnection reader, Function<DSLContext, T> work) {
        try {
            reader.begin.execute();
            try {
                T result = work.apply(reader.dsl);
                reader.commit.execute();
                return result;
            } catch (Throwable e) {
                reader.rollbackQuietly();
                throw e;
            }
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException | SQLException e) {
            throw errors.translate(e);
        }
    }

    /** One write transaction on the writer connection, with a new session. */
    <T> T write(String operation, Function<SqlSession, T> work) {
        return write(operation, work, null);
    }

    /** @param images appended instead of the session's changes' images, when not null */
    private <T> T write(String operation, Function<SqlSession, T> work, List<LedgerChange> images) {
        lockWriter();
        try {
            if (closed) {
                throw new StoreClosedException(description);
            }
            writer.begin.execute();
            try {
                SqlSession session = writer.session();
                T result = work.apply(session);
                hook.beforeCommit(operation, session.changes());
                long seq = images != null ? ledger.appendImages(writer.connection, operation, images)
                        : ledger.append(writer.connection, operation, session.changes());
                writer.commit.execute();
                ledger.committed(seq);
                return result;
            } catch (Throwable e) {
                writer.rollbackQuietly();
                throw e;
            }
        } catch (StoreException | DuplicateKeyException e) {
            throw e;
        } catch (RuntimeException | SQLException e) {
            throw errors.translate(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** One transaction that only appends a ledger entry of {@code images} (a migration's). */
    void append(String operation, List<LedgerChange> images) {
        write(operation, session -> null, images);
    }

    /** Stops writes and closes the writer connection, after letting a write in flight finish (they are short). */
    void close() {
        closed = true;
        if (writer == null) {
            return;
        }
        boolean locked = false;
        try {
            locked = writeLock.tryLock(lockTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            writer.close();
        } finally {
            if (locked) {
                writeLock.unlock();
            }
        }
    }

    private void lockWriter() {
        try {
            if (!writeLock.tryLock(lockTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreUnavailableException(description + ": the writer connection did not become free"
                        + " within " + lockTimeoutMillis + " ms; retry", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(description + ": interrupted while waiting for the writer"
                    + " connection; retry", e);
        }
    }
}
