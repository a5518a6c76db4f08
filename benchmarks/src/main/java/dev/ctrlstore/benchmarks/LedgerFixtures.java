package dev.ctrlstore.benchmarks;

import dev.ctrlstore.replication.ldb.LdbSignals;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerHead;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replication data for the benchmarks: ledger entries as a center writes them, and LDB files built by the reflector
 * from them, so what the replica benchmarks read and apply is exactly what replication produces.
 */
final class LedgerFixtures {
    /** How long building a fixture may wait for the reflector before it gives up. */
    static final Duration APPLY_TIMEOUT = Duration.ofMinutes(10);

    private static final Map<String, List<LedgerEntry>> ENTRIES = new HashMap<>();

    private LedgerFixtures() {
    }

    /**
     * The entries a SQLite center with the ledger on appends while {@link Fixtures#populate} fills it with
     * {@code tenants} x {@code perTenant} instances: one per tenant, then one per instance (its row and label rows),
     * in commit order. The schema migration's own entries are left out: a replica made by the same code already
     * has that schema. Built once per JVM, through the store, then held in memory.
     */
    static synchronized List<LedgerEntry> centerEntries(int tenants, int perTenant) {
        return ENTRIES.computeIfAbsent(tenants + "x" + perTenant, k -> {
            try {
                Path file = Files.createTempFile(Fixtures.dir(), "center-", ".db");
                Files.delete(file);
                List<LedgerEntry> entries = new ArrayList<>();
                try (SqliteStore center = SqliteStore.builder().path(file).ledger(LedgerMode.SYNC).build()) {
                    center.migrate();
                    Fixtures.populate(center, tenants, perTenant, 1);
                    LedgerHead head = center.ledger().head();
                    for (long after = 0; after < head.seq(); ) {
                        List<LedgerEntry> batch = center.ledger().read(after, 1000);
                        for (LedgerEntry e : batch) {
                            if (e.changes().stream().noneMatch(c -> c instanceof LedgerChange.Migrate)) {
                                entries.add(e);
                            }
                        }
                        after = batch.get(batch.size() - 1).seq();
                    }
                }
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
                return List.copyOf(entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Entry {@code seq} of an endless ledger that repeats {@code templates} (their changes, schema version and
     * origin) under new numbers: the first round inserts the rows, later rounds overwrite them with the same values.
     */
    static LedgerEntry repeated(List<LedgerEntry> templates, long seq) {
        LedgerEntry t = templates.get((int) ((seq - 1) % templates.size()));
        return new LedgerEntry(seq, t.committedAt(), t.schemaVersion(), t.origin(), t.changes());
    }

    /**
     * The LDB of a center holding {@code tenants} x {@code perTenant} instances, made by the reflector from
     * {@link #centerEntries}; built once per run and shared by its forks.
     */
    static Path ldbInstancesFile(int tenants, int perTenant) {
        return Fixtures.dataFile("ldb-" + tenants + "x" + perTenant, file -> {
            List<LedgerEntry> templates = centerEntries(tenants, perTenant);
            MemoryLedgerSource source = new MemoryLedgerSource("bench-center", seq -> repeated(templates, seq));
            source.publish(templates.size());
            try (Reflector reflector = Reflector.builder().ldb(file).source(source).build().start()) {
                awaitApplied(file, templates.size());
            }
        });
    }

    /** Waits until the reflector on {@code ldb} has applied {@code seq}, or fails after {@link #APPLY_TIMEOUT}. */
    static void awaitApplied(Path ldb, long seq) {
        try {
            if (!LdbSignals.await(ldb, seq, APPLY_TIMEOUT)) {
                throw new IllegalStateException("the reflector on " + ldb + " did not apply seq " + seq + " within "
                        + APPLY_TIMEOUT + " (applied: " + LdbSignals.latest(ldb) + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the reflector to apply seq " + seq, e);
        }
    }
}
