package dev.ctrlstore.benchmarks;

import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.RowImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Catching up a backlog, timed once and not with JMH: a fresh LDB whose reflector (default settings: batches of
 * 500 entries) finds {@code entries} entries waiting in an in-memory ledger ({@link MemoryLedgerSource}) as JSON
 * text, decoding each as it reads it, against {@link RawApplier} writing the same entries' decoded row images to a
 * fresh file, 100 entries per transaction. What is left out is the center's side: reading the rows over JDBC. The
 * entries repeat those a center appends while it is filled ({@link LedgerFixtures#centerEntries}), so most of a long
 * backlog overwrites rows that exist.
 */
final class Backlog {

    record Result(long entries, int distinctEntries, Duration reflector, Duration raw) {
        double reflectorPerSecond() {
            return entries / (reflector.toNanos() / 1e9);
        }

        double rawPerSecond() {
            return entries / (raw.toNanos() / 1e9);
        }

        /** The table's row: the reflector's catch-up rate over the raw rate (throughput, higher is better). */
        String row() {
            double ratio = reflectorPerSecond() / rawPerSecond();
            return String.format(Locale.ROOT, "| backlog of %,d entries applied from scratch | raw prepared upserts,"
                            + " 100 entries per tx | %s s (%s entries/s) | %s s (%s entries/s) | **%sx** | ≥ 0.50x |"
                            + " %s; throughput; entries repeat %,d distinct ones |",
                    entries, Ratios.fmt(reflector.toMillis() / 1000.0), Ratios.fmt(reflectorPerSecond()),
                    Ratios.fmt(raw.toMillis() / 1000.0), Ratios.fmt(rawPerSecond()), Ratios.fmt(ratio),
                    ratio >= 0.5 ? "met" : "MISSED", distinctEntries);
        }
    }

    private Backlog() {
    }

    static Result measure(List<LedgerEntry> templates, long entries, Path dir) throws IOException, SQLException {
        Path ldb = dir.resolve("backlog-" + ProcessHandle.current().pid() + ".ldb");
        Path rawFile = dir.resolve("backlog-raw-" + ProcessHandle.current().pid() + ".db");
        try {
            // The ledger holds changes as JSON text: the reflector's side decodes each entry, as it does reading a
            // center; the raw side writes images already decoded.
            List<String> encoded = templates.stream().map(e -> RowImages.encode(e.changes())).toList();
            MemoryLedgerSource source = new MemoryLedgerSource("bench-center", seq -> {
                LedgerEntry t = LedgerFixtures.repeated(templates, seq);
                return new LedgerEntry(seq, t.committedAt(), t.schemaVersion(), t.origin(),
                        RowImages.decode(encoded.get((int) ((seq - 1) % encoded.size()))));
            });
            source.publish(entries);
            long t0 = System.nanoTime();
            try (Reflector reflector = Reflector.builder().ldb(ldb).source(source).build().start()) {
                LedgerFixtures.awaitApplied(ldb, entries);
            }
            Duration reflectorTime = Duration.ofNanos(System.nanoTime() - t0);

            Fixtures.openStore(rawFile, false).close();
            long t1 = System.nanoTime();
            try (RawApplier raw = new RawApplier(rawFile)) {
                List<LedgerEntry> batch = new ArrayList<>(ReflectorApplyBenchmark.BATCH);
                for (long seq = 1; seq <= entries; seq++) {
                    batch.add(LedgerFixtures.repeated(templates, seq));
                    if (batch.size() == ReflectorApplyBenchmark.BATCH || seq == entries) {
                        raw.apply(batch);
                        batch.clear();
                    }
                }
            }
            Duration rawTime = Duration.ofNanos(System.nanoTime() - t1);
            return new Result(entries, templates.size(), reflectorTime, rawTime);
        } finally {
            ReflectorApplyBenchmark.deleteDb(ldb);
            ReflectorApplyBenchmark.deleteDb(rawFile);
        }
    }
}
