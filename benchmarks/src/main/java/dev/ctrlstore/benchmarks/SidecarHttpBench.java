package dev.ctrlstore.benchmarks;

import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.server.sidecar.SidecarReads;
import dev.ctrlstore.server.sidecar.SidecarServer;
import io.javalin.Javalin;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The read sidecar over HTTP on two stacks, each against a constant-JSON endpoint on the same server in the same run:
 * Helidon SE (the sidecar as shipped, {@link SidecarServer}) and Javalin (the same {@link SidecarReads} behind
 * Javalin's routes, on virtual threads). Throughput and sampled latency (p50) over kept-alive sockets
 * ({@link KeepAliveClient}); the target is a read's p50 at most 2x and its throughput at least 0.5x the constant
 * endpoint's. The reads: ctlstore's {@code get-row-by-key} of a control-table row, and the typed replica's instance
 * by (tenant, id) from an LDB a reflector built; keys shuffled.
 *
 * <p>Not in the {@code Ratios} table's run (its smoke test runs every class named {@code *Benchmark}); run it
 * with {@code java -cp benchmarks/target/ctrlstore-benchmarks.jar dev.ctrlstore.benchmarks.SidecarHttpBench
 * [quick|full]}, which prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class SidecarHttpBench {
    static final byte[] CONSTANT = "{\"status\":\"ok\",\"service\":\"ctrlstore-sidecar\",\"unit\":\"seconds\"}"
            .getBytes(StandardCharsets.UTF_8);
    static final String CONSTANT_PATH = "/bench/constant";

    @Param({"helidon", "javalin"})
    public String stack;

    @Param({"constant", "row-by-key", "instance"})
    public String endpoint;

    @Param({"10"})
    public int tenants;

    @Param({"100"})
    public int instancesPerTenant;

    /** Rows of the control table the row-by-key reads visit. */
    @Param({"1000"})
    public int controlRows;

    SidecarServer sidecar;
    Javalin javalin;
    int port;
    /** Prepared requests, one per key for the reads (one for the constant endpoint). */
    byte[][] requests;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        Path file = endpoint.equals("instance") ? LedgerFixtures.ldbInstancesFile(tenants, instancesPerTenant)
                : controlFile(controlRows);
        sidecar = SidecarServer.builder().ldb(file).port(0)
                .routes(r -> r.get(CONSTANT_PATH, (req, res) -> {
                    res.header("Content-Type", "application/json");
                    res.send(CONSTANT);
                })).build();
        if (stack.equals("helidon")) {
            port = sidecar.start().port();
        } else if (stack.equals("javalin")) {
            SidecarReads reads = sidecar.reads();
            javalin = Javalin.create(config -> {
                config.concurrency.useVirtualThreads = true;
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.routes.get(CONSTANT_PATH, ctx -> ctx.contentType("application/json").result(CONSTANT));
                config.routes.post("/get-row-by-key/{family}/{table}", ctx -> {
                    Optional<byte[]> row = reads.rowByKey(ctx.pathParam("family"), ctx.pathParam("table"),
                            ctx.bodyAsBytes());
                    if (row.isEmpty()) {
                        ctx.status(404).header("X-Ctlstore", "Not Found");
                    } else {
                        ctx.contentType("application/json").result(row.get());
                    }
                });
                config.routes.get("/v1/tenants/{tenant}/instances/{instance}", ctx -> ctx
                        .contentType("application/json")
                        .result(reads.instance(ctx.pathParam("tenant"), ctx.pathParam("instance"))));
            }).start("127.0.0.1", 0);
            port = javalin.port();
        } else {
            throw new IllegalArgumentException("stack must be helidon or javalin, got " + stack);
        }
        if (endpoint.equals("constant")) {
            requests = new byte[][] {KeepAliveClient.request("GET", CONSTANT_PATH, port, null)};
        } else if (endpoint.equals("instance")) {
            Keys keys;
            try (Connection c = RawSqlite.reader(file)) {
                keys = Keys.read(c);
            }
            requests = new byte[keys.ids().length][];
            for (int k = 0; k < requests.length; k++) {
                requests[k] = KeepAliveClient.request("GET", "/v1/tenants/" + keys.tenants()[k] + "/instances/"
                        + keys.ids()[k], port, null);
            }
        } else if (endpoint.equals("row-by-key")) {
            int[] order = Fixtures.shuffled(controlRows);
            requests = new byte[order.length][];
            for (int k = 0; k < order.length; k++) {
                byte[] body = ("{\"Key\":[{\"Value\":\"flag-" + order[k] + "\"}]}").getBytes(StandardCharsets.UTF_8);
                requests[k] = KeepAliveClient.request("POST", "/get-row-by-key/bench/flags", port, body);
            }
        } else {
            throw new IllegalArgumentException("endpoint must be constant, row-by-key or instance, got " + endpoint);
        }
    }

    /**
     * An LDB holding control table {@code bench.flags} (key {@code name}, a text and an integer field) with
     * {@code rows} rows {@code flag-<i>}, written as the reflector's applier leaves a control table: its registry
     * row and a {@code ct_<id>} table.
     */
    static Path controlFile(int rows) {
        return Fixtures.dataFile("ldb-control-" + rows, file -> {
            Ldb.create(file).close();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("INSERT INTO control_families (name, created_at) VALUES ('bench', 0)");
                st.execute("INSERT INTO control_tables (id, family, name, fields, key_fields, version, created_at,"
                        + " updated_at) VALUES (1, 'bench', 'flags', '[[\"name\",\"string\"],[\"value\",\"text\"],"
                        + "[\"rollout\",\"integer\"]]', '[\"name\"]', 1, 0, 0)");
                st.execute("CREATE TABLE \"ct_1\" (\"name\" TEXT, \"value\" TEXT, \"rollout\" INTEGER,"
                        + " PRIMARY KEY (\"name\"))");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"ct_1\" VALUES (?, ?, ?)")) {
                    for (int i = 0; i < rows; i++) {
                        ps.setString(1, "flag-" + i);
                        ps.setString(2, "variant-" + (i % 7) + " for the checkout and search pages");
                        ps.setLong(3, i % 101);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                st.execute("INSERT INTO ldb_position (id, seq, center_id, committed_at, applied_at)"
                        + " VALUES (1, 1, 'bench-center', 0, 0)");
                c.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("could not build the control-table LDB " + file + ": "
                        + e.getMessage(), e);
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (javalin != null) {
            javalin.stop();
        }
        sidecar.close();
    }

    /** One kept-alive connection per benchmark thread, and its own walk through the keys. */
    @State(Scope.Thread)
    public static class Connection1 {
        KeepAliveClient client;
        int next;

        @Setup(Level.Trial)
        public void open(SidecarHttpBench bench) throws IOException {
            client = new KeepAliveClient("127.0.0.1", bench.port);
            next = (int) (Thread.currentThread().threadId() % bench.requests.length);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            client.close();
        }
    }

    @Benchmark
    public int get(Connection1 c) throws IOException {
        byte[] request = requests[c.next];
        c.next = c.next + 1 == requests.length ? 0 : c.next + 1;
        int status = c.client.exchange(request);
        if (status != 200) {
            throw new IllegalStateException(stack + " answered " + status + " to " + endpoint
                    + "; the benchmark only measures successful reads");
        }
        return status;
    }

    /** Options of a profile: {@code smoke} (no fork, tiny), {@code quick} (one fork, short) or {@code full}. */
    static ChainedOptionsBuilder options(String profile) {
        ChainedOptionsBuilder o = new OptionsBuilder().include(SidecarHttpBench.class.getName() + "\\.");
        return switch (profile) {
            case "smoke" -> o.forks(0).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100)).param("tenants", "2")
                    .param("instancesPerTenant", "5").param("controlRows", "20");
            case "quick" -> o.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(2));
            case "full" -> o.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(5))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(5));
            default -> throw new IllegalArgumentException("profile must be smoke, quick or full, got " + profile);
        };
    }

    /**
     * The table rows: per stack, the read's throughput and p50 and their ratios to the constant endpoint's.
     */
    static List<String> table(Collection<RunResult> results) {
        List<String> rows = new ArrayList<>();
        rows.add("| stack | read | constant ops/s | read ops/s | throughput ratio (target >= 0.5)"
                + " | constant p50 us | read p50 us | p50 ratio (target <= 2) |");
        rows.add("|---|---|---|---|---|---|---|---|");
        for (String s : List.of("helidon", "javalin")) {
            for (String read : List.of("row-by-key", "instance")) {
                double cT = score(results, s, "constant", Mode.Throughput) * 1e6;
                double rT = score(results, s, read, Mode.Throughput) * 1e6;
                double cP = p50(results, s, "constant");
                double rP = p50(results, s, read);
                rows.add(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %.1f | %.1f | %.2f |", s, read,
                        cT, rT, rT / cT, cP, rP, rP / cP));
            }
        }
        return rows;
    }

    private static RunResult find(Collection<RunResult> results, String stack, String endpoint, Mode mode) {
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            if (p.getMode() == mode && stack.equals(p.getParam("stack")) && endpoint.equals(p.getParam("endpoint"))) {
                return r;
            }
        }
        throw new IllegalStateException("no " + mode + " result for " + stack + "/" + endpoint);
    }

    private static double score(Collection<RunResult> results, String stack, String endpoint, Mode mode) {
        return find(results, stack, endpoint, mode).getPrimaryResult().getScore();
    }

    private static double p50(Collection<RunResult> results, String stack, String endpoint) {
        return find(results, stack, endpoint, Mode.SampleTime).getPrimaryResult().getStatistics().getPercentile(50);
    }

    public static void main(String[] args) throws RunnerException {
        String profile = args.length > 0 ? args[0] : "quick";
        Collection<RunResult> results = new Runner(options(profile).build()).run();
        System.out.println("Sidecar over HTTP (" + profile + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs):");
        table(results).forEach(System.out::println);
    }
}
