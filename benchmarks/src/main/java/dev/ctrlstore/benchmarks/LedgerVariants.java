package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.postgres.LedgerBenchmarks;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.ledger.LedgerMode;

import javax.sql.DataSource;

/**
 * The ways a write can reach the ledger that the write benchmarks compare, by name: {@code OFF} (no ledger),
 * {@code SYNC} and {@code GROUP_COMMIT} (the store's {@link LedgerMode}s), and two orderings the store does not
 * offer, kept as baselines: {@code GLOBAL_LOCK} (ctlstore's: the counter is the transaction's first statement and
 * its lock is held to COMMIT) and {@code UNORDERED} (a number drawn inside the transaction, no ordering at all),
 * switched on through the store's {@link LedgerBenchmarks} (not API).
 */
final class LedgerVariants {

    private LedgerVariants() {
    }

    /** A store on {@code pool} built for {@code variant}; {@link #migrated} finishes it once it is migrated. */
    static PostgresStore store(String variant, DataSource pool) {
        PostgresStore.Builder builder = PostgresStore.builder().dataSource(pool);
        return switch (variant) {
            case "OFF" -> builder.build();
            case "SYNC", "GROUP_COMMIT" -> builder.ledger(LedgerMode.valueOf(variant)).build();
            case "GLOBAL_LOCK", "UNORDERED" -> builder.ledger(LedgerMode.SYNC).build();
            default -> throw new IllegalArgumentException("unknown ledger variant " + variant
                    + "; expected OFF, UNORDERED, GLOBAL_LOCK, SYNC or GROUP_COMMIT");
        };
    }

    /** Switches a migrated {@code store} built by {@link #store} to the ordering of {@code variant}. */
    static void migrated(String variant, PostgresStore store) {
        if (variant.equals("GLOBAL_LOCK") || variant.equals("UNORDERED")) {
            LedgerBenchmarks.ordering(store, LedgerBenchmarks.Ordering.valueOf(variant));
        }
    }

    /** How the table names a variant used as the baseline. */
    static String describe(String variant) {
        return switch (variant) {
            case "OFF" -> "no ledger";
            case "UNORDERED" -> "ledger without ordering";
            case "GLOBAL_LOCK" -> "ledger under a global lock (ctlstore)";
            case "SYNC" -> "ledger SYNC";
            case "GROUP_COMMIT" -> "ledger GROUP_COMMIT";
            default -> variant;
        };
    }
}
