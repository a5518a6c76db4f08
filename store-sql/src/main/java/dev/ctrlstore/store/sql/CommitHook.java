package dev.ctrlstore.store.sql;

import java.util.List;

/**
 * Called by a backend once per write transaction, on the transaction's connection just before it commits, with
 * every row change the transaction made, in order. A transaction that is run again (a retried serialization failure)
 * starts with no changes: the hook sees only those of the attempt that commits. Throwing rolls the transaction back.
 * The replication ledger will be one; until then the backends use {@link #NONE}.
 */
@FunctionalInterface
public interface CommitHook {

    /** Does nothing. */
    CommitHook NONE = (operation, changes) -> { };

    /**
     * @param operation the API call, e.g. {@code instances().insert}
     * @param changes the transaction's row changes in the order they were made; not to be kept after the call
     */
    void beforeCommit(String operation, List<Change> changes);
}
