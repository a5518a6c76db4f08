package dev.ctrlstore.cli;

import dev.ctrlstore.cli.CtrlstoreProcess.Result;
import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.replication.ldb.LdbPosition;
import dev.ctrlstore.replication.replica.LdbStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ctrlstore dev} as a child process on free ports, with its own data directory: what it prints, what runs,
 * a second dev on the same directory, SIGTERM and a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevProcessTest {
    private static final Duration START = Duration.ofSeconds(120);
    private static final String[] DEV = {"dev", "--executive-port", "0", "--sidecar-port", "0",
            "--heartbeat-interval", "300ms", "--latency-threshold", "3s"};

    @TempDir
    static Path work;

    private CtrlstoreProcess dev;
    private String adminToken;
    private String executive;
    private String sidecar;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startDev() throws Exception {
        dev = CtrlstoreProcess.start(work, Map.of(), DEV);
        adminToken = dev.awaitOutput("^\\s+admin\\s+(\\S+)", START).group(1);
        executive = dev.awaitOutput("^\\s+executive\\s+(\\S+)", START).group(1);
        sidecar = dev.awaitOutput("^\\s+sidecar\\s+(\\S+)", START).group(1);
    }

    @AfterAll
    void stopDev() throws Exception {
        if (dev != null) {
            dev.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("dev creates its directory with the database and the LDB and prints where everything is")
    void ready() throws Exception {
        assertThat(dev.stdout()).containsPattern("ctrlstore dev ready in \\d+ ms");
        assertThat(Files.isDirectory(work.resolve(".ctrlstore/postgres"))).isTrue();
        assertThat(Files.isRegularFile(work.resolve(".ctrlstore/ldb.db"))).isTrue();
        assertThat(dev.stderr()).doesNotContain("Exception", "ERROR");
    }

    @Test
    @Order(2)
    @DisplayName("a second dev on the same directory refuses with a clear message and leaves the first running")
    void secondDevRefuses() throws Exception {
        Result second = CtrlstoreProcess.run(work, Map.of(), DEV);
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
        assertThat(second.stderr().strip()).startsWith("ctrlstore dev: another `ctrlstore dev` runs on "
                + work.resolve(".ctrlstore")).contains("pid " + dev.pid()).doesNotContain("\tat ");
        assertThat(dev.stdout()).doesNotContain("stopped");
    }

    @Test
    @Order(3)
    @DisplayName("the three printed commands, run verbatim, create a table and write a row that the sidecar and "
            + "read-keys then read from the LDB")
    void printedCommands() throws Exception {
        List<String> commands = dev.stdout().lines().dropWhile(l -> !l.startsWith("Try it"))
                .filter(l -> l.startsWith("  curl ")).map(String::strip).toList();
        assertThat(commands).hasSize(3);
        for (String command : commands.subList(0, 2)) {
            Result r = shell(command);
            assertThat(r.exitCode()).as(command + "\n" + r).isZero();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Result read = shell(commands.get(2));
        while (read.exitCode() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            read = shell(commands.get(2));
        }
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.stdout()).contains("\"greeting\":\"hello, world\"");
        Result keys = CtrlstoreProcess.run(work, Map.of(), "read-keys", "--ldb", ".ctrlstore/ldb.db", "-f", "hello",
                "-t", "greetings", "1");
        assertThat(keys.exitCode()).as(keys.toString()).isZero();
        assertThat(keys.stdout()).containsPattern("COLUMN\\s+VALUE").containsPattern("greeting\\s+hello, world")
                .containsPattern("id\\s+1");
    }

    @Test
    @Order(4)
    @DisplayName("client commands against dev: schema, writer, mutate, limits; a wrong admin token, an unknown table "
            + "and an unknown key are one-line errors with exit code 1")
    void clientCommands() throws Exception {
        Map<String, String> env = Map.of("CTRLSTORE_EXECUTIVE", executive, "CTRLSTORE_ADMIN_TOKEN", adminToken,
                "CTRLSTORE_WRITER", "cli", "CTRLSTORE_WRITER_SECRET", "cli-secret-1", "CTRLSTORE_LDB",
                ".ctrlstore/ldb.db");
        Result wrongToken = CtrlstoreProcess.run(work, Map.of("CTRLSTORE_EXECUTIVE", executive), "create-family",
                "flags", "--admin-token", "wrong");
        assertThat(wrongToken.exitCode()).as(wrongToken.toString()).isEqualTo(1);
        assertThat(wrongToken.stderr().strip()).startsWith("ctrlstore create-family: POST /families/flags answered 401")
                .doesNotContain("\n");

        assertThat(CtrlstoreProcess.run(work, env, "create-family", "flags").stdout()).contains("created family flags");
        Result table = CtrlstoreProcess.run(work, env, "create-table", "-f", "flags", "--field", "name:string",
                "--field", "enabled:integer", "--key-field", "name", "features");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        Result unknown = CtrlstoreProcess.run(work, env, "add-fields", "-f", "flags", "-t", "nosuch", "--field",
                "x:string");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.stderr().strip()).contains("answered 404").doesNotContain("\n");

        assertThat(CtrlstoreProcess.run(work, env, "register-writer").exitCode()).isZero();
        Path body = work.resolve("mutation.json");
        Files.writeString(body, "{\"mutations\":[{\"table\":\"features\",\"delete\":false,\"values\":"
                + "{\"name\":\"checkout\",\"enabled\":1}}]}");
        Result mutate = CtrlstoreProcess.run(work, env, "mutate", "-f", "flags", body.toString());
        assertThat(mutate.exitCode()).as(mutate.toString()).isZero();
        long seq = Long.parseLong(mutate.stdout().strip());
        try (LdbStore replica = LdbStore.builder().path(work.resolve(".ctrlstore/ldb.db")).build()) {
            replica.awaitPosition(seq, Duration.ofSeconds(30));
        }
        Result row = CtrlstoreProcess.run(work, env, "read-keys", "-f", "flags", "-t", "features", "-q", "checkout");
        assertThat(row.stdout()).doesNotContain("COLUMN").containsPattern("enabled\\s+1");
        Result noRow = CtrlstoreProcess.run(work, env, "read-keys", "-f", "flags", "-t", "features", "nosuch");
        assertThat(noRow.exitCode()).isEqualTo(1);
        assertThat(noRow.stderr().strip()).isEqualTo("ctrlstore read-keys: no row of flags.features has key nosuch");

        assertThat(CtrlstoreProcess.run(work, env, "table-limits", "update", "-f", "flags", "-t", "features",
                "--max-size", "2000000", "--warn-size", "1000000").exitCode()).isZero();
        assertThat(CtrlstoreProcess.run(work, env, "table-limits", "read").stdout()).contains("2000000");
        assertThat(CtrlstoreProcess.run(work, env, "writer-limits", "update", "-w", "cli", "--rows-per-minute",
                "77").exitCode()).isZero();
        assertThat(CtrlstoreProcess.run(work, env, "writer-limits", "read").stdout()).contains("77");
    }

    @Test
    @Order(5)
    @DisplayName("with the heartbeat, the sidecar's /healthcheck stays healthy while nothing else is written")
    void heartbeatKeepsHealthy() throws Exception {
        Thread.sleep(4_000); // idle for longer than the 3 s threshold: only the heartbeat writes
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(sidecar + "/healthcheck")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    }

    @Test
    @Order(100)
    @DisplayName("SIGTERM stops dev with exit code 0 and no stack trace; a restart keeps the data and the token")
    void sigtermAndRestart() throws Exception {
        Result stopped = dev.terminate(Duration.ofSeconds(60));
        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        assertThat(stopped.stderr()).contains("SIGTERM received", "stopped").doesNotContain("Exception", "\tat ");
        long seqBefore = Ldb.inspect(work.resolve(".ctrlstore/ldb.db")).map(LdbPosition::seq).orElse(0L);

        dev = CtrlstoreProcess.start(work, Map.of(), DEV);
        assertThat(dev.awaitOutput("^\\s+admin\\s+(\\S+)", START).group(1)).isEqualTo(adminToken);
        assertThat(Ldb.inspect(work.resolve(".ctrlstore/ldb.db")).map(LdbPosition::seq).orElse(0L))
                .isGreaterThanOrEqualTo(seqBefore);
        Result keys = CtrlstoreProcess.run(work, Map.of(), "read-keys", "--ldb", ".ctrlstore/ldb.db", "-f", "hello",
                "-t", "greetings", "1");
        assertThat(keys.stdout()).contains("hello, world");
        Result again = dev.terminate(Duration.ofSeconds(60));
        assertThat(again.exitCode()).as(again.toString()).isZero();
    }

    @Test
    @Order(101)
    @DisplayName("without a heartbeat (dev stopped), a sidecar on the LDB turns /healthcheck unhealthy past the "
            + "threshold")
    void noHeartbeatTurnsUnhealthy() throws Exception {
        try (CtrlstoreProcess alone = CtrlstoreProcess.start(work, Map.of(), "sidecar", "--ldb", ".ctrlstore/ldb.db",
                "--bind", "127.0.0.1:0", "--latency-threshold", "2s")) {
            String uri = alone.awaitOutput("sidecar ready: (\\S+)", START).group(1);
            Thread.sleep(2_500); // the newest entry (dev's last heartbeat) is older than the threshold now
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(uri + "/healthcheck")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            Result stop = alone.terminate(Duration.ofSeconds(30));
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
        }
    }

    private Result shell(String command) throws Exception {
        try (CtrlstoreProcess p = CtrlstoreProcess.start(work, Map.of(), List.of("bash", "-c", command))) {
            return p.awaitExit(Duration.ofSeconds(30));
        }
    }
}
