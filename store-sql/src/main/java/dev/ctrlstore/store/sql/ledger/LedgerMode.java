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
     * As {@link #SYNC}, but the commit under the sequence lock is asynchronous, and a tiny synchronous transaction
     * that writes one WAL record follows before the write returns, so the WAL flush happens outside the lock and
     * group-commits: for durable servers with a real fsync. PostgreSQL only. An entry is visible a moment before
     * it is durable, so a reflector reading the primary calls {@link LedgerQueries#awaitFlushed} before applying
     * what it read (a standby receives only flushed WAL).
     */
    GROUP_COMMIT
}
