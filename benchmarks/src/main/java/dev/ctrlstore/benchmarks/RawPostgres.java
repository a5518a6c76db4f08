package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The raw pgjdbc baseline: the SQL and row mapping of {@link RawRows} on connections from the same pool the store
 * is given. Each call takes a connection and prepares its statements, as the store does; closing a statement
 * returns it to pgjdbc's per-connection cache, which keeps it prepared on the server after five uses
 * ({@code prepareThreshold}), so neither side parses or plans per call.
 */
final class RawPostgres {

    private RawPostgres() {
    }

    /** Work on one connection, which may throw what JDBC throws. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** One instance by key, one statement in autocommit: one round trip. Null when missing. */
    static Instance get(DataSource pool, TenantId tenant, InstanceId id) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(RawRows.SELECT_BY_ID)) {
            return RawRows.byId(ps, tenant, id, RawRows.TIMESTAMPTZ);
        }
    }

    /**
     * Inserts {@code instance} as stored (version 1, timestamps {@code now}) with its label rows, in one transaction
     * at the pool's READ COMMITTED; returns the stored value. pgjdbc sends BEGIN with the first insert, and turning
     * autocommit back on outside a transaction (the pool does it on return) costs no round trip.
     */
    static Instance insert(DataSource pool, Instance instance, Instant now) throws SQLException {
        Instance stored = RawRows.stored(instance, now);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(RawRows.INSERT);
                 PreparedStatement insertLabel = c.prepareStatement(RawRows.INSERT_LABEL)) {
                RawRows.insert(insert, insertLabel, stored, RawRows.TIMESTAMPTZ);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * {@code work} in one read-only REPEATABLE READ transaction: one snapshot for a page and its count, the
     * guarantee the store's page gives. The isolation is set inside the transaction, where it travels with the
     * driver's BEGIN and needs no resetting afterwards.
     */
    static <T> T snapshot(DataSource pool, Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("set transaction isolation level repeatable read");
                }
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
