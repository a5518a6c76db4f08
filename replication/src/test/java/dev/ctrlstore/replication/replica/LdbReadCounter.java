package dev.ctrlstore.replication.replica;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Counts, per test, the reads that the LDB answered ({@link #read()}), and after the outermost class writes which
 * rules read from the LDB to {@code target/replica-tck-ldb-reads.txt} and prints the totals. Tests run one at a time.
 */
final class LdbReadCounter implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final AtomicInteger READS = new AtomicInteger();
    /** Display name of each test (its rule id first) to the reads the LDB answered in it. */
    private static final Map<String, Integer> PER_TEST = new TreeMap<>();

    static void read() {
        READS.incrementAndGet();
    }

    /** How many tests so far had at least one read answered by the LDB, and how many ran. */
    static synchronized int[] totals() {
        int fromLdb = (int) PER_TEST.values().stream().filter(n -> n > 0).count();
        return new int[] {fromLdb, PER_TEST.size()};
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        READS.set(0);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (LdbReadCounter.class) {
            PER_TEST.put(context.getRequiredTestClass().getSimpleName() + " " + context.getDisplayName(),
                    READS.get());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass().getEnclosingClass() != null) {
            return; // a nested group; the outermost class reports once, after all of them
        }
        int[] totals = totals();
        String report = "rules run: " + totals[1] + ", rules that read from the LDB: " + totals[0] + "\n"
                + PER_TEST.entrySet().stream().map(e -> e.getValue() + "\t" + e.getKey())
                        .collect(Collectors.joining("\n")) + "\n";
        try {
            Files.writeString(Path.of("target", "replica-tck-ldb-reads.txt"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("TCK over the replica: " + report.lines().findFirst().orElseThrow());
    }
}
