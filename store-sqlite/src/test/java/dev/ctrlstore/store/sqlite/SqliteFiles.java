package dev.ctrlstore.store.sqlite;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Function;

/** Tests' direct look into a store's file, beside the store. */
final class SqliteFiles {
    private SqliteFiles() {
    }

    /** Runs {@code query} with jOOQ on its own connection to the database file {@code file}. */
    static <T> T query(Path file, Function<DSLContext, T> query) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return query.apply(DSL.using(c, SQLDialect.SQLITE));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
