package dev.ctrlstore.benchmarks;

import org.openjdk.jmh.annotations.Param;

/**
 * Ledgered inserts (see {@link LedgerInserts}) on the test harness's server (fsync and synchronous commit off), where
 * commits are CPU-bound: no ledger, a ledger without ordering, a ctlstore-style global lock, and the store's
 * {@code SYNC} mode.
 */
public class LedgerInsertPostgresBenchmark extends LedgerInserts {
    @Param({"OFF", "UNORDERED", "GLOBAL_LOCK", "SYNC"})
    public String ledger;

    @Override
    Fixtures.Postgres server() {
        return Fixtures.postgres();
    }

    @Override
    String ledger() {
        return ledger;
    }
}
