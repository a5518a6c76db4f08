package dev.ctrlstore.replication.process;

import static dev.ctrlstore.store.jooq.Tables.LDB_POSITION;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;

/** Plain JDBC views of the databases a process test compares, outside the code under test. */
final class Databases {

    static {
        System.getProperties().putIfAbsent("org.jooq.no-logo", "true");
        System.getProperties().putIfAbsent("org.jooq.no-tips", "true");
    }

    private Databases() {
    }

    /**
     * Runs {@code work} in one read-only transaction on the SQLite file (an LDB): one snapshot, nothing written, and
     * the connection closed before returning, so no test read pins the WAL while the reflector runs.
     */
    static <T> T readSqlite(Path file, Function<DSLContext, T> work) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            connection.setAutoCommit(false);
            try {
                return work.apply(DSL.using(connection, SQLDialect.SQLITE));
            } finally {
                connection.rollback();
            }
        }
    }

    /** The LDB's recorded position: the seq of the last applied entry, 0 before the first. */
    static long ldbPosition(Path ldb) throws SQLException {
        return readSqlite(ldb, ctx -> {
            Long seq = ctx.select(LDB_POSITION.SEQ).from(LDB_POSITION).fetchOne(LDB_POSITION.SEQ);
            return seq == null ? 0L : seq;
        });
    }

    /** Runs {@code work} in one repeatable-read (snapshot) transaction on a PostgreSQL database. */
    static <T> T readPostgres(String url, String user, String password, Function<DSLContext, T> work)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                return work.apply(DSL.using(connection, SQLDialect.POSTGRES));
            } finally {
                connection.rollback();
            }
        }
    }
}
