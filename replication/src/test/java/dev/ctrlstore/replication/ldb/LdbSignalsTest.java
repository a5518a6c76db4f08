package dev.ctrlstore.replication.ldb;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LdbSignalsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a waiter wakes when a batch reaching its seq is signalled, under any spelling of the path")
    void wakesWaiters() throws Exception {
        Path ldb = dir.resolve("ldb.db");
        Files.createDirectories(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try {
                return LdbSignals.await(link.resolve("sub/../ldb.db"), 7, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        waiting.await();

        LdbSignals.applied(ldb, 5);
        assertThat(woken).isNotDone();
        LdbSignals.applied(dir.resolve("./ldb.db"), 9);

        assertThat(woken.get(1, TimeUnit.MINUTES)).isTrue();
        assertThat(LdbSignals.latest(ldb)).isEqualTo(9);
        assertThat(LdbSignals.await(ldb, 9, Duration.ZERO)).as("a signal from before the call counts").isTrue();
    }

    @Test
    @DisplayName("a wait times out with false; another file's signal does not wake it; seqs never go back")
    void timesOut() throws Exception {
        Path ldb = dir.resolve("a.db");
        LdbSignals.applied(dir.resolve("b.db"), 100);
        LdbSignals.applied(ldb, 3);
        LdbSignals.applied(ldb, 2);

        assertThat(LdbSignals.await(ldb, 4, Duration.ofMillis(20))).isFalse();
        assertThat(LdbSignals.latest(ldb)).isEqualTo(3);
    }
}
