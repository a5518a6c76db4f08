package dev.ctrlstore.cli;

import dev.ctrlstore.cli.CtrlstoreProcess.Result;
import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.replication.ldb.LdbPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final String[] DEV = {"dev", "--executive-port", "0", "--sidecar-port", "0"};

    @TempDir
    static Path work;

    private CtrlstoreProcess dev;
    private String adminToken;

    @BeforeAll
    void startDev() throws Exception {
        dev = CtrlstoreProcess.start(work, Map.of(), DEV);
        adminToken = dev.awaitOutput("^\\s+admin\\s+(\\S+)", START).group(1);
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
        Result again = dev.terminate(Duration.ofSeconds(60));
        assertThat(again.exitCode()).as(again.toString()).isZero();
    }
}
