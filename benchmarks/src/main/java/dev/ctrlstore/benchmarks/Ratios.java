package dev.ctrlstore.benchmarks;

import dev.ctrlstore.test.postgres.TestDatabase;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the whole suite and prints each benchmark beside its baseline as a ratio, with the raw numbers behind it.
 *
 * <pre>
 * java -Dprofile=quick -jar benchmarks/target/ctrlstore-benchmarks.jar    # two rounds, short iterations
 * java -Dprofile=full  -jar benchmarks/target/ctrlstore-benchmarks.jar    # three rounds, longer iterations
 * </pre>
 *
 * Other system properties: {@code include} (a regex matched against the benchmark names in {@link #PAIRS}, e.g.
 * {@code Insert}; default all, and the footprint only then), {@code rounds} (how many times each benchmark runs,
 * each time in a new fork; the table gives the median ratio), {@code prof} (a JMH profiler, e.g. {@code jfr},
 * {@code gc}, {@code stack}), {@code warmups} (warm-up iterations per fork instead of the profile's: the durable
 * server's write benchmarks were still speeding up in the full profile's fifth measured iteration),
 * {@code footprintInstancesPerTenant} (default 1000, with 100 tenants). The footprint is
 * computed in this JVM with JOL, not timed. Two replication figures are timed once in this JVM, after the forks:
 * {@link Backlog} ({@code backlogEntries}, default 1,000,000) and {@link ReplicationLag} ({@code lagRate} writes a
 * second, default 100, for {@code lagSeconds}, default 60); {@code include} names them {@code Backlog} and
 * {@code ReplicationLag}.
 *
 * <p>When a PostgreSQL benchmark is included, this JVM gets one database for the run from
 * {@link TestDatabase#create} — {@code CTRLSTORE_TEST_PG_URL} (with {@code _USER}, {@code _PASSWORD}), else
 * Testcontainers when Docker answers, else embedded PostgreSQL — and hands it to every fork; the server's source
 * and version are printed with the raw numbers. It is dropped, or the server this JVM started is stopped, when
 * this JVM exits.
 */
public final class Ratios {
    private static final String PKG = Ratios.class.getPackageName() + ".";

    /**
     * The JMH parameter that picks a variant of one benchmark method: a name {@code Class.method:VALUE} in
     * {@link #PAIRS} is that method run with {@code ledger=VALUE} (the ledger mode or ordering it writes under).
     */
    static final String VARIANT_PARAM = "ledger";

    /**
     * One line of the table: a measured benchmark over its baseline, and the target for the ratio. With statistic
     * {@code thrpt} both are throughputs (higher is better) and the target is a floor; otherwise they are times
     * (lower is better) and the target is a ceiling.
     */
    record Pair(String what, String measured, String baseline, String baselineText, String statistic, double target,
            String note) {
        boolean higherIsBetter() {
            return "thrpt".equals(statistic);
        }
    }

    static final List<Pair> PAIRS = List.of(
            new Pair("getById, memory store", "GetByIdMemoryBenchmark.store", "GetByIdMemoryBenchmark.map",
                    "ConcurrentHashMap.get", "mean", 3.0, "avgt: too fast for per-call percentiles"),
            new Pair("getById, SQLite", "GetByIdSqliteBenchmark.store", "GetByIdSqliteBenchmark.raw",
                    "raw sqlite-jdbc, reused statement", "p50", 1.3, ""),
            new Pair("getById, SQLite (p99)", "GetByIdSqliteBenchmark.store", "GetByIdSqliteBenchmark.raw",
                    "raw sqlite-jdbc, reused statement", "p99", 2.0, ""),
            new Pair("getBySlug, SQLite", "GetBySlugSqliteBenchmark.store", "GetBySlugSqliteBenchmark.raw",
                    "raw sqlite-jdbc, reused statement", "p50", 1.3, "Prepared, as every read by key"),
            new Pair("getBySlug, SQLite, jOOQ statement reuse", "GetBySlugSqliteBenchmark.jooqReused",
                    "GetBySlugSqliteBenchmark.raw", "raw sqlite-jdbc, reused statement", "p50", Double.NaN,
                    "the mechanism measured against Prepared"),
            new Pair("getBySlug, SQLite, jOOQ per call", "GetBySlugSqliteBenchmark.jooqPerCall",
                    "GetBySlugSqliteBenchmark.raw", "raw sqlite-jdbc, reused statement", "p50", Double.NaN,
                    "how reads by key other than getById worked before"),
            new Pair("list page 1, SQLite", "ListPageBenchmark.firstPage", "ListPageBenchmark.rawFirstPage",
                    "raw JDBC, same query", "p50", 1.3, "without total"),
            new Pair("list page at depth 100k, SQLite", "ListPageBenchmark.deepPage", "ListPageBenchmark.firstPage",
                    "page 1 (store)", "p50", 1.2, "both without total"),
            new Pair("list page at depth 100k with total, SQLite", "ListPageBenchmark.deepPageWithTotal",
                    "ListPageBenchmark.rawDeepSeekCounted", "raw JDBC, same seek + count", "p50", Double.NaN, ""),
            new Pair("what withTotal() adds at depth 100k, SQLite", "ListPageBenchmark.deepPageWithTotal",
                    "ListPageBenchmark.deepPage", "the same page without total", "p50", Double.NaN,
                    "count(*) over the tenant's 101,000 rows"),
            new Pair("OFFSET paging at depth 100k", "ListPageBenchmark.rawDeepOffset", "ListPageBenchmark.deepPage",
                    "store's cursor page", "p50", Double.NaN, "what OFFSET would cost instead; both without total"),
            new Pair("insert, 1 thread, SQLite", "InsertBenchmark.insert1Store", "InsertBenchmark.insert1Raw",
                    "raw JDBC, same rows, one tx", "p50", 1.25, ""),
            new Pair("insert, 8 threads, SQLite", "InsertBenchmark.insert8Store", "InsertBenchmark.insert8Raw",
                    "raw JDBC, one connection + lock", "p50", 1.25, ""),
            new Pair("getById, PostgreSQL", "GetByIdPostgresBenchmark.store", "GetByIdPostgresBenchmark.raw",
                    "raw pgjdbc, same pool", "p50", 1.5, ""),
            new Pair("getById, PostgreSQL (p99)", "GetByIdPostgresBenchmark.store", "GetByIdPostgresBenchmark.raw",
                    "raw pgjdbc, same pool", "p99", Double.NaN, ""),
            new Pair("list page 1, PostgreSQL", "ListPagePostgresBenchmark.firstPage",
                    "ListPagePostgresBenchmark.rawFirstPage", "raw pgjdbc, same query, same pool", "p50", 1.3,
                    "without total"),
            new Pair("list page at depth 100k, PostgreSQL", "ListPagePostgresBenchmark.deepPage",
                    "ListPagePostgresBenchmark.firstPage", "page 1 (store)", "p50", 1.2, "both without total"),
            new Pair("list page at depth 100k with total, PostgreSQL", "ListPagePostgresBenchmark.deepPageWithTotal",
                    "ListPagePostgresBenchmark.rawDeepSeekCounted", "raw pgjdbc, same seek + count, one snapshot",
                    "p50", Double.NaN, ""),
            new Pair("what withTotal() adds at depth 100k, PostgreSQL", "ListPagePostgresBenchmark.deepPageWithTotal",
                    "ListPagePostgresBenchmark.deepPage", "the same page without total", "p50", Double.NaN,
                    "count(*) over the tenant's 101,000 rows"),
            new Pair("OFFSET paging at depth 100k, PostgreSQL", "ListPagePostgresBenchmark.rawDeepOffset",
                    "ListPagePostgresBenchmark.deepPage", "store's cursor page", "p50", Double.NaN,
                    "what OFFSET would cost instead; both without total"),
            new Pair("insert, 1 thread, PostgreSQL", "InsertPostgresBenchmark.insert1Store",
                    "InsertPostgresBenchmark.insert1Raw", "raw pgjdbc, same rows, one tx, same pool", "p50", 1.25, ""),
            new Pair("insert, 8 threads, PostgreSQL", "InsertPostgresBenchmark.insert8Store",
                    "InsertPostgresBenchmark.insert8Raw", "raw pgjdbc, same rows, one tx, same pool", "p50", 1.25,
                    ""),
            new Pair("getById, LDB (LdbStore)", "GetByIdLdbBenchmark.store", "GetByIdLdbBenchmark.raw",
                    "raw sqlite-jdbc on the LDB, reused statement", "p50", 1.5, "an LDB the reflector built"),
            new Pair("getById, LDB vs PostgreSQL", "GetByIdLdbBenchmark.store", "GetByIdPostgresBenchmark.store",
                    "PostgresStore getById, same data", "p50", 0.15, "what reading a replica saves"),
            new Pair("getRowByKey, LDB (LdbReader)", "ControlGetRowBenchmark.reader", "ControlGetRowBenchmark.raw",
                    "raw sqlite-jdbc on the LDB, reused statement", "p50", 1.3, "a control table of 100,000 rows"),
            new Pair("mutation through the executive (HTTP)", "ExecutivePostgresBenchmark.executive",
                    "ExecutivePostgresBenchmark.direct", "ControlStore.mutate, same store", "p50", 1.25,
                    "one upsert per request; center with the ledger in SYNC mode"),
            new Pair("reflector apply", "ReflectorApplyBenchmark.reflector", "ReflectorApplyBenchmark.raw",
                    "raw prepared upserts of the same images, 100 entries per tx", "thrpt", 0.5,
                    "entries/s; batches of 100, each with its position update"),
            ledger("LedgerInsertPostgresBenchmark", 8, "SYNC", "GLOBAL_LOCK", 2.5, "test server"),
            ledger("LedgerInsertPostgresBenchmark", 8, "SYNC", "UNORDERED", 0.8, "test server"),
            ledger("LedgerInsertPostgresBenchmark", 8, "SYNC", "OFF", Double.NaN, "test server; what the ledger costs"),
            ledger("LedgerInsertPostgresBenchmark", 1, "SYNC", "GLOBAL_LOCK", Double.NaN, "test server"),
            ledger("LedgerInsertPostgresBenchmark", 1, "SYNC", "UNORDERED", Double.NaN, "test server"),
            ledger("LedgerInsertPostgresBenchmark", 1, "SYNC", "OFF", Double.NaN, "test server; what the ledger costs"),
            ledger("LedgerInsertDurableBenchmark", 8, "GROUP_COMMIT", "GLOBAL_LOCK", 2.5, "durable server"),
            ledger("LedgerInsertDurableBenchmark", 8, "GROUP_COMMIT", "OFF", 0.8, "durable server"),
            ledger("LedgerInsertDurableBenchmark", 8, "SYNC", "GLOBAL_LOCK", Double.NaN,
                    "durable server; the WAL flush is under the counter's lock"),
            ledger("LedgerInsertDurableBenchmark", 1, "GROUP_COMMIT", "GLOBAL_LOCK", Double.NaN, "durable server"),
            ledger("LedgerInsertDurableBenchmark", 1, "GROUP_COMMIT", "OFF", Double.NaN, "durable server"),
            ledger("LedgerInsertDurableBenchmark", 1, "SYNC", "GLOBAL_LOCK", Double.NaN, "durable server"));

    /** A row comparing two ledger variants of one insert benchmark by throughput. */
    private static Pair ledger(String benchmark, int threads, String measured, String baseline, double target,
            String note) {
        String method = benchmark + ".insert" + threads + ":";
        return new Pair("ledgered insert, " + threads + (threads == 1 ? " thread, " : " threads, ") + measured
                + " vs " + baseline, method + measured, method + baseline, LedgerVariants.describe(baseline), "thrpt",
                target, note);
    }

    private Ratios() {
    }

    public static void main(String[] args) throws Exception {
        String profile = System.getProperty("profile", "quick");
        // Two rounds at least: on the 2-core machine of the README's tables, the second fork of a pair often ran
        // ~20 % slower, whichever side it was, so one round (baseline first) is biased; round two reverses the order.
        int rounds = Integer.getInteger("rounds", switch (profile) {
            case "full" -> 3;
            case "smoke" -> 1;
            default -> 2;
        });
        String include = System.getProperty("include");
        String prof = System.getProperty("prof");
        Path dir = Files.createTempDirectory("ctrlstore-bench");
        DurablePostgres durable = null;
        try {
            List<String> names = benchmarks(include);
            // One database for the whole run, on the server the tests would use: the forks build each data set
            // once and share it. This JVM outlives the forks; its exit drops the database or stops the server.
            boolean lag = matches(include, "ReplicationLag");
            boolean backlog = matches(include, "Backlog");
            TestDatabase postgres = names.stream().anyMatch(Ratios::usesPostgres) || lag
                    ? TestDatabase.create("bench") : null;
            String server = postgres == null ? "" : "; " + describe(postgres);
            if (names.stream().anyMatch(Ratios::usesDurablePostgres)) {
                durable = DurablePostgres.start();
                server += "; " + durable.describe();
            }
            List<RunResult> results = new ArrayList<>();
            // One JMH run (one fork) per benchmark, each baseline next to its benchmark; every other round in
            // reverse order, so a drift of the machine (disk write-back, a noisy neighbour) hits both sides alike.
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(names);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String name : order) {
                    int colon = name.indexOf(':');
                    String method = colon < 0 ? name : name.substring(0, colon);
                    ChainedOptionsBuilder options = options(profile, dir, postgres, durable)
                            .include("^" + Pattern.quote(PKG + method) + "$");
                    if (colon >= 0) {
                        options.param(VARIANT_PARAM, name.substring(colon + 1));
                    }
                    if (prof != null && !prof.isBlank()) {
                        options.addProfiler(prof);
                    }
                    results.addAll(new Runner(options.build()).run());
                }
            }
            Footprint footprint = include == null || "Footprint".matches(include)
                    ? Footprint.measure(100, Integer.getInteger("footprintInstancesPerTenant", 1000)) : null;
            // Timed once, in this JVM, after the forks: a latency under fixed load and a one-off catch-up.
            List<String> measured = new ArrayList<>();
            if (backlog) {
                measured.add(Backlog.measure(LedgerFixtures.centerEntries(100, 100),
                        Long.getLong("backlogEntries", 1_000_000), dir).row());
            }
            if (lag) {
                measured.addAll(ReplicationLag.measure(Fixtures.Postgres.of(postgres),
                        Integer.getInteger("lagRate", 100), Duration.ofSeconds(Integer.getInteger("lagSeconds", 60)),
                        dir).rows());
            }
            String warmups = warmups() < 0 ? "" : ", " + warmups() + " warm-up iterations";
            print(System.out, profile + " profile" + warmups + ", " + rounds + (rounds == 1 ? " round" : " rounds")
                    + server, results,
                    footprint, measured);
        } finally {
            if (durable != null) {
                durable.close();
            }
            Fixtures.deleteTree(dir);
        }
    }

    /** The paired benchmarks (baseline first) whose name matches {@code include} (all without one). */
    static List<String> benchmarks(String include) {
        Set<String> names = new LinkedHashSet<>();
        for (Pair p : PAIRS) {
            names.add(p.baseline());
            names.add(p.measured());
        }
        List<String> list = new ArrayList<>();
        for (String name : names) {
            if (include == null || Pattern.compile(include).matcher(name).find()) {
                list.add(name);
            }
        }
        return list;
    }

    /** Whether a measurement outside JMH named {@code name} runs: always without {@code include}. */
    private static boolean matches(String include, String name) {
        return include == null || Pattern.compile(include).matcher(name).find();
    }

    /** Whether {@code benchmark} (a name in {@link #PAIRS}) needs the run's PostgreSQL database. */
    static boolean usesPostgres(String benchmark) {
        return benchmark.contains("Postgres");
    }

    /** Whether {@code benchmark} needs the run's durable PostgreSQL server ({@link DurablePostgres}). */
    static boolean usesDurablePostgres(String benchmark) {
        return benchmark.contains("Durable");
    }

    /** Where the run's PostgreSQL server came from and its version, e.g. {@code EMBEDDED PostgreSQL 18.6}. */
    static String describe(TestDatabase postgres) throws SQLException {
        try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("show server_version")) {
            rs.next();
            return postgres.source() + " PostgreSQL " + rs.getString(1);
        }
    }

    /**
     * The JMH options of a profile: {@code quick} (one fork, short iterations), {@code full} (one fork per round,
     * three rounds by default, longer iterations) or {@code smoke} (no fork, one tiny iteration, small data: proves
     * each benchmark runs). The forks find the data directory and {@code postgres} (may be null: none) in system
     * properties; a run without forks sets them itself.
     */
    static ChainedOptionsBuilder options(String profile, Path dataDir, TestDatabase postgres) {
        return options(profile, dataDir, postgres, null);
    }

    /** As {@link #options(String, Path, TestDatabase)}, the forks also given the run's durable server (may be null). */
    static ChainedOptionsBuilder options(String profile, Path dataDir, TestDatabase postgres, DurablePostgres durable) {
        // All in one list: JMH keeps only the last jvmArgsAppend call's arguments.
        List<String> jvmArgs = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-Xms2g", "-Xmx2g",
                "-D" + Fixtures.DIR_PROPERTY + "=" + dataDir));
        if (postgres != null) {
            Fixtures.postgresProperties(postgres).forEach((k, v) -> jvmArgs.add("-D" + k + "=" + v));
        }
        if (durable != null) {
            jvmArgs.add("-D" + Fixtures.DURABLE_URL_PROPERTY + "=" + durable.jdbcUrl());
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true);
        switch (profile) {
            case "quick" -> options.forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(3));
            case "full" -> options.forks(1)
                    .warmupIterations(4).warmupTime(TimeValue.seconds(5))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(8));
            case "smoke" -> options.forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                    .param("tenants", "2").param("instancesPerTenant", "20")
                    .param("depth", "120").param("limit", "10");
            default -> throw new IllegalArgumentException("profile must be quick, full or smoke, got " + profile);
        }
        if (warmups() >= 0) {
            options.warmupIterations(warmups());
        }
        return options;
    }

    /** The {@code warmups} system property: warm-up iterations per fork, or -1 when not set (the profile's). */
    static int warmups() {
        String value = System.getProperty("warmups");
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            int warmups = Integer.parseInt(value.strip());
            if (warmups >= 0) {
                return warmups;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-Dwarmups must be a whole number, 0 or more, got \"" + value + "\"");
    }

    /** The numbers of one benchmark, in its own unit. */
    record Numbers(double p50, double p99, double mean, String unit, long samples, String data) {
        double get(String statistic) {
            return switch (statistic) {
                case "p50" -> p50;
                case "p99" -> p99;
                default -> mean; // "mean", and "thrpt": the mean of the iterations' throughputs
            };
        }
    }

    /** The name of {@code result}'s benchmark as {@link #PAIRS} has it: {@code Class.method[:variant]}. */
    static String name(RunResult result) {
        String name = result.getParams().getBenchmark().substring(PKG.length());
        String variant = result.getParams().getParam(VARIANT_PARAM);
        return variant == null ? name : name + ":" + variant;
    }

    /** Each benchmark's numbers, one entry per run (round). */
    static Map<String, List<Numbers>> numbers(Collection<RunResult> results) {
        Map<String, List<Numbers>> byName = new TreeMap<>();
        for (RunResult r : results) {
            String name = name(r);
            Result<?> primary = r.getPrimaryResult();
            Statistics s = primary.getStatistics();
            String tenants = r.getParams().getParam("tenants");
            String perTenant = r.getParams().getParam("instancesPerTenant");
            String data = tenants != null && perTenant != null ? tenants + " x " + perTenant + " instances" : "";
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Numbers(s.getPercentile(50),
                    s.getPercentile(99), s.getMean(), primary.getScoreUnit(), s.getN(), data));
        }
        return byName;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The table of ratios and the raw numbers behind them, as Markdown lines. */
    static List<String> table(String run, Collection<RunResult> results, Footprint footprint, List<String> measured) {
        Map<String, List<Numbers>> n = numbers(results);
        List<String> lines = new ArrayList<>();
        lines.add("| benchmark | baseline | ctrlstore | baseline value | ratio | target | |");
        lines.add("|---|---|---|---|---|---|---|");
        for (Pair p : PAIRS) {
            List<Numbers> m = n.get(p.measured());
            List<Numbers> b = n.get(p.baseline());
            if (m == null || b == null) {
                continue;
            }
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(m.size(), b.size()); i++) {
                ratios.add(m.get(i).get(p.statistic()) / b.get(i).get(p.statistic()));
            }
            double ratio = median(ratios);
            String each = ratios.size() < 2 ? "" : " " + ratios.stream().map(Ratios::fmt)
                    .collect(Collectors.joining(", ", "(rounds: ", ")"));
            String target = Double.isNaN(p.target()) ? "—"
                    : (p.higherIsBetter() ? "≥ " : "≤ ") + fmt(p.target()) + "x";
            boolean met = p.higherIsBetter() ? ratio >= p.target() : ratio <= p.target();
            String verdict = Double.isNaN(p.target()) ? "" : met ? "met" : "MISSED";
            String note = p.note();
            if (!m.get(0).data().isEmpty()) {
                note = m.get(0).data() + (note.isEmpty() ? "" : "; " + note);
            }
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s %s %s | %s %s | **%sx**%s | %s | %s |",
                    p.what(), p.baselineText(), p.statistic(), fmt(median(m, p.statistic())), m.get(0).unit(),
                    fmt(median(b, p.statistic())), b.get(0).unit(), fmt(ratio), each, target,
                    verdict + (note.isEmpty() ? "" : (verdict.isEmpty() ? "" : "; ") + note)));
        }
        if (footprint != null) {
            lines.add(String.format(Locale.ROOT,
                    "| heap per stored instance, memory store | the same records in an array | %.0f B | %.0f B |"
                            + " **%sx** | — | JOL, %d instances |",
                    footprint.storeBytesPerInstance(), footprint.recordBytesPerInstance(), fmt(footprint.ratio()),
                    footprint.instances()));
        }
        lines.addAll(measured);
        lines.add("");
        lines.add("Raw numbers (" + run + "; " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                + Runtime.version() + "; with several rounds, the median of the rounds; for average-time"
                + " benchmarks p50/p99 are over the iterations' means):");
        lines.add("");
        lines.add("| JMH benchmark | p50 | p99 | mean | unit | samples |");
        lines.add("|---|---|---|---|---|---|");
        n.forEach((k, x) -> lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |", k,
                fmt(median(x, "p50")), fmt(median(x, "p99")), fmt(median(x, "mean")), x.get(0).unit(),
                x.stream().mapToLong(Numbers::samples).sum())));
        return lines;
    }

    private static double median(List<Numbers> runs, String statistic) {
        return median(runs.stream().map(x -> x.get(statistic)).toList());
    }

    static void print(PrintStream out, String run, Collection<RunResult> results, Footprint footprint,
            List<String> measured) {
        out.println();
        out.println("ctrlstore ratios (ratio = ctrlstore / baseline, same run; lower is better, except for"
                + " throughputs (thrpt), where higher is)");
        out.println();
        table(run, results, footprint, measured).forEach(out::println);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
