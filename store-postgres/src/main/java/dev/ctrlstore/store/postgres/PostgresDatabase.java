package dev.ctrlstore.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.CommitHook;
import dev.ctrlstore.store.sql.Prepared;
import dev.ctrlstore.store.sql.Row;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.SchemaMigrator.Standing;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.SqlSession;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import org.jooq.DSLContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import static dev.ctrlstore.store.postgres.PostgresTransactions.JDBC;

/**
 * Connections to one PostgreSQL database: the store's own HikariCP pool or a caller's data source, the schema's
 * standing, and reads by key as single statements in autocommit mode. Transactions and their retries run in
 * {@link PostgresTransactions}; driver errors are translated by {@link PostgresErrors} (a lost unique-key race
 * becomes {@link dev.ctrlstore.store.sql.DuplicateKeyException}).
 */
final class PostgresDatabase implements SqlDatabase {
    private final PostgresConfig config;
    private final String description;
    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    private final PostgresErrors errors;
    private final PostgresTransactions transactions;
    private final LedgerAppender ledger;
    private final LedgerNotifier notifier;
    private volatile Standing standing;
    private volatile boolean closed;

    PostgresDatabase(PostgresConfig config) {
        this(config, CommitHook.NONE);
    }

    /** @param hook called with each write transaction's changes just before it commits */
    PostgresDatabase(PostgresConfig config, CommitHook hook) {
        this.config = config;
        this.description = "PostgreSQL store " + config.jdbcUrl().map(PostgresConfig::redact).orElse("(data source)")
                + config.schema().map(s -> " schema " + s).orElse("");
        this.errors = new PostgresErrors(config, description);
        if (config.dataSource().isPresent()) {
            this.ownPool = null;
            this.dataSource = config.dataSource().get();
        } else {
            this.ownPool = pool();
            this.dataSource = ownPool;
        }
        this.notifier = config.ledger() == LedgerMode.OFF ? null : new LedgerNotifier(dataSource, description);
        this.ledger = new LedgerAppender(config.ledger(), config.clock(), description, notifier);
        this.transactions = new PostgresTransactions(config, description, dataSource, ownPool == null, errors, hook,
                ledger);
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
        return transactions.read(session -> work.apply(session.dsl()));
    }

    @Override
    public <T> T fetchFirst(Prepared query, Function<Row, T> mapper, Object... values) {
        return alone(query, ps -> JDBC.fetchFirst(ps, query, mapper, values),
                session -> session.fetchFirst(query, mapper, values));
    }

    @Override
    public <T> List<T> fetchAll(Prepared query, Function<Row, T> mapper, Object... values) {
        return alone(query, ps -> JDBC.fetchAll(ps, query, mapper, values),
                session -> session.fetchAll(query, mapper, values));
    }

    /** One prepared query on its own: {@code run} on its statement, or {@code inSession} where autocommit is off. */
    private <T> T alone(Prepared query, Function<PreparedStatement, T> run, Function<SqlSession, T> inSession) {
        requireUsable();
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                // A caller's pool handed out a connection outside autocommit: a transaction that restores its state.
                return transactions.transaction(connection, "read", true, inSession);
            }
            // One statement in autocommit mode sees one snapshot: no BEGIN, COMMIT or isolation to set, one round trip.
            transactions.useSchema(connection);
            try (PreparedStatement ps = connection.prepareStatement(JDBC.sql(query))) {
                return run.apply(ps);
            }
        } catch (StoreException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e, true);
        }
    }

    @Override
    public <T> T transact(String operation, Function<SqlSession, T> work) {
        requireUsable();
        return transactions.write(operation, work);
    }

    @Override
    public void migrate() {
        checkOpen();
        int applied = migrator().migrate();
        standing = Standing.CURRENT;
        if (applied > 0 && config.ledger() != LedgerMode.OFF) {
            // Replicas migrate their LDB when they reach this entry.
            transactions.append("migrate()", List.of(new LedgerChange.Migrate(
                    SchemaMigrator.newestVersion("postgresql"))));
        }
    }

    LedgerAppender ledgerAppender() {
        return ledger;
    }

    /** Runs {@code work} on a connection of this database, in the store's schema (autocommit). */
    void withConnection(java.util.function.Consumer<Connection> work) {
        checkOpen();
        try (Connection connection = dataSource.getConnection()) {
            transactions.useSchema(connection);
            work.accept(connection);
        } catch (SQLException e) {
            throw errors.translate(e, false);
        }
    }

    @Override
    public long ledgerPosition() {
        return ledger.position();
    }

    @Override
    public void ping() {
        checkOpen();
        transactions.read(session -> session.dsl().selectOne().fetch());
    }

    @Override
    public void close() {
        closed = true;
        if (notifier != null) {
            notifier.close();
        }
        if (ownPool != null) {
            ownPool.close();
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
            throw new StoreUnavailableException(description + ": cannot connect (" + PostgresErrors.rootMessage(e)
                    + "); check the URL, user, password and that the server accepts connections", e);
        }
    }
}
