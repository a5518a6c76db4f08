package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.sql.Prepared;
import dev.ctrlstore.store.sql.PreparedJdbc;
import dev.ctrlstore.store.sql.Row;
import dev.ctrlstore.store.sql.SqlSession;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One connection to the file, jOOQ on it, and the statements prepared on it for its whole life; used by one thread
 * at a time (a reader while taken from the pool, the writer under the write lock). Transactions are begun and ended
 * with statements prepared once ({@code begin} / {@code begin immediate}, {@code commit}, {@code rollback}): JDBC's
 * {@code setAutoCommit}/{@code commit} would have sqlite-jdbc compile four statements per transaction, including an
 * extra {@code begin immediate} that takes the write lock again right after each commit.
 */
final class SqliteConnection implements SqlSession.Statements {
    static final Settings SETTINGS = new Settings().withExecuteLogging(false).withRenderSchema(false);
    static final PreparedJdbc JDBC = new PreparedJdbc(SQLDialect.SQLITE, SETTINGS);

    final Connection connection;
    final DSLContext dsl;
    final PreparedStatement begin;
    final PreparedStatement commit;
    final PreparedStatement rollback;
    private final Map<Prepared, PreparedStatement> statements = new IdentityHashMap<>();

    SqliteConnection(Connection connection, boolean reader) throws SQLException {
        this.connection = connection;
        try {
            this.dsl = JDBC.dsl(connection);
            // Readers begin DEFERRED (a read snapshot); the writer IMMEDIATE (it takes the write lock at once,
            // so a transaction never fails upgrading its lock).
            this.begin = connection.prepareStatement(reader ? "begin" : "begin immediate");
            this.commit = connection.prepareStatement("commit");
            this.rollback = connection.prepareStatement("rollback");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** A new write session on this connection: no changes yet. */
    SqlSession session() {
        return new SqlSession(dsl, JDBC, this);
    }

    /** One prepared query in autocommit mode: SQLite gives it one snapshot, no transaction to begin or end. */
    <T> T fetchFirst(Prepared prepared, Function<Row, T> mapper, Object... values) {
        try {
            return JDBC.fetchFirst(statement(prepared), prepared, mapper, values);
        } catch (SQLException e) {
            throw PreparedJdbc.failed(prepared, e);
        }
    }

    /** As {@link #fetchFirst}, every row. */
    <T> List<T> fetchAll(Prepared prepared, Function<Row, T> mapper, Object... values) {
        try {
            return JDBC.fetchAll(statement(prepared), prepared, mapper, values);
        } catch (SQLException e) {
            throw PreparedJdbc.failed(prepared, e);
        }
    }

    @Override
    public PreparedStatement statement(Prepared prepared) throws SQLException {
        PreparedStatement ps = statements.get(prepared);
        if (ps == null) {
            ps = connection.prepareStatement(JDBC.sql(prepared));
            statements.put(prepared, ps);
        }
        return ps;
    }

    @Override
    public void release(PreparedStatement statement) {
        // Kept prepared for the connection's life.
    }

    void rollbackQuietly() {
        try {
            rollback.execute();
        } catch (SQLException e) {
            // No transaction left to roll back (SQLite already ended it): nothing to do.
        }
    }

    void close() {
        try {
            connection.close(); // also finalizes every statement prepared on it
        } catch (SQLException e) {
            // Closing a local file's connection fails only if it is already unusable.
        }
    }
}
