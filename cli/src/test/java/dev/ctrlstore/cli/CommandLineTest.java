package dev.ctrlstore.cli;

import dev.ctrlstore.cli.CtrlstoreProcess.Result;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command's non-dev commands, each run as a process of the built jar. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("--help lists every command; a command's help names its environment variable and default")
    void help() throws Exception {
        Result root = CtrlstoreProcess.run(dir, Map.of(), "--help");
        assertThat(root.exitCode()).as(root.toString()).isZero();
        assertThat(root.stdout()).contains("dev", "reflector", "heartbeat", "create-table", "read-seq", "status",
                "migrate", "secret-key", "table-limits", "writer-limits", "mutate", "register-writer");
        Result reflector = CtrlstoreProcess.run(dir, Map.of(), "reflector", "--help");
        assertThat(reflector.stdout()).contains("CTRLSTORE_LDB", "Default:", "/var/lib/ctrlstore/ldb.db",
                "CTRLSTORE_CENTER_URL");
    }

    @Test
    @DisplayName("a bad flag exits 2 with the usage; a missing setting exits 2 naming the flag and the variable")
    void usageErrors() throws Exception {
        Result bad = CtrlstoreProcess.run(dir, Map.of(), "read-seq", "--no-such-flag");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.stderr()).contains("Unknown option: '--no-such-flag'", "Usage: ctrlstore read-seq");
        Result missing = CtrlstoreProcess.run(dir, Map.of(), "reflector");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.stderr()).contains("--center-url", "CTRLSTORE_CENTER_URL").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("settings come from CTRLSTORE_* variables, and a flag wins over its variable")
    void environmentAndFlags() throws Exception {
        Result fromEnv = CtrlstoreProcess.run(dir, Map.of("CTRLSTORE_LDB", "from-env.db"), "read-seq");
        assertThat(fromEnv.exitCode()).as(fromEnv.toString()).isEqualTo(1);
        assertThat(fromEnv.stderr()).contains("no LDB at " + dir.resolve("from-env.db"));
        Result flagWins = CtrlstoreProcess.run(dir, Map.of("CTRLSTORE_LDB", "from-env.db"), "read-seq", "--ldb",
                "from-flag.db");
        assertThat(flagWins.stderr()).contains("from-flag.db").doesNotContain("from-env.db");
        assertThat(flagWins.stderr().strip().lines()).hasSize(1);
    }

    @Test
    @DisplayName("an unreachable executive is one line naming its address, exit 1, no stack trace; --debug adds it")
    void unreachableExecutive() throws Exception {
        Result r = CtrlstoreProcess.run(dir, Map.of("CTRLSTORE_EXECUTIVE", "http://127.0.0.1:1"), "create-family",
                "payments");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("ctrlstore create-family: cannot reach the executive at "
                + "http://127.0.0.1:1 (connection refused): is it running, and is that its address?");
        Result debug = CtrlstoreProcess.run(dir, Map.of(), "create-family", "payments", "-e", "127.0.0.1:1",
                "--debug");
        assertThat(debug.exitCode()).isEqualTo(1);
        assertThat(debug.stderr()).contains("ExecutiveException", "\tat ");
    }

    @Test
    @DisplayName("secret-key prints a new base64 AES-256 key each time")
    void secretKey() throws Exception {
        Result a = CtrlstoreProcess.run(dir, Map.of(), "secret-key");
        Result b = CtrlstoreProcess.run(dir, Map.of(), "secret-key");
        assertThat(a.exitCode()).isZero();
        assertThat(Base64.getDecoder().decode(a.stdout().strip())).hasSize(32);
        assertThat(a.stdout()).isNotEqualTo(b.stdout());
    }

    @Test
    @DisplayName("the ./ctrlstore launcher runs the built command, without building it again when no source changed")
    void launcher() throws Exception {
        Files.setLastModifiedTime(CtrlstoreProcess.JAR, FileTime.from(Instant.now()));
        Path launcher = CtrlstoreProcess.JAR.getParent().getParent().getParent().resolve("ctrlstore");
        try (CtrlstoreProcess p = CtrlstoreProcess.start(dir, Map.of("JAVA_HOME", System.getProperty("java.home")),
                List.of("bash", launcher.toString(), "--version"))) {
            Result r = p.awaitExit(Duration.ofSeconds(60));
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).startsWith("ctrlstore ");
            assertThat(r.stderr()).doesNotContain("building");
        }
    }
}
