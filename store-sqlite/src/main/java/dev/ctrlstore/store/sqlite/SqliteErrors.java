package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.UniqueKeys;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SQLite's errors as the API's exceptions; unique violations as {@link DuplicateKeyException}. */
final class SqliteErrors {
    /**
     * "UNIQUE constraint failed: instances.tenant_id, instances.slug": SQLite names a violated key by its table and
     * columns (its messages are not translated), and {@link UniqueKeys} knows the key with those columns.
     */
    private static final Pattern UNIQUE_COLUMNS = Pattern.compile("constraint failed: ((?:\\w+\\.\\w+)(?:, \\w+\\.\\w+)*)");

    private final String description;
    private final Duration busyTimeout;

    SqliteErrors(String description, Duration busyTimeout) {
        this.description = description;
        this.busyTimeout = busyTimeout;
    }

    RuntimeException translate(Exception e) {
        SQLiteException sqlite = SqlDatabase.causeOf(e, SQLiteException.class);
        if (sqlite == null) {
            return new StorageException(description + ": " + e.getMessage(), e);
        }
        SQLiteErrorCode code = sqlite.getResultCode();
        String message = sqlite.getMessage();
        switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> {
                return uniqueKey(message).<RuntimeException>map(key -> new DuplicateKeyException(key, e))
                        .orElseGet(() -> new StorageException(description + ": a unique key not in this schema's"
                                + " migrations was violated (" + message + ")", e));
            }
            case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED,
                    SQLITE_LOCKED_SHAREDCACHE -> {
                return new StoreUnavailableException(description + " stayed locked by another connection for"
                        + " longer than the busy timeout (" + busyTimeout.toMillis() + " ms); retry,"
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

    /** The key a unique violation names, by table and column list. */
    static Optional<UniqueKeys.Key> uniqueKey(String message) {
        Matcher m = message == null ? null : UNIQUE_COLUMNS.matcher(message);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        List<String[]> columns = Arrays.stream(m.group(1).split(", ")).map(c -> c.split("\\.")).toList();
        String table = columns.get(0)[0];
        if (columns.stream().anyMatch(c -> !c[0].equals(table))) {
            return Optional.empty();
        }
        return UniqueKeys.byColumns(table, columns.stream().map(c -> c[1]).toList());
    }
}
