package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.ReadOnlyStoreException;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import dev.ctrlstore.store.sql.Prepared;
import dev.ctrlstore.store.sql.PreparedJdbc;
import dev.ctrlstore.store.sql.Row;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.SchemaMigrator.Standing;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.SqlSession;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connections to one SQLite file: a pool of reader connections and, unless read-only, exactly one writer
 * connection. WAL lets readers run beside the writer; the single writer (one connection behind a lock, its
 * transactions begun IMMEDIATE) means writers in this process queue instead of failing with SQLITE_BUSY.
 *
 * <p>The connections are this class's own rather than a general pool's: a local file's connections never break or
 * go stale, and owning them lets each keep its {@link Prepared} statements prepared for its whole life (a pool's
 * proxies close a connection's statements every time it is returned). Transactions are begun and ended with
 * statements prepared once per connection ({@code begin} / {@code begin immediate}, {@code commit},
 * {@code rollback}): JDBC's {@code setAutoCommit}/{@code commit} would have sqlite-jdbc compile four statements per
 * transaction, including an extra {@code begin immediate} that takes the write lock again right after each commit.
 */
final class SqliteDatabase implements SqlDatabase {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** "UNIQUE constraint failed: instances.tenant_id, instances.slug": the last column names the key. */
    private static final Pattern UNIQUE_COLUMN = Pattern.compile("constraint failed: (?:.*, )?(\\w+)\\.(\\w+)");
    private static final Settings SETTINGS = new Settings().withExecuteLogging(false).withRenderSchema(false);
    private static final PreparedJdbc JDBC = new PreparedJdbc(SQLDialect.SQLITE, SETTINGS);

    private final SqliteConfig config;
    private final String description;
    /** How long a caller waits for a connection: as long as SQLite waits for another process's lock, at least 1 s. */
    private final long connectionTimeoutMillis;
    private final Readers readers;
    private final Conn writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Standing standing;
    private volatile boolean closed;

    SqliteDatabase(SqliteConfig config) {
        this.config = config;
        this.description = "SQLite store " + config.path() + (config.readOnly() ? " (read-only)" : "");
        this.connectionTimeoutMillis = Math.max(1_000, config.busyTimeout().toMillis() + 250);
        boolean fresh = requireSqliteFileOrNothing();
        Conn w = null;
        Readers r = null;
        try {
            if (fresh) {
                // Nothing to inspect yet: the writer creates the file before readers can open it.
                w = open(false);
            }
            r = new Readers(config.readerPoolSize());
            // Inspect the schema read-only before the writer touches the file (it switches the journal to WAL).
            standing = migrator(true).standing();
            if (config.readOnly() && standing != Standing.CURRENT) {
                throw new StorageException(description + " has " + (standing == Standing.EMPTY ? "no ctrlstore schema"
                        : "an older ctrlstore schema") + "; open it once for writing and call migrate(), then open it"
                        + " read-only. Nothing was changed.");
            }
            if (w == null && !config.readOnly()) {
                w = open(false);
            }
        } catch (RuntimeException e) {
            if (r != null) {
                r.close();
            }
            if (w != null) {
                w.close();
            }
            throw e;
        }
        this.readers = r;
        this.writer = w;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public <T> T read(Function<DSLContext, T> work) {
        requireUsable();
        Conn c = readers.acquire();
        try {
            c.begin.execute();
            try {
                T result = work.apply(c.dsl);
                c.commit.execute();
                return result;
            } catch (Throwable e) {
                c.rollbackQuietly();
                throw e;
            }
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException | SQLException e) {
            throw translate(e);
        } finally {
            readers.release(c);
        }
    }

    @Override
    public <T> T fetchFirst(Prepared query, Function<Row, T> mapper, Object... values) {
        requireUsable();
        Conn c = readers.acquire();
        try {
            // One statement in autocommit mode: SQLite gives it one snapshot, no transaction to begin or end.
            return c.fetchFirst(query, mapper, values);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        } finally {
            readers.release(c);
        }
    }

    @Override
    public <T> T write(String operation, Function<DSLContext, T> work) {
        return transact(operation, session -> work.apply(session.dsl()));
    }

    @Override
    public <T> T transact(String operation, Function<SqlSession, T> work) {
        checkOpen();
        if (writer == null) {
            throw new ReadOnlyStoreException(description, operation);
        }
        requireUsable();
        lockWriter();
        try {
            checkOpen();
            writer.begin.execute();
            try {
                T result = work.apply(writer);
                writer.commit.execute();
                return result;
            } catch (Throwable e) {
                writer.rollbackQuietly();
                throw e;
            }
        } catch (StoreException | DuplicateKeyException e) {
            throw e;
        } catch (RuntimeException | SQLException e) {
            throw translate(e);
        } finally {
            writeLock.unlock();
        }
    }

    private void lockWriter() {
        try {
            if (!writeLock.tryLock(connectionTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreUnavailableException(description + ": the writer connection did not become free"
                        + " within " + connectionTimeoutMillis + " ms; retry", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(description + ": interrupted while waiting for the writer"
                    + " connection; retry", e);
        }
    }

    @Override
    public void migrate() {
        checkOpen();
        if (writer == null) {
            throw new ReadOnlyStoreException(description, "migrate()");
        }
        migrator(false).migrate();
        standing = Standing.CURRENT;
    }

    @Override
    public void ping() {
        checkOpen();
        Conn c = readers.acquire();
        try {
            c.dsl.selectOne().fetch();
        } catch (RuntimeException e) {
            throw translate(e);
        } finally {
            readers.release(c);
        }
    }

    @Override
    public void close() {
        closed = true;
        // Readers first: the last connection to close checkpoints the WAL into the file, and only a writer can.
        if (readers != null) {
            readers.close();
        }
        if (writer != null) {
            boolean locked = false;
            try {
                // Let a write in flight finish (they are short) rather than pull its connection away.
                locked = writeLock.tryLock(connectionTimeoutMillis, TimeUnit.MILLISECONDS);
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
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreClosedException(description);
        }
    }

    private void requireUsable() {
        checkOpen();
        if (standing != Standing.CURRENT) {
            // Another store (or process) may have migrated the file since this one opened it.
            standing = migrator(true).standing();
        }
        if (standing != Standing.CURRENT) {
            throw new StorageException(description + " has " + (standing == Standing.EMPTY ? "no ctrlstore schema yet"
                    : "an older ctrlstore schema") + "; call migrate() before using it");
        }
    }

    /**
     * Checks the first bytes of an existing file so that a file that is not a SQLite database is refused before
     * any SQLite connection could write to it. Returns whether there is no database yet.
     */
    private boolean requireSqliteFileOrNothing() {
        Path path = config.path();
        if (!Files.exists(path)) {
            if (config.readOnly()) {
                throw new StorageException(description + ": no such file; a read-only store opens an existing"
                        + " database only");
            }
            return true;
        }
        if (Files.isDirectory(path)) {
            throw new StorageException(description + ": the path is a directory; give the database file's path");
        }
        byte[] header = new byte[HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new StorageException(description + ": cannot read the file: " + e.getMessage(), e);
        }
        if (read == 0 && !config.readOnly()) {
            return true;
        }
        if (read < HEADER.length || !Arrays.equals(header, HEADER)) {
            throw new StorageException(description + ": the file is not a SQLite database (its first bytes are"
                    + " not the SQLite header); check the path. The file was not changed.");
        }
        return false;
    }

    private SQLiteDataSource dataSource(boolean reader) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
        if (reader) {
            sqlite.setReadOnly(true);
            sqlite.setOpenMode(SQLiteOpenMode.READONLY);
        } else {
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            // Take the write lock when the transaction starts, so a transaction never fails upgrading its lock.
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl("jdbc:sqlite:" + config.path());
        return ds;
    }

    /** A new connection with this store's settings; readers are opened read-only. */
    private Conn open(boolean reader) {
        try {
            return new Conn(dataSource(reader).getConnection(), reader);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private SchemaMigrator migrator(boolean readOnly) {
        return new SchemaMigrator(dataSource(readOnly), "sqlite", description);
    }

    /** Driver errors as the API's exceptions; unique violations as {@link DuplicateKeyException}. */
    private RuntimeException translate(Exception e) {
        SQLiteException sqlite = SqlDatabase.causeOf(e, SQLiteException.class);
        if (sqlite != null) {
            SQLiteErrorCode code = sqlite.getResultCode();
            String message = sqlite.getMessage();
            switch (code) {
                case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> {
                    Matcher m = UNIQUE_COLUMN.matcher(message);
                    return m.find() ? new DuplicateKeyException(m.group(1), m.group(2), e)
                            : new StorageException(description + ": " + message, e);
                }
                case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED,
                        SQLITE_LOCKED_SHAREDCACHE -> {
                    return new StoreUnavailableException(description + " stayed locked by another connection for"
                            + " longer than the busy timeout (" + config.busyTimeout().toMillis() + " ms); retry,"
                            + " or raise busyTimeout", e);
                }
                case SQLITE_NOTADB -> {
                    return new StorageException(description + ": the file is not a SQLite database", e);
                }
                case SQLITE_CORRUPT, SQLITE_CORRUPT_VTAB -> {
                    return new StorageException(description + " is damaged (" + message + "); restore it from a"
                            + " backup or snapshot", e);
                }
                case SQLITE_FULL -> {
                    return new StorageException(description + ": the disk is full; free space and retry", e);
                }
                default -> {
                    if (code.name().startsWith("SQLITE_READONLY")) {
                        return new StorageException(description + " cannot be written (" + message + "); check the"
                                + " file's and its folder's permissions", e);
                    }
                    if (message != null && message.contains("no such table")) {
                        return new StorageException(description + " has no ctrlstore schema (" + message + ");"
                                + " call migrate()", e);
                    }
                    return new StorageException(description + ": " + message, e);
                }
            }
        }
        return new StorageException(description + ": " + e.getMessage(), e);
    }

    /**
     * The reader connections: opened as needed up to the configured size (one at once, so a broken file fails
     * here), then reused; a caller waits up to the connection timeout for a free one.
     */
    private final class Readers {
        private final ArrayBlockingQueue<Conn> idle;
        private final AtomicInteger opened = new AtomicInteger();
        private final int size;

        Readers(int size) {
            this.size = size;
            this.idle = new ArrayBlockingQueue<>(size);
            opened.incrementAndGet();
            idle.add(open(true));
        }

        Conn acquire() {
            checkOpen();
            Conn c = idle.poll();
            if (c != null) {
                return c;
            }
            for (int n = opened.get(); n < size; n = opened.get()) {
                if (opened.compareAndSet(n, n + 1)) {
                    try {
                        return open(true);
                    } catch (RuntimeException e) {
                        opened.decrementAndGet();
                        throw e;
                    }
                }
            }
            try {
                c = idle.poll(connectionTimeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException(description + ": interrupted while waiting for a reader"
                        + " connection; retry", e);
            }
            if (c == null) {
                throw new StoreUnavailableException(description + ": no reader connection became free within "
                        + connectionTimeoutMillis + " ms; retry, or raise readerPoolSize", null);
            }
            return c;
        }

        void release(Conn c) {
            if (closed || !idle.offer(c)) {
                c.close();
                return;
            }
            if (closed) {
                close(); // closed while this one was being returned
            }
        }

        void close() {
            for (Conn c = idle.poll(); c != null; c = idle.poll()) {
                c.close();
            }
        }
    }

    /**
     * One connection, jOOQ on it, and the statements prepared on it; used by one thread at a time (a reader while
     * taken from the pool, the writer under the write lock). As the writer it is also the transaction's session.
     */
    private final class Conn implements SqlSession {
        final Connection connection;
        final DSLContext dsl;
        final PreparedStatement begin;
        final PreparedStatement commit;
        final PreparedStatement rollback;
        private final Map<Prepared, PreparedStatement> statements = new IdentityHashMap<>();

        Conn(Connection connection, boolean reader) throws SQLException {
            this.connection = connection;
            try {
                this.dsl = JDBC.dsl(connection);
                // Readers begin DEFERRED (a read snapshot); the writer IMMEDIATE (it takes the write lock at once,
                // so a transaction never fails upgrading its lock).
                this.begin = connection.prepareStatement(reader ? "begin" : "begin immediate");
                this.commit = connection.prepareStatement("commit");
                this.rollback = connection.prepareStatement("rollback");
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public DSLContext dsl() {
            return dsl;
        }

        @Override
        public int execute(Prepared prepared, Object... values) {
            return JDBC.executeUpdate(statement(prepared), prepared, values);
        }

        @Override
        public <T> T fetchFirst(Prepared prepared, Function<Row, T> mapper, Object... values) {
            return JDBC.fetchFirst(statement(prepared), prepared, mapper, values);
        }

        private PreparedStatement statement(Prepared prepared) {
            PreparedStatement ps = statements.get(prepared);
            if (ps == null) {
                try {
                    ps = connection.prepareStatement(JDBC.sql(prepared));
                } catch (SQLException e) {
                    throw PreparedJdbc.failed(prepared, e);
                }
                statements.put(prepared, ps);
            }
            return ps;
        }

        void rollbackQuietly() {
            try {
                rollback.execute();
            } catch (SQLException e) {
                // No transaction left to roll back (SQLite already ended it): nothing to do.
            }
        }

        void close() {
            try {
                connection.close(); // also finalizes every statement prepared on it
            } catch (SQLException e) {
                // Closing a local file's connection fails only if it is already unusable.
            }
        }
    }

}
