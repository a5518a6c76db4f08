package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.secret.SecretCipher;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.telemetry.TelemetryStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link Store} in one local SQLite file: WAL journal, foreign keys on, {@code synchronous=NORMAL}; one writer
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
 * than this code. A store must be migrated ({@link #migrate()}) before use; thread-safe.
 */
public final class SqliteStore implements Store {
    private final SqliteConfig config;
    private final SqlStore store;

    private SqliteStore(SqliteConfig config) {
        this.config = config;
        this.store = new SqlStore(new SqliteDatabase(config), config.clock(), config.secretCipher());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings this store was opened with. */
    public SqliteConfig config() {
        return config;
    }

    @Override
    public InstanceStore instances() {
        return store.instances();
    }

    @Override
    public DeploymentStore deployments() {
        return store.deployments();
    }

    @Override
    public HealthStore health() {
        return store.health();
    }

    @Override
    public TelemetryStore telemetry() {
        return store.telemetry();
    }

    @Override
    public NetworkStore network() {
        return store.network();
    }

    @Override
    public SecretStore secrets() {
        return store.secrets();
    }

    @Override
    public AdminStore admin() {
        return store.admin();
    }

    /** Applies the shared migrations; refused on a read-only store. */
    @Override
    public void migrate() {
        store.migrate();
    }

    @Override
    public void ping() {
        store.ping();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return store.toString();
    }

    /** Settings for a {@link SqliteStore}; only {@link #path(Path)} is required. Not thread-safe. */
    public static final class Builder {
        private Path path;
        private boolean readOnly;
        private int readerPoolSize = SqliteConfig.DEFAULT_READER_POOL_SIZE;
        private Duration busyTimeout = SqliteConfig.DEFAULT_BUSY_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private SecretCipher secretCipher;

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

        /** Where createdAt/updatedAt come from. Default: the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * Encrypts secret values at rest, e.g. {@code AesGcmSecretCipher.fromBase64(key)}. Default: none, and then
         * the secret methods fail saying so.
         */
        public Builder secretCipher(SecretCipher secretCipher) {
            this.secretCipher = Checks.notNull(secretCipher, "secretCipher");
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
                    busyTimeout, clock, Optional.ofNullable(secretCipher)));
        }
    }
}
