package dev.ctrlstore.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import dev.ctrlstore.store.sql.Prepared;
import dev.ctrlstore.store.sql.PreparedJdbc;
import dev.ctrlstore.store.sql.Row;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.SchemaMigrator.Standing;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.SqlSession;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connections to one PostgreSQL database. Each call is one transaction: reads at REPEATABLE READ, read-only (one
 * snapshot for a page and its count), writes at the connection's level (READ COMMITTED in the store's own pool) with
 * the schema's unique keys and the stores' version checks doing the concurrency control; a read by key is a single
 * statement in autocommit mode. A write that fails on a serialization failure, a deadlock or a
 * foreign key whose parent vanished concurrently is run again (bounded), so the stores' own checks report the
 * outcome; a lost unique-key race becomes {@link DuplicateKeyException}.
 */
final class PostgresDatabase implements SqlDatabase {
    /** Serialization failure, deadlock, foreign key violated by a concurrent delete. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23503");
    /** "Key (tenant_id, slug)=(ten_…, acme) already exists.": the last column names the key. */
    /** A read's snapshot: one for all its statements (a page and its total agree). */
    private static final String REPEATABLE_READ = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";
    private static final Pattern KEY_COLUMNS = Pattern.compile("Key \\(([^)]*)\\)=");

    private final PostgresConfig config;
    private final String description;
    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    private static final Settings SETTINGS = new Settings().withExecuteLogging(false).withRenderSchema(false);
    private static final PreparedJdbc JDBC = new PreparedJdbc(SQLDialect.POSTGRES, SETTINGS);
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
        return transaction(true, session -> work.apply(session.dsl()));
    }

    @Override
    public <T> T fetchFirst(Prepared query, Function<Row, T> mapper, Object... values) {
        requireUsable();
        try (Connection connection = connection()) {
            if (!connection.getAutoCommit()) {
                // A caller's pool handed out a connection outside autocommit: a transaction that restores its state.
                return transaction(connection, true, session -> session.fetchFirst(query, mapper, values));
            }
            // One statement in autocommit mode sees one snapshot: no BEGIN, COMMIT or isolation to set, one round trip.
            useSchema(connection);
            try (PreparedStatement ps = connection.prepareStatement(JDBC.sql(query))) {
                return JDBC.fetchFirst(ps, query, mapper, values);
            }
        } catch (StoreException | Retry e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw translate(e, true);
        }
    }

    @Override
    public <T> T write(String operation, Function<DSLContext, T> work) {
        return transact(operation, session -> work.apply(session.dsl()));
    }

    @Override
    public <T> T transact(String operation, Function<SqlSession, T> work) {
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
        transaction(true, session -> session.dsl().selectOne().fetch());
    }

    @Override
    public void close() {
        closed = true;
        if (ownPool != null) {
            ownPool.close();
        }
    }

    private <T> T transaction(boolean readOnly, Function<SqlSession, T> work) {
        try (Connection connection = connection()) {
            return transaction(connection, readOnly, work);
        } catch (StoreException | DuplicateKeyException | Retry e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw translate(e, readOnly);
        }
    }

    /** One transaction on {@code connection}, which the caller closes; driver errors propagate untranslated. */
    private <T> T transaction(Connection connection, boolean readOnly, Function<SqlSession, T> work)
            throws SQLException {
        // No session setting changes on the server, so none needs a reset round trip when the connection goes
        // back: the driver sends BEGIN READ ONLY for a read-only transaction, and a read sets its isolation as its
        // first statement, sent together with that BEGIN. Writes keep the connection's level: READ COMMITTED in the
        // own pool, and correct at any stronger level too (version checks, unique keys, retried 40001/40P01).
        boolean autoCommit = connection.getAutoCommit();
        boolean wasReadOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        connection.setReadOnly(readOnly);
        Throwable failure = null;
        try {
            if (readOnly) {
                try (PreparedStatement ps = connection.prepareStatement(REPEATABLE_READ)) {
                    ps.execute();
                }
            }
            useSchema(connection);
            T result = work.apply(new Session(connection));
            connection.commit();
            return result;
        } catch (RuntimeException | Error | SQLException e) {
            failure = e;
            rollback(connection, e);
            throw e;
        } finally {
            if (ownPool == null) {
                // A caller's pool may not reset what this call changed (the own pool does): hand it back as found.
                try {
                    connection.setReadOnly(wasReadOnly);
                    connection.setAutoCommit(autoCommit);
                } catch (SQLException e) {
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e); // a broken connection: the first error says why
                }
            }
        }
    }

    private Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * With a caller's data source, points this checkout at the configured schema (the own pool does it once per
     * connection). It runs a statement, so a transaction's settings must be made before it.
     */
    private void useSchema(Connection connection) throws SQLException {
        if (ownPool == null && config.schema().isPresent()) {
            connection.setSchema(config.schema().get());
        }
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
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
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

    /**
     * One transaction's connection: jOOQ, and {@link Prepared} statements prepared per call. Closing a statement
     * returns it to the driver's per-connection cache, which keeps it prepared on the server after a few uses, so
     * the SQL is parsed and planned once per connection, not per call.
     */
    private final class Session implements SqlSession {
        private final Connection connection;
        private final DSLContext dsl;

        Session(Connection connection) {
            this.connection = connection;
            this.dsl = JDBC.dsl(connection);
        }

        @Override
        public DSLContext dsl() {
            return dsl;
        }

        @Override
        public int execute(Prepared statement, Object... values) {
            try (PreparedStatement ps = connection.prepareStatement(JDBC.sql(statement))) {
                return JDBC.executeUpdate(ps, statement, values);
            } catch (SQLException e) {
                throw PreparedJdbc.failed(statement, e);
            }
        }

        @Override
        public <T> T fetchFirst(Prepared query, Function<Row, T> mapper, Object... values) {
            try (PreparedStatement ps = connection.prepareStatement(JDBC.sql(query))) {
                return JDBC.fetchFirst(ps, query, mapper, values);
            } catch (SQLException e) {
                throw PreparedJdbc.failed(query, e);
            }
        }
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
