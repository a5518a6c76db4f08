package dev.ctrlstore.examples;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.memory.MemoryStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QuickStartTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the quick start runs end to end in memory and never prints a secret value")
    void runsInMemoryAndKeepsSecrets() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Store store = MemoryStore.create(); PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            QuickStart.run(store, out);
            assertThat(store.instances().count(store.admin().getTenantBySlug("acme").id())).isEqualTo(1);
        }
        assertWalkedThrough(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the default run uses a SQLite file that keeps every earlier run's data")
    void defaultRunPersistsToASqliteFile() {
        Path file = dir.resolve(QuickStart.DEFAULT_FILE);
        for (int run = 1; run <= 2; run++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            PrintStream console = System.out;
            PrintStream consoleErr = System.err;
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
                 PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
                System.setOut(out);
                System.setErr(err);
                QuickStart.main(new String[] {file.toString()});
            } finally {
                System.setOut(console);
                System.setErr(consoleErr);
            }
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertWalkedThrough(printed);
            // A real provider (not nop) is bound, and neither it nor jOOQ or Flyway adds a line: run 1 migrates.
            assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).contains("Simple");
            assertThat(printed + errors.toString(StandardCharsets.UTF_8)).doesNotContain("jOOQ", "Flyway", "INFO");
            assertThat(errors.toString(StandardCharsets.UTF_8)).as("standard error of run %s", run).isEmpty();
            assertThat(printed).contains("SQLite store " + file.toAbsolutePath(), "tenants     " + run + " in this store");
        }
        assertThat(file).exists();
    }

    private static void assertWalkedThrough(String printed) {
        assertThat(printed).contains("web-shop", "state running", "v1", "succeeded", "http -> healthy",
                "DATABASE_URL", "1 entry", "running     1 of 1");
        assertThat(printed).doesNotContain("postgres://shop@db/shop");
    }
}
