package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.ReadOnlyStoreException;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.CommitHook;
import dev.ctrlstore.store.sql.Prepared;
import dev.ctrlstore.store.sql.Row;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.SchemaMigrator.Standing;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.SqlSession;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import org.jooq.DSLContext;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Connections to one SQLite file: a pool of reader connections and, unless read-only, exactly one writer
 * connection. WAL lets readers run beside the writer; the single writer (one connection behind a lock, its
 * transactions begun IMMEDIATE) means writers in this process queue instead of failing with SQLITE_BUSY.
 *
 * <p>The connections are this class's own rather than a general pool's: a local file's connections never break or
 * go stale, and owning them lets each keep its {@link Prepared} statements prepared for its whole life (a pool's
 * proxies close a connection's statements every time it is returned). Transactions run in
 * {@link SqliteTransactions}; driver errors are translated by {@link SqliteErrors}.
 */
final class SqliteDatabase implements SqlDatabase {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final SqliteConfig config;
    private final String description;
    /** How long a caller waits for a connection: as long as SQLite waits for another process's lock, at least 1 s. */
    private final long connectionTimeoutMillis;
    private final SqliteErrors errors;
    private final Readers readers;
    private final SqliteTransactions transactions;
    private final LedgerAppender ledger;
    private volatile Standing standing;
    private volatile boolean closed;

    SqliteDatabase(SqliteConfig config) {
        this(config, CommitHook.NONE);
    }

    /** @param hook called with each write transaction's changes just before it commits */
    SqliteDatabase(SqliteConfig config, CommitHook hook) {
        this.config = config;
        this.description = "SQLite store " + config.path() + (config.readOnly() ? " (read-only)" : "");
        this.connectionTimeoutMillis = Math.max(1_000, config.busyTimeout().toMillis() + 250);
        this.errors = new SqliteErrors(description, config.busyTimeout());
        boolean fresh = requireSqliteFileOrNothing();
        SqliteConnection w = null;
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
        this.ledger = new LedgerAppender(config.ledger(), config.clock(), description);
        this.transactions = new SqliteTransactions(description, w, errors, hook, ledger, connectionTimeoutMillis);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public <T> T read(Function<DSLContext, T> work) {
        requireUsable();
        SqliteConnection c = readers.acquire();
        try {
            return transactions.read(c, work);
        } finally {
            readers.release(c);
        }
    }

    @Override
    public <T> T fetchFirst(Prepared query, Function<Row, T> mapper, Object... values) {
        return alone(c -> c.fetchFirst(query, mapper, values));
    }

    @Override
    public <T> List<T> fetchAll(Prepared query, Function<Row, T> mapper, Object... values) {
        return alone(c -> c.fetchAll(query, mapper, values));
    }

    /** One prepared query on a reader, in autocommit mode (SQLite gives a statement one snapshot by itself). */
    private <T> T alone(Function<SqliteConnection, T> query) {
        requireUsable();
        SqliteConnection c = readers.acquire();
        try {
            return query.apply(c);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw errors.translate(e);
        } finally {
            readers.release(c);
        }
    }

    @Override
    public <T> T transact(String operation, Function<SqlSession, T> work) {
        checkOpen();
        if (config.readOnly()) {
            throw new ReadOnlyStoreException(description, operation);
        }
        requireUsable();
        return transactions.write(operation, work);
    }

    @Override
    public void migrate() {
        checkOpen();
        if (config.readOnly()) {
            throw new ReadOnlyStoreException(description, "migrate()");
        }
        int applied = migrator(false).migrate();
        standing = Standing.CURRENT;
        if (applied > 0 && ledger.on()) {
            // Replicas migrate their LDB when they reach this entry.
            transactions.append("migrate()", List.of(new LedgerChange.Migrate(SchemaMigrator.newestVersion("sqlite"))));
        }
    }

    @Override
    public long ledgerPosition() {
        return ledger.position();
    }

    @Override
    public void ping() {
        checkOpen();
        SqliteConnection c = readers.acquire();
        try {
            c.dsl.selectOne().fetch();
        } catch (RuntimeException e) {
            throw errors.translate(e);
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
        if (transactions != null) {
            transactions.close();
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
            Path folder = path.toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                // SQLite would only say "out of memory" or "unable to open database file".
                throw new StorageException(description + ": the folder " + folder + (Files.exists(folder)
                        ? " is not a directory" : " does not exist") + "; create it first (mkdir -p " + folder
                        + ") or give a path in an existing folder. Nothing was created.");
            }
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
            sqlite.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(SqliteStore.READER_MMAP_BYTES));
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
    private SqliteConnection open(boolean reader) {
        try {
            return new SqliteConnection(dataSource(reader).getConnection(), reader);
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    private SchemaMigrator migrator(boolean readOnly) {
        return new SchemaMigrator(dataSource(readOnly), "sqlite", description);
    }

    /**
     * The reader connections: opened as needed up to the configured size (one at once, so a broken file fails
     * here), then reused; a caller waits up to the connection timeout for a free one.
     */
    private final class Readers {
        private final ArrayBlockingQueue<SqliteConnection> idle;
        private final AtomicInteger opened = new AtomicInteger();
        private final int size;

        Readers(int size) {
            this.size = size;
            this.idle = new ArrayBlockingQueue<>(size);
            opened.incrementAndGet();
            idle.add(open(true));
        }

        SqliteConnection acquire() {
            checkOpen();
            SqliteConnection c = idle.poll();
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

        void release(SqliteConnection c) {
            if (closed || !idle.offer(c)) {
                c.close();
                return;
            }
            if (closed) {
                close(); // closed while this one was being returned
            }
        }

        void close() {
            for (SqliteConnection c = idle.poll(); c != null; c = idle.poll()) {
                c.close();
            }
        }
    }
}
