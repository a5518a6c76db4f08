package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.CommitHook;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import dev.ctrlstore.store.sql.Prepared;
import dev.ctrlstore.store.sql.PreparedJdbc;
import dev.ctrlstore.store.sql.SqlSession;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs transactions on a PostgreSQL data source: reads at REPEATABLE READ, read-only (one snapshot for a page and its
 * count); writes at the connection's level (READ COMMITTED in the store's own pool) with the schema's unique keys
 * and the stores' version checks doing the concurrency control. A write that fails on a serialization failure, a
 * deadlock or a foreign key whose parent vanished concurrently is run again (bounded, with back-off) with a new
 * session, so the stores' own checks report the outcome and the {@link CommitHook} sees only the changes of the
 * attempt that commits.
 */
final class PostgresTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresTransactions.class);
    static final Settings SETTINGS = new Settings().withExecuteLogging(false).withRenderSchema(false);
    static final PreparedJdbc JDBC = new PreparedJdbc(SQLDialect.POSTGRES, SETTINGS);
    /** A read's snapshot: one for all its statements (a page and its total agree). */
    private static final String REPEATABLE_READ = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";

    private final PostgresConfig config;
    private final String description;
    private final DataSource dataSource;
    /** Whether the data source is the caller's, whose pool may not reset what a transaction changed. */
    private final boolean callersPool;
    private final PostgresErrors errors;
    private final CommitHook hook;
    private final LedgerAppender ledger;

    PostgresTransactions(PostgresConfig config, String description, DataSource dataSource, boolean callersPool,
            PostgresErrors errors, CommitHook hook, LedgerAppender ledger) {
        this.config = config;
        this.description = description;
        this.dataSource = dataSource;
        this.callersPool = callersPool;
        this.errors = errors;
        this.hook = hook;
        this.ledger = ledger;
    }

    /** One read-only transaction on a connection of its own. */
    <T> T read(Function<SqlSession, T> work) {
        return transaction("read", true, work);
    }

    /** One write transaction, run again (with a new session) while it loses against concurrent ones. */
    <T> T write(String operation, Function<SqlSession, T> work) {
        for (int attempt = 0; ; attempt++) {
            try {
                return transaction(operation, false, work);
            } catch (PostgresErrors.Retry retry) {
                if (attempt >= config.maxRetries()) {
                    throw new StoreUnavailableException(description + ": " + operation + " kept failing on concurrent"
                            + " transactions (SQLSTATE " + retry.sqlState + ") after " + (attempt + 1)
                            + " attempts; retry later", retry.getCause());
                }
                long pause = ThreadLocalRandom.current().nextLong(1, 4L << Math.min(attempt, 6));
                LOG.warn("{}: {} lost to a concurrent transaction (SQLSTATE {}), attempt {} of {}; retrying in {} ms",
                        description, operation, retry.sqlState, attempt + 1, config.maxRetries() + 1, pause);
                pause(pause);
            }
        }
    }

    private <T> T transaction(String operation, boolean readOnly, Function<SqlSession, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return transaction(connection, operation, readOnly, work);
        } catch (StoreException | DuplicateKeyException | PostgresErrors.Retry e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e, readOnly);
        }
    }

    /** One transaction on {@code connection}, which the caller closes; driver errors propagate untranslated. */
    <T> T transaction(Connection connection, String operation, boolean readOnly, Function<SqlSession, T> work)
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
            long taken = readOnly ? 0 : ledger.begin(connection);
            SqlSession session = new SqlSession(JDBC.dsl(connection), JDBC,
                    new Statements(connection));
            T result = work.apply(session);
            if (readOnly) {
                connection.commit();
            } else {
                hook.beforeCommit(operation, session.changes());
                ledger.commit(connection, operation, session.changes(), taken);
            }
            return result;
        } catch (RuntimeException | Error | SQLException e) {
            failure = e;
            rollback(connection, e);
            throw e;
        } finally {
            if (callersPool) {
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

    /** One transaction that only appends a ledger entry of {@code images} (a migration's) and commits. */
    void append(String operation, List<LedgerChange> images) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                useSchema(connection);
                ledger.commitImages(connection, operation, images, ledger.begin(connection));
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                if (callersPool) {
                    connection.setAutoCommit(autoCommit);
                }
            }
        } catch (StoreException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e, false);
        }
    }

    /**
     * With a caller's data source, points this checkout at the configured schema (the own pool does it once per
     * connection). It runs a statement, so a transaction's settings must be made before it.
     */
    void useSchema(Connection connection) throws SQLException {
        if (callersPool && config.schema().isPresent()) {
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry a transaction", e);
        }
    }

    /**
     * {@link Prepared} statements prepared per call. Closing one returns it to the driver's per-connection cache,
     * which keeps it prepared on the server after a few uses, so the SQL is parsed and planned once per connection.
     */
    private record Statements(Connection connection) implements SqlSession.Statements {
        @Override
        public PreparedStatement statement(Prepared prepared) throws SQLException {
            return connection.prepareStatement(JDBC.sql(prepared));
        }

        @Override
        public void release(PreparedStatement statement) {
            try {
                statement.close();
            } catch (SQLException e) {
                // The connection broke: the transaction's next statement or commit reports it.
            }
        }
    }
}
