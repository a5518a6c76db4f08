package dev.ctrlstore.benchmarks;

import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves every benchmark runs: one short iteration each, in this JVM, on small data (the {@code smoke} profile),
 * the PostgreSQL ones in this class's database and the durable-server ones on a durable embedded server this JVM
 * starts; then the replication backlog and lag measurements, briefly. Times nothing and asserts no timing; the
 * numbers come from {@link Ratios} (see the README).
 */
@PostgresTest
class BenchmarksSmokeTest {

    @Test
    void everyBenchmarkRunsOnceAndTheTableHasEveryPair(@TempDir Path dir, TestDatabase db) throws Exception {
        // No forks: the benchmarks read the run's data directory and database from this JVM's properties.
        Map<String, String> properties = new HashMap<>(Fixtures.postgresProperties(db));
        properties.put(Fixtures.DIR_PROPERTY, dir.toString());
        Map<String, String> previous = new HashMap<>();
        properties.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        Collection<RunResult> results;
        try {
            results = new Runner(Ratios.options("smoke", dir, db).verbosity(VerboseMode.SILENT)
                    .include(Ratios.class.getPackageName() + "\\..*Benchmark\\.").build()).run();
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }

        Set<String> ran = results.stream()
                .filter(r -> r.getPrimaryResult().getStatistics().getN() > 0)
                .map(Ratios::name)
                .collect(Collectors.toSet());
        Set<String> paired = Ratios.PAIRS.stream()
                .flatMap(p -> Stream.of(p.measured(), p.baseline()))
                .collect(Collectors.toSet());
        assertThat(ran).as("every benchmark ran, and each is in a pair of the table")
                .containsExactlyInAnyOrderElementsOf(paired);

        Footprint footprint = Footprint.measure(2, 10);
        assertThat(footprint.storeBytesPerInstance()).isGreaterThan(footprint.recordBytesPerInstance());

        String server = Ratios.describe(db);
        assertThat(server).startsWith(db.source() + " PostgreSQL ");
        // The measurements outside JMH, tiny: a second of writes, a backlog of a few rounds of the small ledger.
        List<String> measured = new ArrayList<>();
        measured.add(Backlog.measure(LedgerFixtures.centerEntries(2, 20), 500, dir).row());
        measured.addAll(ReplicationLag.measure(Fixtures.Postgres.of(db), 50, Duration.ofSeconds(1), dir).rows());


        List<String> table = Ratios.table("smoke; " + server, results, footprint, measured);
        assertThat(table).anyMatch(line -> line.startsWith("| getById, SQLite |"))
                .anyMatch(line -> line.startsWith("| getBySlug, SQLite |"))
                .anyMatch(line -> line.startsWith("| insert, 8 threads, SQLite |"))
                .anyMatch(line -> line.startsWith("| getById, PostgreSQL |"))
                .anyMatch(line -> line.startsWith("| list page at depth 100k, PostgreSQL |"))
                .anyMatch(line -> line.startsWith("| list page 1, PostgreSQL |"))
                .anyMatch(line -> line.startsWith("| list page at depth 100k with total, PostgreSQL |"))
                .anyMatch(line -> line.startsWith("| insert, 8 threads, PostgreSQL |"))
                .anyMatch(line -> line.startsWith("| heap per stored instance"))
                .anyMatch(line -> line.startsWith("| getById, LDB vs PostgreSQL |"))
                .anyMatch(line -> line.startsWith("| reflector apply |"))
                .anyMatch(line -> line.startsWith("| mutation through the executive (HTTP) |"))
                .anyMatch(line -> line.startsWith("| ledgered insert, 8 threads, SYNC vs GLOBAL_LOCK |"))
                .anyMatch(line -> line.startsWith("| ledgered insert, 8 threads, GROUP_COMMIT vs OFF |"))
                .anyMatch(line -> line.startsWith("| backlog of 500 entries"))
                .anyMatch(line -> line.startsWith("| replication lag p99"))

                .anyMatch(line -> line.startsWith("Raw numbers (smoke; " + server));
    }
}
