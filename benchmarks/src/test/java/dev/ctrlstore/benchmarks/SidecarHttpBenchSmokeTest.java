package dev.ctrlstore.benchmarks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves the sidecar's HTTP benchmark runs on both stacks, briefly, and its table is complete. Times nothing. */
class SidecarHttpBenchSmokeTest {

    @Test
    @DisplayName("both stacks serve both endpoints with 200 under the benchmark, and the table has a row for each")
    void runsOnBothStacks(@TempDir Path dir) throws Exception {
        String previous = System.setProperty(Fixtures.DIR_PROPERTY, dir.toString());
        // JMH's machine-wide lock keeps two measuring runs apart; a smoke run measures nothing, so it need not wait
        // for (or fail beside) another suite's benchmarks on the same machine.
        String previousLock = System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results;
        try {
            results = new Runner(SidecarHttpBench.options("smoke").verbosity(VerboseMode.SILENT).build()).run();
        } finally {
            restore(Fixtures.DIR_PROPERTY, previous);
            restore("jmh.ignoreLock", previousLock);
        }
        // 2 stacks x 3 endpoints x 2 modes; a non-200 answer throws inside the benchmark and leaves no result.
        assertThat(results).hasSize(12).allSatisfy(r ->
                assertThat(r.getPrimaryResult().getStatistics().getN()).isPositive());
        List<String> table = SidecarHttpBench.table(results);
        assertThat(table).anyMatch(l -> l.startsWith("| helidon | row-by-key |"))
                .anyMatch(l -> l.startsWith("| javalin | row-by-key |"))
                .anyMatch(l -> l.startsWith("| helidon | instance |"))
                .anyMatch(l -> l.startsWith("| javalin | instance |"));
        table.forEach(System.out::println);
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
