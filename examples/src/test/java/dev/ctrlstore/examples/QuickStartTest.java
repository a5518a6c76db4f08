package dev.ctrlstore.examples;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.memory.MemoryStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QuickStartTest {
    @Test
    @DisplayName("the quick start runs end to end and never prints a secret value")
    void runsAndKeepsSecrets() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Store store = MemoryStore.create(); PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            QuickStart.run(store, out);
            assertThat(store.instances().count(store.admin().getTenantBySlug("acme").id())).isEqualTo(1);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("web-shop", "state running", "v1", "succeeded", "http -> healthy",
                "DATABASE_URL", "1 entry", "running     1 of 1");
        assertThat(printed).doesNotContain("postgres://shop@db/shop");
    }
}
