package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.StorageException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Not API: for ctrlstore's own tests and benchmarks, which compare the ledger's ordering with two baselines it
 * does not offer. Switches a store built with a ledger mode to another ordering of the ledger's numbers.
 */
public final class LedgerBenchmarks {

    /** The ledger orderings compared. */
    public enum Ordering {
        /** The store's own: the counter taken by the last statement, sent with COMMIT. */
        COUNTER_LAST,
        /** ctlstore's: the counter taken by the transaction's first statement, its row lock held to COMMIT. */
        GLOBAL_LOCK,
        /**
         * A number drawn from a sequence inside the transaction, like a bigserial: no ordering, so a reader that
         * has passed a number can miss an entry that commits later with a lower one. Wrong, and the cost floor.
         */
        UNORDERED
    }

    private LedgerBenchmarks() {
    }

    /**
     * Makes {@code store}'s later writes number their entries with {@code ordering}. For {@link Ordering#UNORDERED}
     * creates the sequence it draws from, in the store's schema, starting after the ledger's head.
     *
     * @throws IllegalStateException when the store was built without a ledger
     */
    public static void ordering(PostgresStore store, Ordering ordering) {
        PostgresDatabase db = store.database();
        if (ordering == Ordering.UNORDERED) {
            db.withConnection(LedgerBenchmarks::createSequence);
        }
        db.ledgerAppender().ordering(LedgerAppender.Ordering.valueOf(ordering.name()));
    }

    private static void createSequence(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE IF NOT EXISTS " + LedgerAppender.UNORDERED_SEQUENCE);
            s.execute("SELECT setval('" + LedgerAppender.UNORDERED_SEQUENCE + "', greatest((SELECT seq FROM"
                    + " ledger_head WHERE id = 1), (SELECT coalesce(max(seq), 0) FROM ledger), 1))");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new StorageException("could not create the sequence " + LedgerAppender.UNORDERED_SEQUENCE + ": "
                    + e.getMessage(), e);
        }
    }
}
