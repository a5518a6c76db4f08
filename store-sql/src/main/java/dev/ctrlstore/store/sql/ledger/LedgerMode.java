package dev.ctrlstore.store.sql.ledger;

/** Whether, and how, a store appends its replicated writes to the ledger. */
public enum LedgerMode {
    /** No ledger: nothing is replicated (the default). */
    OFF,
    /**
     * Every replicated write appends its entry in the same transaction; the sequence is taken by the last statement,
     * sent with COMMIT in one round trip. Fastest where commits are CPU-bound (fsync off, or a fast disk).
     */
    SYNC,
    /**
     * As {@link #SYNC}, but the commit under the sequence lock is asynchronous and a tiny synchronous transaction
     * follows before the write returns, so the WAL flush happens outside the lock and group-commits: for durable
     * servers with a real fsync. PostgreSQL only.
     */
    GROUP_COMMIT
}
