package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.secret.SecretCipher;
import dev.ctrlstore.store.sql.ledger.LedgerMode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The validated, frozen settings of a {@link SqliteStore}; built by {@link SqliteStore.Builder}.
 *
 * @param path the database file; created (with its folder's permission) when missing, unless read-only
 * @param readOnly open without writing anything; every write method throws
 * @param readerPoolSize connections for reads, which run in parallel (WAL); writes use one more connection
 * @param busyTimeout how long a statement waits for a lock held by another process before failing as retryable
 * @param clock where createdAt/updatedAt come from
 * @param secretCipher encrypts secret values at rest
 * @param ledger whether replicated writes append to the ledger ({@link LedgerMode#OFF} or {@link LedgerMode#SYNC})
 */
public record SqliteConfig(Path path, boolean readOnly, int readerPoolSize, Duration busyTimeout, Clock clock,
        Optional<SecretCipher> secretCipher, LedgerMode ledger) {
    /** Default number of reader connections. */
    public static final int DEFAULT_READER_POOL_SIZE = 4;
    /** Default wait for another process's lock. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_READER_POOL_SIZE = 64;

    public SqliteConfig {
        Checks.notNull(path, "path");
        if (readerPoolSize < 1 || readerPoolSize > MAX_READER_POOL_SIZE) {
            throw new InvalidArgumentException("readerPoolSize", "readerPoolSize must be between 1 and "
                    + MAX_READER_POOL_SIZE + ", got " + readerPoolSize);
        }
        Checks.notNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("busyTimeout", "busyTimeout must be between 0 and "
                    + Integer.MAX_VALUE + " ms, got " + busyTimeout);
        }
        Checks.notNull(clock, "clock");
        secretCipher = secretCipher == null ? Optional.empty() : secretCipher;
        path = path.toAbsolutePath().normalize();
        Checks.notNull(ledger, "ledger");
        if (ledger == LedgerMode.GROUP_COMMIT) {
            throw new InvalidArgumentException("ledger", "ledger GROUP_COMMIT is for PostgreSQL servers with a real"
                    + " fsync; a SQLite center appends in its single writer's transaction: use SYNC");
        }
        if (ledger != LedgerMode.OFF && readOnly) {
            throw new InvalidArgumentException("ledger", "a read-only store writes no ledger; build it with ledger"
                    + " OFF (the default), got " + ledger);
        }
    }

    /** Settings without a ledger ({@link LedgerMode#OFF}). */
    public SqliteConfig(Path path, boolean readOnly, int readerPoolSize, Duration busyTimeout, Clock clock,
            Optional<SecretCipher> secretCipher) {
        this(path, readOnly, readerPoolSize, busyTimeout, clock, secretCipher, LedgerMode.OFF);
    }
}
