package dev.ctrlstore.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ctrlstore.store.ReadOnlyStoreException;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.SchemaMigrator.Standing;
import dev.ctrlstore.store.sql.SqlDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
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
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connections to one SQLite file: a pool of reader connections and, unless read-only, exactly one writer
 * connection. WAL lets readers run beside the writer; the single writer (its pool holds one connection, and its
 * transactions begin IMMEDIATE) means writers in this process queue instead of failing with SQLITE_BUSY.
 */
final class SqliteDatabase implements SqlDatabase {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** "UNIQUE constraint failed: instances.tenant_id, instances.slug": the last column names the key. */
    private static final Pattern UNIQUE_COLUMN = Pattern.compile("constraint failed: (?:.*, )?(\\w+)\\.(\\w+)");

    private final SqliteConfig config;
    private final String description;
    private final HikariDataSource readers;
    private final HikariDataSource writer;
    private final DSLContext readDsl;
    private final DSLContext writeDsl;
    private volatile Standing standing;
    private volatile boolean closed;

    SqliteDatabase(SqliteConfig config) {
        this.config = config;
        this.description = "SQLite store " + config.path() + (config.readOnly() ? " (read-only)" : "");
        boolean fresh = requireSqliteFileOrNothing();
        HikariDataSource w = null;
        HikariDataSource r = null;
        try {
            if (fresh) {
                // Nothing to inspect yet: the writer creates the file before readers can open it.
                w = pool("writer", false, 1);
            }
            r = pool("reader", true, config.readerPoolSize());
            // Inspect the schema read-only before the writer touches the file (it switches the journal to WAL).
            standing = migrator(true).standing();
            if (config.readOnly() && standing != Standing.CURRENT) {
                throw new StorageException(description + " has " + (standing == Standing.EMPTY ? "no ctrlstore schema"
                        : "an older ctrlstore schema") + "; open it once for writing and call migrate(), then open it"
                        + " read-only. Nothing was changed.");
            }
            if (w == null && !config.readOnly()) {
                w = pool("writer", false, 1);
            }
        } catch (RuntimeException e) {
            closeQuietly(r);
            closeQuietly(w);
            throw e;
        }
        this.readers = r;
        this.writer = w;
        Settings settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
        this.readDsl = DSL.using(readers, SQLDialect.SQLITE, settings);
        this.writeDsl = writer == null ? null : DSL.using(writer, SQLDialect.SQLITE, settings);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public <T> T read(Function<DSLContext, T> work) {
        requireUsable();
        try {
            return readDsl.transactionResult(tx -> work.apply(tx.dsl()));
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public <T> T write(String operation, Function<DSLContext, T> work) {
        checkOpen();
        if (writeDsl == null) {
            throw new ReadOnlyStoreException(description, operation);
        }
        requireUsable();
        try {
            return writeDsl.transactionResult(tx -> work.apply(tx.dsl()));
        } catch (StoreException | DuplicateKeyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
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
        try {
            readDsl.selectOne().fetch();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        // Readers first: the last connection to close checkpoints the WAL into the file, and only a writer can.
        closeQuietly(readers);
        closeQuietly(writer);
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

    private HikariDataSource pool(String role, boolean readOnly, int size) {
        SQLiteDataSource dataSource = dataSource(readOnly);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ctrlstore-sqlite-" + role);
        hikari.setDataSource(dataSource);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(true);
        // Must match the connection's open mode: sqlite-jdbc cannot change it on an open connection.
        hikari.setReadOnly(readOnly);
        // A caller waits for a connection as long as SQLite would wait for another process's lock, at least 1 s.
        hikari.setConnectionTimeout(Math.max(1_000, config.busyTimeout().toMillis() + 250));
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private SchemaMigrator migrator(boolean readOnly) {
        return new SchemaMigrator(dataSource(readOnly), "sqlite", description);
    }

    /** Driver and pool errors as the API's exceptions; unique violations as {@link DuplicateKeyException}. */
    private RuntimeException translate(RuntimeException e) {
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
        if (SqlDatabase.causeOf(e, SQLTransientConnectionException.class) != null) {
            return new StoreUnavailableException(description + ": no connection became free within "
                    + Math.max(1_000, config.busyTimeout().toMillis() + 250) + " ms; retry", e);
        }
        return new StorageException(description + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(HikariDataSource pool) {
        if (pool != null) {
            pool.close();
        }
    }
}
