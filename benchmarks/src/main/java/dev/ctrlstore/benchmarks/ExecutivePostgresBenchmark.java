package dev.ctrlstore.benchmarks;

import dev.ctrlstore.server.executive.ExecutiveServer;
import dev.ctrlstore.store.control.ControlStore;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.control.Mutation;
import dev.ctrlstore.store.control.MutationBatch;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.sql.control.ControlSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One mutation request (an upsert of one row of a control table) through the write service, {@code POST
 * /families/bench/mutations} over a kept-alive socket to an {@link ExecutiveServer} in this JVM, against the same
 * request as a direct {@link ControlStore#mutate} call on the store the server serves: a center with the ledger in
 * {@code SYNC} mode on the run's database. What the HTTP layer (parsing, credentials, JSON, the answer) adds to a
 * write. The writer's rate limit is set out of reach, so every request commits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExecutivePostgresBenchmark {
    private static final AtomicInteger TRIALS = new AtomicInteger();
    private static final String WRITER = "bench-writer";
    private static final String SECRET = "bench-writer-secret";

    /** Distinct rows the requests upsert, in a shuffled order. */
    @Param("1000")
    public int keys;

    PostgresTrial trial;
    ControlStore control;
    ExecutiveServer executive;
    WriterCredentials credentials = new WriterCredentials(WRITER, SECRET);
    MutationBatch[] batches;
    byte[][] requests;

    @Setup(Level.Trial)
    public void setUp() {
        String schema = "executive_" + ProcessHandle.current().pid() + "_" + TRIALS.incrementAndGet();
        trial = new PostgresTrial(Fixtures.postgres(), schema, 0, pool -> LedgerVariants.store("SYNC", pool),
                store -> { });
        control = trial.store.control(ControlSettings.defaults()
                .withWriterLimit(1_000_000_000L, Duration.ofSeconds(1)));
        control.createFamily("bench");
        control.createTables(List.of(new TableDefinition("bench", "flags", List.of(
                new FieldDefinition("name", FieldType.STRING), new FieldDefinition("value", FieldType.TEXT),
                new FieldDefinition("rollout", FieldType.INTEGER)), List.of("name"))));
        control.registerWriter(WRITER, SECRET);
        executive = ExecutiveServer.builder().store(control).port(0).adminToken("bench-admin-token").build().start();
        int[] order = Fixtures.shuffled(keys);
        batches = new MutationBatch[keys];
        requests = new byte[keys][];
        Map<String, String> headers = Map.of("ctlstore-writer", WRITER, "ctlstore-secret", SECRET);
        for (int k = 0; k < keys; k++) {
            String name = "flag-" + order[k];
            String value = "variant-" + (order[k] % 7) + " for the checkout and search pages";
            long rollout = order[k] % 101;
            batches[k] = new MutationBatch("bench", Optional.empty(), Optional.empty(), List.of(new Mutation("flags",
                    false, Map.of("name", name, "value", value, "rollout", rollout))));
            String body = "{\"mutations\":[{\"table\":\"flags\",\"values\":{\"name\":\"" + name + "\",\"value\":\""
                    + value + "\",\"rollout\":" + rollout + "}}]}";
            requests[k] = KeepAliveClient.request("POST", "/families/bench/mutations", executive.port(),
                    body.getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executive.close();
        trial.close();
    }

    /** One kept-alive connection per benchmark thread. */
    @State(Scope.Thread)
    public static class Connection1 {
        KeepAliveClient client;

        @Setup(Level.Trial)
        public void open(ExecutivePostgresBenchmark bench) throws IOException {
            client = new KeepAliveClient("127.0.0.1", bench.executive.port());
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            client.close();
        }
    }

    @Benchmark
    public long direct(Keys.Cursor cursor) {
        return control.mutate(credentials, batches[cursor.next(batches.length)]);
    }

    @Benchmark
    public int executive(Keys.Cursor cursor, Connection1 connection) throws IOException {
        int status = connection.client.exchange(requests[cursor.next(requests.length)]);
        if (status != 200) {
            throw new IllegalStateException("the executive answered " + status + " to a mutation; the benchmark only"
                    + " measures requests that commit");
        }
        return status;
    }
}
