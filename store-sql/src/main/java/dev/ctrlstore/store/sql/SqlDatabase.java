package dev.ctrlstore.store.sql;

import org.jooq.DSLContext;

import java.util.List;
import java.util.function.Function;

/**
 * What a SQL backend gives the shared stores: connections, the dialect and the translation of driver errors. The
 * stores in this package never see a {@link java.sql.SQLException} or a jOOQ {@code DataAccessException}; each
 * backend turns them into the API's exceptions (a unique violation into {@link DuplicateKeyException}, which the
 * stores turn into {@code AlreadyExistsException} with the tenant, id and field).
 */
public interface SqlDatabase extends AutoCloseable {

    /** Names the database in messages, e.g. {@code SQLite store /var/lib/ctrlstore/store.db}. */
    String description();

    /**
     * Runs {@code work} on one consistent snapshot: every query inside sees the same committed state.
     * {@link dev.ctrlstore.store.StoreException}s thrown by {@code work} pass through unchanged.
     */
    <T> T read(Function<DSLContext, T> work);

    /**
     * The hot path of reads by key: runs one {@link Prepared} query with {@code values} (by position) on its own and
     * maps its first row; null when it returns none. A single statement sees one consistent snapshot by itself, so
     * no transaction is opened around it; the backend keeps the statement prepared on each of its connections.
     *
     * <p>For a backend: {@link PreparedJdbc} renders the statement once per dialect, binds the values and reads the
     * row as the generated classes' converters and bindings would; the backend decides how long a JDBC statement
     * lives (SQLite: per connection; PostgreSQL: per call, kept prepared on the server by the driver).
     */
    <T> T fetchFirst(Prepared query, Function<Row, T> mapper, Object... values);

    /**
     * As {@link #fetchFirst}, every row: the hot path of a page without total, one statement on its own (no
     * transaction), mapped once, straight from the JDBC row.
     */
    <T> List<T> fetchAll(Prepared query, Function<Row, T> mapper, Object... values);

    /**
     * Runs {@code work} as one write transaction: it commits when {@code work} returns and rolls back when it throws.
     * Rows change only through the session's write vocabulary; just before commit the backend hands everything the
     * transaction changed ({@link SqlSession#changes()}) to its {@link CommitHook}, once. A backend that runs the
     * work again (a serialization failure) gives each attempt a new session, so the hook never sees the changes of
     * an attempt that rolled back. A read-only database throws {@link dev.ctrlstore.store.ReadOnlyStoreException}
     * naming {@code operation} before anything runs; a unique violation is a {@link DuplicateKeyException}.
     */
    <T> T transact(String operation, Function<SqlSession, T> work);

    /** Applies the shared migrations up to the newest this code has. */
    void migrate();

    /**
     * The ledger seq that covers every replicated write this thread committed through this database; 0 when it
     * committed none (or the ledger is off). Reads no database.
     */
    default long ledgerPosition() {
        return 0;
    }

    /** Fails unless the database answers a trivial query. */
    void ping();

    @Override
    void close();

    /** The first throwable of {@code type} in {@code e}'s cause chain, or null: how backends find driver errors. */
    static <X extends Throwable> X causeOf(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
