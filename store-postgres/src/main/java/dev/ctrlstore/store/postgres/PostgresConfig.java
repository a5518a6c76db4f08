package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.secret.SecretCipher;
import dev.ctrlstore.store.sql.ledger.LedgerMode;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated, frozen settings of a {@link PostgresStore}; built by {@link PostgresStore.Builder}. Either a JDBC
 * URL (the store then owns a HikariCP pool) or an existing {@link DataSource} (the caller owns it).
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:5432/db}; empty when {@code dataSource} is given
 * @param user database user for the URL; may be empty (then the URL or the driver's defaults decide)
 * @param password password for the URL; may be empty
 * @param dataSource a caller-owned data source instead of a URL
 * @param poolSize the most connections the store's own pool opens
 * @param connectionTimeout how long a call waits for a free connection before failing as retryable
 * @param schema the schema that holds the tables (created by migrate); empty for the connection's default
 * @param maxRetries how often a transaction that failed on a serialization failure or deadlock is run again
 * @param clock where createdAt/updatedAt come from
 * @param secretCipher encrypts secret values at rest
 * @param ledger whether and how replicated writes append to the ledger
 */
public record PostgresConfig(Optional<String> jdbcUrl, Optional<String> user, Optional<String> password,
        Optional<DataSource> dataSource, int poolSize, Duration connectionTimeout, Optional<String> schema,
        int maxRetries, Clock clock, Optional<SecretCipher> secretCipher, LedgerMode ledger) {
    /** Default pool size. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Default wait for a free connection. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** Default number of re-runs after a serialization failure or deadlock. */
    public static final int DEFAULT_MAX_RETRIES = 5;
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresConfig {
        jdbcUrl = Checks.notNull(jdbcUrl, "jdbcUrl");
        user = Checks.notNull(user, "user");
        password = Checks.notNull(password, "password");
        dataSource = Checks.notNull(dataSource, "dataSource");
        if (jdbcUrl.isPresent() == dataSource.isPresent()) {
            throw new InvalidArgumentException("jdbcUrl", "give either jdbcUrl (the store builds its own pool) or"
                    + " dataSource (yours), not " + (jdbcUrl.isPresent() ? "both" : "neither"));
        }
        jdbcUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new InvalidArgumentException("jdbcUrl", "jdbcUrl must start with jdbc:postgresql:, got "
                        + redact(url));
            }
        });
        if (poolSize < 2 || poolSize > 1_000) {
            // Flyway holds two connections at once while it checks or migrates the schema.
            throw new InvalidArgumentException("poolSize", "poolSize must be between 2 and 1000 (Flyway uses two"
                    + " connections at once), got " + poolSize);
        }
        Checks.notNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.toMillis() < 250) {
            throw new InvalidArgumentException("connectionTimeout", "connectionTimeout must be at least 250 ms"
                    + " (HikariCP's minimum), got " + connectionTimeout);
        }
        schema = Checks.notNull(schema, "schema");
        schema.ifPresent(s -> {
            if (!SCHEMA.matcher(s).matches()) {
                throw new InvalidArgumentException("schema", "schema must be a lower-case SQL identifier"
                        + " ([a-z_][a-z0-9_]*, at most 63 characters), got \"" + s + "\"");
            }
        });
        if (maxRetries < 0 || maxRetries > 100) {
            throw new InvalidArgumentException("maxRetries", "maxRetries must be between 0 and 100, got "
                    + maxRetries);
        }
        Checks.notNull(clock, "clock");
        secretCipher = Checks.notNull(secretCipher, "secretCipher");
        Checks.notNull(ledger, "ledger");
    }

    /** Settings without a ledger ({@link LedgerMode#OFF}). */
    public PostgresConfig(Optional<String> jdbcUrl, Optional<String> user, Optional<String> password,
            Optional<DataSource> dataSource, int poolSize, Duration connectionTimeout, Optional<String> schema,
            int maxRetries, Clock clock, Optional<SecretCipher> secretCipher) {
        this(jdbcUrl, user, password, dataSource, poolSize, connectionTimeout, schema, maxRetries, clock,
                secretCipher, LedgerMode.OFF);
    }

    /** The URL without a password, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "PostgresConfig[" + jdbcUrl.map(PostgresConfig::redact).orElse("dataSource") + ", user="
                + user.orElse("") + ", poolSize=" + poolSize + ", schema=" + schema.orElse("") + ", ledger=" + ledger + "]";
    }
}
