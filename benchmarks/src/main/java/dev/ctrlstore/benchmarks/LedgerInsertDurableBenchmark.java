package dev.ctrlstore.benchmarks;

import org.openjdk.jmh.annotations.Param;

/**
 * Ledgered inserts (see {@link LedgerInserts}) on a durable server ({@link DurablePostgres}: fsync and synchronous
 * commit on), where every commit waits for its WAL flush: no ledger, a ctlstore-style global lock, {@code SYNC}
 * (the flush happens under the counter's lock) and {@code GROUP_COMMIT} (it happens outside).
 */
public class LedgerInsertDurableBenchmark extends LedgerInserts {
    @Param({"OFF", "GLOBAL_LOCK", "SYNC", "GROUP_COMMIT"})
    public String ledger;

    @Override
    Fixtures.Postgres server() {
        return Fixtures.durablePostgres();
    }

    @Override
    String ledger() {
        return ledger;
    }
}
