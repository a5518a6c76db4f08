package dev.ctrlstore.cli;

import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.server.client.ExecutiveClient;
import dev.ctrlstore.server.executive.ExecutiveServer;
import dev.ctrlstore.server.heartbeat.Heartbeat;
import dev.ctrlstore.server.sidecar.SidecarServer;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.control.SqlControlStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Everything in one process on an embedded PostgreSQL: the center (migrated), the executive, "
                + "a reflector, the read sidecar and the heartbeat. Data stays under --dir, so a restart keeps it.",
                "Prints the URLs, the admin token and commands to try. Ctrl-C stops it cleanly."})
final class DevCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("ctrlstore.dev");
    private static final String HOST = "127.0.0.1";
    private static final String DEV_WRITER = "dev";

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:CTRLSTORE_DIR:-.ctrlstore}",
            description = "Where the database, the LDB and the generated tokens live (env CTRLSTORE_DIR). "
                    + "Default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--fresh", description = "Delete what --dir holds and start over.")
    boolean fresh;

    @Option(names = "--demo", description = "Also create a demo table, write a few rows per second and print the "
            + "measured center-to-LDB lag every few seconds.")
    boolean demo;

    @Option(names = "--executive-port", paramLabel = "PORT", defaultValue = "${env:CTRLSTORE_EXECUTIVE_PORT:-7480}",
            description = "The executive's port on 127.0.0.1, 0 for any free one (env CTRLSTORE_EXECUTIVE_PORT). "
                    + "Default: ${DEFAULT-VALUE}")
    int executivePort;

    @Option(names = "--sidecar-port", paramLabel = "PORT", defaultValue = "${env:CTRLSTORE_SIDECAR_PORT:-1331}",
            description = "The sidecar's port on 127.0.0.1, 0 for any free one (env CTRLSTORE_SIDECAR_PORT). "
                    + "Default: ${DEFAULT-VALUE}")
    int sidecarPort;

    @Option(names = "--postgres-port", paramLabel = "PORT", defaultValue = "${env:CTRLSTORE_POSTGRES_PORT:-0}",
            description = "The embedded PostgreSQL's port, 0 for any free one (env CTRLSTORE_POSTGRES_PORT). "
                    + "Default: ${DEFAULT-VALUE}")
    int postgresPort;

    @Option(names = "--heartbeat-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:CTRLSTORE_HEARTBEAT_INTERVAL:-2s}",
            description = "Time between heartbeat rows (env CTRLSTORE_HEARTBEAT_INTERVAL). Default: ${DEFAULT-VALUE}")
    Duration heartbeatInterval;

    @Option(names = "--latency-threshold", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:CTRLSTORE_LATENCY_THRESHOLD:-10s}",
            description = "The sidecar's /healthcheck fails when the LDB is staler than this (env "
                    + "CTRLSTORE_LATENCY_THRESHOLD). Default: ${DEFAULT-VALUE}")
    Duration latencyThreshold;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve("dev.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.tryLock();
            if (lock == null) {
                String holder = new String(Files.readAllBytes(dir.resolve("dev.lock")), StandardCharsets.UTF_8).strip();
                throw new IllegalStateException("another `ctrlstore dev` runs on " + dir.toAbsolutePath()
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + ": stop it first (Ctrl-C there), or "
                        + "give this one another --dir");
            }
            lockFile.truncate(0);
            lockFile.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(
                    StandardCharsets.UTF_8)));
            if (fresh) {
                clear(dir);
            }
            run(started);
        }
        return 0;
    }

    private void run(long started) throws Exception {
        try (Parts parts = new Parts()) {
            Path pgData = dir.resolve("postgres");
            stopOrphan(pgData);
            LOG.info("starting PostgreSQL in {}", pgData);
            EmbeddedPostgres.Builder pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // dev keeps its data across restarts, so its commits are durable like a real server's (the
                    // embedded default is asynchronous); the reflector, which applies only WAL-flushed entries,
                    // then needs no wait for the WAL writer.
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()));
            if (postgresPort > 0) {
                pg.setPort(postgresPort);
            }
            EmbeddedPostgres postgres = parts.add(pg.start());
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            PostgresStore center = parts.add(PostgresStore.builder().jdbcUrl(jdbcUrl).user("postgres").password("")
                    .ledger(LedgerMode.SYNC).build());
            center.migrate();

            String adminToken = token(dir.resolve("admin-token"));
            Path ldb = dir.resolve("ldb.db");
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Reflector reflector = parts.add(Reflector.builder().ldb(ldb)
                    .source(JdbcLedgerSource.builder().jdbcUrl(jdbcUrl).user("postgres").password("").build())
                    .meterRegistry(registry).build().start());

            SqlControlStore control = center.control(ControlSettings.defaults());
            ExecutiveServer executive = parts.add(ExecutiveServer.builder().store(control).host(HOST)
                    .port(executivePort).adminToken(adminToken).destructiveSchemaChanges(true)
                    .meterRegistry(registry).build().start());
            ExecutiveClient client = ExecutiveClient.builder().uri(executive.uri()).adminToken(adminToken).build();
            String devSecret = token(dir.resolve("dev-writer-secret"));
            client.registerWriter(DEV_WRITER, devSecret);

            SidecarServer sidecar = parts.add(SidecarServer.builder().ldb(ldb).host(HOST).port(sidecarPort)
                    .latencyThreshold(latencyThreshold).meterRegistry(registry).build().start());

            parts.add(Heartbeat.builder().client(client).secret(token(dir.resolve("heartbeat-secret")))
                    .interval(heartbeatInterval).meterRegistry(registry).build().start());
            if (demo) {
                parts.add(new Demo(client, token(dir.resolve("demo-writer-secret")), ldb, Duration.ofMillis(250),
                        Duration.ofSeconds(5)));
            }

            long readyMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            StringBuilder out = new StringBuilder();
            out.append("ctrlstore dev ready in ").append(readyMillis).append(" ms (data in ")
                    .append(dir.toAbsolutePath()).append(")\n");
            out.append("  executive  ").append(executive.uri()).append("   (admin token below; metrics at /metrics)\n");
            out.append("  sidecar    ").append(sidecar.uri()).append('\n');
            out.append("  center     ").append(jdbcUrl).append(" (user postgres)\n");
            out.append("  ldb        ").append(reflector.ldb()).append('\n');
            out.append("  admin      ").append(adminToken).append('\n');
            out.append("  writer     ").append(DEV_WRITER).append(" / ").append(devSecret).append('\n');
            out.append('\n').append("Try it: create a table, write a row, read it from the LDB through the sidecar:\n");
            for (String command : tryIt(executive.uri().toString(), sidecar.uri().toString(), adminToken, devSecret)) {
                out.append("  ").append(command).append('\n');
            }
            out.append("or read it from the LDB file: ./ctrlstore read-keys --ldb ").append(ldb).append(
                    " -f hello -t greetings 1\n");
            parts.ready(out.toString());
        }
    }

    /** The three commands dev prints (a test runs them as printed). */
    static List<String> tryIt(String executive, String sidecar, String adminToken, String devSecret) {
        String admin = "-H 'Authorization: Bearer " + adminToken + "'";
        return List.of(
                "curl -sSf " + admin + " -X POST " + executive + "/families/hello && curl -sSf " + admin
                        + " -d '{\"fields\":[[\"id\",\"integer\"],[\"greeting\",\"string\"]],\"keyFields\":[\"id\"]}' "
                        + executive + "/families/hello/tables/greetings",
                "curl -sSf -H 'ctlstore-writer: " + DEV_WRITER + "' -H 'ctlstore-secret: " + devSecret + "' -d '{\"mutations\""
                        + ":[{\"table\":\"greetings\",\"delete\":false,\"values\":{\"id\":1,\"greeting\":\"hello, world\"}}]}' "
                        + executive + "/families/hello/mutations",
                "curl -sSf -d '{\"Key\":[{\"Value\":1}]}' " + sidecar + "/get-row-by-key/hello/greetings");
    }

    /**
     * Stops a PostgreSQL that a dev killed without its shutdown left running on {@code pgData}: this process holds
     * the directory's lock, so no live dev owns it, and a new server could not start beside it.
     */
    private static void stopOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        if (!first.matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isPresent()) {
            LOG.warn("stopping PostgreSQL pid {} left running on {} by a dev that did not shut down", first, pgData);
            orphan.get().destroy(); // SIGTERM: its clients died with that dev, so it stops at once
            orphan.get().onExit().completeOnTimeout(null, 30, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }

    /** A random token kept in {@code file}, so a restart of dev keeps it. */
    static String token(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(file, token + "\n");
        return token;
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> !p.getFileName().toString().equals("dev.lock")).toList()) {
                try (Stream<Path> tree = Files.walk(p)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(f -> {
                        try {
                            Files.delete(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot delete " + f + " for --fresh", e);
                        }
                    });
                }
            }
        }
    }
}
