package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.SqlStoreBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link dev.ctrlstore.store.Store} in one local SQLite file: WAL journal, foreign keys on, {@code synchronous=NORMAL}; one writer
 * connection and a pool of readers, so concurrent callers never see {@code SQLITE_BUSY} from each other. Opened
 * read-only it writes nothing to the file and every write method throws
 * {@link dev.ctrlstore.store.ReadOnlyStoreException}; it then still sees rows another process commits.
 *
 * <pre>{@code
 * try (SqliteStore store = SqliteStore.builder().path(Path.of("ctrlstore.db")).build()) {
 *     store.migrate();
 *     ...
 * }
 * }</pre>
 *
 * Opening refuses, without changing the file, a file that is not a SQLite database and one whose schema is newer
 * than this code. A store must be migrated ({@link #migrate()}; refused when read-only) before use; thread-safe.
 */
public final class SqliteStore extends SqlStore {
    /**
     * How much of the file each reader connection maps into memory ({@code PRAGMA mmap_size}): a read of a page the
     * operating system has cached is then a memory access instead of a system call and a copy, which a point read
     * in a file larger than SQLite's own page cache would otherwise make several times. Address space only.
     */
    public static final long READER_MMAP_BYTES = 256L << 20;
    private final SqliteConfig config;

    private SqliteStore(SqliteConfig config) {
        super(new SqliteDatabase(config), config.clock(), config.secretCipher());
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings this store was opened with. */
    public SqliteConfig config() {
        return config;
    }

    /** Settings for a {@link SqliteStore}; only {@link #path(Path)} is required. Not thread-safe. */
    public static final class Builder extends SqlStoreBuilder<Builder> {
        private Path path;
        private boolean readOnly;
        private int readerPoolSize = SqliteConfig.DEFAULT_READER_POOL_SIZE;
        private Duration busyTimeout = SqliteConfig.DEFAULT_BUSY_TIMEOUT;

        private Builder() {
        }

        /** The database file. Required. */
        public Builder path(Path path) {
            this.path = Checks.notNull(path, "path");
            return this;
        }

        /** Open an existing file without writing to it. Default: false. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Reader connections, 1 to 64. Default: {@value SqliteConfig#DEFAULT_READER_POOL_SIZE}. */
        public Builder readerPoolSize(int readerPoolSize) {
            this.readerPoolSize = readerPoolSize;
            return this;
        }

        /** How long to wait for another process's lock. Default: 5 s. */
        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = Checks.notNull(busyTimeout, "busyTimeout");
            return this;
        }


        /**
         * Validates the settings and opens the file.
         *
         * @throws dev.ctrlstore.store.InvalidArgumentException for a missing path or a setting out of range
         * @throws dev.ctrlstore.store.StorageException when the file is not a SQLite database, its schema is newer
         *         than this code, or (read-only) it does not exist or has no current schema
         */
        public SqliteStore build() {
            return new SqliteStore(new SqliteConfig(Checks.notNull(path, "path"), readOnly, readerPoolSize,
                    busyTimeout, clock(), secretCipher(), ledgerMode()));
        }
    }
}
