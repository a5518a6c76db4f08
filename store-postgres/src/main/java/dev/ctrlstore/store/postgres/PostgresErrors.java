package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.UniqueKeys;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * PostgreSQL's and the pool's errors as the API's exceptions, as the retry signal, or as {@link DuplicateKeyException}.
 * Only SQLSTATEs and the fields the server sends apart from its text are read: the message and DETAIL lines are
 * in the server's {@code lc_messages} language.
 */
final class PostgresErrors {
    /** Serialization failure, deadlock, foreign key violated by a concurrent delete. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23503");

    private final PostgresConfig config;
    private final String description;

    PostgresErrors(PostgresConfig config, String description) {
        this.config = config;
        this.description = description;
    }

    /** {@code readOnly}: a read is not retried, so its serialization failures are reported as unavailable. */
    RuntimeException translate(Exception e, boolean readOnly) {
        SQLException sql = SqlDatabase.causeOf(e, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        if (SqlDatabase.causeOf(e, SQLTransientConnectionException.class) != null) {
            return new StoreUnavailableException(description + ": no connection became free within "
                    + config.connectionTimeout().toMillis() + " ms (pool size " + config.poolSize() + "); retry, or"
                    + " raise poolSize", e);
        }
        if (state == null) {
            return new StorageException(description + ": " + rootMessage(e), e);
        }
        if (state.equals("23505")) {
            String constraint = constraint(sql);
            return UniqueKeys.byPostgresName(constraint == null ? "" : constraint)
                    .<RuntimeException>map(key -> new DuplicateKeyException(key, e))
                    .orElseGet(() -> new StorageException(description + ": unique key " + constraint
                            + ", which is not in this schema's migrations, was violated: " + sql.getMessage(), e));
        }
        if (!readOnly && RETRYABLE.contains(state)) {
            return new Retry(state, e);
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300") || state.equals("40001") || state.equals("40P01")) {
            return new StoreUnavailableException(description + " is unavailable (SQLSTATE " + state + ": "
                    + sql.getMessage() + "); retry", e);
        }
        if (state.equals("42P01")) {
            return new StorageException(description + " has no ctrlstore schema (" + sql.getMessage() + "); call"
                    + " migrate()", e);
        }
        if (state.equals("53100")) {
            return new StorageException(description + ": the server's disk is full; free space and retry", e);
        }
        return new StorageException(description + ": SQLSTATE " + state + ": " + sql.getMessage(), e);
    }

    /**
     * Whether {@code e} says the connection itself is gone (the server restarted, or an administrator ended the
     * session) rather than that the work failed: the pool drops such a connection, so a read can run again at once.
     */
    static boolean connectionLost(Throwable e) {
        SQLException sql = SqlDatabase.causeOf(e, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02"));
    }

    /** The violated constraint's (or unique index's) name, a field of the server's error apart from its text. */
    private static String constraint(SQLException sql) {
        if (sql instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            return server.getConstraint();
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** A transaction to run again: it lost against a concurrent one. */
    static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String sqlState;

        Retry(String sqlState, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.sqlState = sqlState;
        }
    }
}
