package dev.ctrlstore.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connections to one PostgreSQL database. Each call is one transaction: reads at REPEATABLE READ, read-only (one
 * snapshot for a page and its count), writes at READ COMMITTED with the schema's unique keys and the stores'
 * version checks doing the concurrency control. A write that fails on a serialization failure, a deadlock or a
 * foreign key whose parent vanished concurrently is run again (bounded), so the stores' own checks report the
 * outcome; a lost unique-key race becomes {@link DuplicateKeyException}.
 */
final class PostgresDatabase implements SqlDatabase {
    /** Serialization failure, deadlock, foreign key violated by a concurrent delete. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23503");
    /** "Key (tenant_id, slug)=(ten_…, acme) already exists.": the last column names the key. */
    private static final Pattern KEY_COLUMNS = Pattern.compile("Key \\(([^)]*)\\)=");

    private final PostgresConfig config;
    private final String description;
    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    private final Settings settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
    private volatile Standing standing;
    private volatile boolean closed;

    PostgresDatabase(PostgresConfig config) {
        this.config = config;
        this.description = "PostgreSQL store " + config.jdbcUrl().map(PostgresConfig::redact).orElse("(data source)")
                + config.schema().map(s -> " schema " + s).orElse("");
        if (config.dataSource().isPresent()) {
            this.ownPool = null;
            this.dataSource = config.dataSource().get();
        } else {
            this.ownPool = pool();
            this.dataSource = ownPool;
        }
        try {
            this.standing = migrator().standing();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public <T> T read(Function<DSLContext, T> work) {
        requireUsable();
        return transaction(true, work);
    }

    @Override
    public <T> T write(String operation, Function<DSLContext, T> work) {
        requireUsable();
        for (int attempt = 0; ; attempt++) {
            try {
                return transaction(false, work);
            } catch (Retry retry) {
                if (attempt >= config.maxRetries()) {
                    throw new StoreUnavailableException(description + ": " + operation + " kept failing on concurrent"
                            + " transactions (SQLSTATE " + retry.sqlState + ") after " + (attempt + 1)
                            + " attempts; retry later", retry.getCause());
                }
                backOff(attempt);
            }
        }
    }

    @Override
    public void migrate() {
        checkOpen();
        migrator().migrate();
        standing = Standing.CURRENT;
    }

    @Override
    public void ping() {
        checkOpen();
        transaction(true, ctx -> ctx.selectOne().fetch());
    }

    @Override
    public void close() {
        closed = true;
        if (ownPool != null) {
            ownPool.close();
        }
    }

    private <T> T transaction(boolean readOnly, Function<DSLContext, T> work) {
        try (Connection connection = connection()) {
            int isolation = ownPool == null ? connection.getTransactionIsolation() : Connection.TRANSACTION_NONE;
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(readOnly ? Connection.TRANSACTION_REPEATABLE_READ
                    : Connection.TRANSACTION_READ_COMMITTED);
            connection.setReadOnly(readOnly);
            try {
                T result = work.apply(DSL.using(connection, SQLDialect.POSTGRES, settings));
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } catch (SQLException e) {
                rollback(connection, e);
                throw e;
            } finally {
                if (ownPool == null) {
                    // A caller's pool may not reset what this transaction changed: hand the connection back as found.
                    connection.setReadOnly(false);
                    connection.setTransactionIsolation(isolation);
                    connection.setAutoCommit(true);
                }
            }
        } catch (StoreException | DuplicateKeyException | Retry e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw translate(e, readOnly);
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (ownPool == null && config.schema().isPresent()) {
            // A caller's data source: point this checkout at the configured schema (the own pool does it once).
            connection.setSchema(config.schema().get());
        }
        return connection;
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void requireUsable() {
        checkOpen();
        if (standing != Standing.CURRENT) {
            standing = migrator().standing();
        }
        if (standing != Standing.CURRENT) {
            throw new StorageException(description + " has " + (standing == Standing.EMPTY ? "no ctrlstore schema yet"
                    : "an older ctrlstore schema") + "; call migrate() before using it");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreClosedException(description);
        }
    }

    private SchemaMigrator migrator() {
        return new SchemaMigrator(dataSource, "postgresql", description, config.schema());
    }

    private HikariDataSource pool() {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ctrlstore-postgres");
        hikari.setJdbcUrl(config.jdbcUrl().orElseThrow());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        config.schema().ifPresent(hikari::setSchema);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setAutoCommit(true);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(description + ": cannot connect (" + rootMessage(e) + "); check the"
                    + " URL, user, password and that the server accepts connections", e);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 4L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry a transaction", e);
        }
    }

    /** Driver and pool errors as the API's exceptions, or as the retry / duplicate-key signals. */
    private RuntimeException translate(Exception e, boolean readOnly) {
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
            String[] table = {"?"};
            String column = duplicateColumn(sql, table);
            return new DuplicateKeyException(table[0], column, e);
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

    private static String duplicateColumn(SQLException sql, String[] table) {
        if (sql instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            if (server.getTable() != null) {
                table[0] = server.getTable();
            }
            if (server.getDetail() != null) {
                Matcher m = KEY_COLUMNS.matcher(server.getDetail());
                if (m.find()) {
                    String[] columns = m.group(1).split(",\\s*");
                    return columns[columns.length - 1];
                }
            }
            if (server.getConstraint() != null) {
                return server.getConstraint();
            }
        }
        return "?";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** A transaction to run again: it lost against a concurrent one. */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String sqlState;

        Retry(String sqlState, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.sqlState = sqlState;
        }
    }
}
