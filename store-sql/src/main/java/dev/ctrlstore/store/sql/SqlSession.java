package dev.ctrlstore.store.sql;

import org.jooq.DSLContext;

import java.util.function.Function;

/**
 * One transaction's connection, as {@link SqlDatabase#transact} hands it to the work: jOOQ for anything, and
 * {@link Prepared} statements, kept prepared on this connection, for the hot path.
 */
public interface SqlSession {

    /** jOOQ on this transaction's connection. */
    DSLContext dsl();

    /** Runs a prepared statement with {@code values} (by position) and returns the number of rows it changed. */
    int execute(Prepared statement, Object... values);

    /** Runs a prepared query with {@code values} and maps its first row; null when it returns none. */
    <T> T fetchFirst(Prepared query, Function<Row, T> mapper, Object... values);

    /** Whether a prepared query returns any row. */
    default boolean exists(Prepared query, Object... values) {
        return fetchFirst(query, row -> Boolean.TRUE, values) != null;
    }
}
