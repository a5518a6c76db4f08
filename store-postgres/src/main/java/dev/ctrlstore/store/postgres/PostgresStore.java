package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.SqlStoreBuilder;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link dev.ctrlstore.store.Store} in PostgreSQL: the production backend, safe for many processes on one
 * database. Each call is one transaction; optimistic versions, the schema's unique keys and bounded retries of
 * serialization failures and deadlocks keep concurrent writers from losing updates or duplicating keys.
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.builder()
 *         .jdbcUrl("jdbc:postgresql://db:5432/control").user("ctrl").password(secret)
 *         .build()) {
 *     store.migrate();
 *     ...
 * }
 * }</pre>
 *
 * Opening refuses a database whose schema is newer than this code; a store must be migrated before use.
 */
public final class PostgresStore extends SqlStore {
    private final PostgresConfig config;
    private final PostgresDatabase database;

    private PostgresStore(PostgresConfig config) {
        this(config, new PostgresDatabase(config));
    }

    private PostgresStore(PostgresConfig config, PostgresDatabase database) {
        super(database, config.clock(), config.secretCipher());
        this.config = config;
        this.database = database;
    }

    PostgresDatabase database() {
        return database;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings this store was opened with (the password is not shown by its toString). */
    public PostgresConfig config() {
        return config;
    }

    /** Settings for a {@link PostgresStore}: a JDBC URL or a data source is required. Not thread-safe. */
    public static final class Builder extends SqlStoreBuilder<Builder> {
        private String jdbcUrl;
        private String user;
        private String password;
        private DataSource dataSource;
        private int poolSize = PostgresConfig.DEFAULT_POOL_SIZE;
        private Duration connectionTimeout = PostgresConfig.DEFAULT_CONNECTION_TIMEOUT;
        private String schema;
        private int maxRetries = PostgresConfig.DEFAULT_MAX_RETRIES;

        private Builder() {
        }

        /** {@code jdbc:postgresql://host:5432/database}; the store then owns a HikariCP pool. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = Checks.notNull(jdbcUrl, "jdbcUrl");
            return this;
        }

        public Builder user(String user) {
            this.user = Checks.notNull(user, "user");
            return this;
        }

        public Builder password(String password) {
            this.password = Checks.notNull(password, "password");
            return this;
        }

        /** Your own data source instead of a URL (pool settings are then yours; the store does not close it). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Checks.notNull(dataSource, "dataSource");
            return this;
        }

        /**
         * Most connections of the store's own pool, 2–1000 (Flyway uses two at once). Default:
         * {@value PostgresConfig#DEFAULT_POOL_SIZE}.
         */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** Longest wait for a free pooled connection, at least 250 ms. Default: 10 s. */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = Checks.notNull(connectionTimeout, "connectionTimeout");
            return this;
        }

        /** The schema for the tables (lower-case identifier; created by migrate). Default: the user's default. */
        public Builder schema(String schema) {
            this.schema = Checks.notNull(schema, "schema");
            return this;
        }

        /** Re-runs after a serialization failure or deadlock, 0–100. Default: {@value PostgresConfig#DEFAULT_MAX_RETRIES}. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }


        /**
         * Validates the settings and connects.
         *
         * @throws dev.ctrlstore.store.InvalidArgumentException for a setting out of range, or URL and data source
         *         both or neither given
         * @throws dev.ctrlstore.store.StoreUnavailableException when the server cannot be reached
         * @throws dev.ctrlstore.store.StorageException when the schema is newer than this code
         */
        public PostgresStore build() {
            return new PostgresStore(new PostgresConfig(Optional.ofNullable(jdbcUrl), Optional.ofNullable(user),
                    Optional.ofNullable(password), Optional.ofNullable(dataSource), poolSize, connectionTimeout,
                    Optional.ofNullable(schema), maxRetries, clock(), secretCipher(), ledgerMode()));
        }
    }
}
