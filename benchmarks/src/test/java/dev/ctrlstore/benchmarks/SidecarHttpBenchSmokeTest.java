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
        Collection<RunResult> results;
        try {
            results = new Runner(SidecarHttpBench.options("smoke").verbosity(VerboseMode.SILENT).build()).run();
        } finally {
            if (previous == null) {
                System.clearProperty(Fixtures.DIR_PROPERTY);
            } else {
                System.setProperty(Fixtures.DIR_PROPERTY, previous);
            }
        }
        // 2 stacks x 2 endpoints x 2 modes; a non-200 answer throws inside the benchmark and leaves no result.
        assertThat(results).hasSize(8).allSatisfy(r ->
                assertThat(r.getPrimaryResult().getStatistics().getN()).isPositive());
        List<String> table = SidecarHttpBench.table(results);
        assertThat(table).anyMatch(l -> l.startsWith("| helidon |")).anyMatch(l -> l.startsWith("| javalin |"));
    }
}
