package dev.ctrlstore.replication.reflector;

import dev.ctrlstore.replication.ldb.LdbSignals;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The reflector owns the LDB's checkpoints: the WAL stays near its target, and shrinks after a pinning reader ends. */
class ReflectorWalTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long TARGET = 256 << 10;

    @TempDir
    Path dir;
    ListLedgerSource source = new ListLedgerSource();
    Reflector reflector;

    @AfterEach
    void close() {
        if (reflector != null) {
            reflector.close();
        }
    }

    @Test
    @DisplayName("with readers that hold no snapshot across calls, the WAL stays within twice the target")
    void boundedWithShortReaders() throws Exception {
        Path ldb = dir.resolve("ldb.db");
        Map<String, Object> template = ReflectorTest.instanceTemplate(dir);
        reflector = Reflector.builder().ldb(ldb).source(source).batchSize(20).walTarget(TARGET)
                .walHardCap(TARGET * 8).pollInterval(Duration.ofMillis(20)).build().start();
        AtomicLong maxWal = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        Thread readers = new Thread(() -> {
            try (SqliteStore replica = SqliteStore.builder().path(ldb).readOnly(true).build()) {
                while (!stop.get()) {
                    replica.instances().count(dev.ctrlstore.store.id.TenantId.generate());
                    maxWal.accumulateAndGet(walBytes(ldb), Math::max);
                }
            } catch (Throwable t) {
                readerFailure.set(t);
            }
        });
        readers.start();
        long seq = 0;
        try {
            for (int round = 0; round < 40; round++) {
                List<LedgerEntry> entries = ReflectorTest.instanceEntries(template, seq + 1, 100);
                seq += entries.size();
                source.append(entries);
                assertThat(LdbSignals.await(ldb, seq, PATIENCE)).as("applied up to %d", seq).isTrue();
                maxWal.accumulateAndGet(reflector.state().walBytes(), Math::max);
            }
        } finally {
            stop.set(true);
            readers.join();
        }

        assertThat(readerFailure.get()).isNull();
        assertThat(Files.size(ldb)).as("the LDB holds 4,000 rows of >200 bytes").isGreaterThan(4 * TARGET);
        assertThat(maxWal.get()).as("largest WAL seen").isPositive().isLessThanOrEqualTo(2 * TARGET);
        assertThat(reflector.state().walPinnedFor()).isZero();
    }

    @Test
    @DisplayName("a reader pinning a snapshot lets the WAL grow and is reported; after it ends the WAL is back under target")
    void pinnedThenReleased() throws Exception {
        Path ldb = dir.resolve("ldb.db");
        Map<String, Object> template = ReflectorTest.instanceTemplate(dir);
        reflector = Reflector.builder().ldb(ldb).source(source).batchSize(50).walTarget(TARGET)
                .walHardCap(TARGET * 1000).pollInterval(Duration.ofMillis(20)).build().start();
        source.append(ReflectorTest.instanceEntries(template, 1, 10));
        assertThat(LdbSignals.await(ldb, 10, PATIENCE)).isTrue();
        long seq = 10;

        try (Connection pinning = DriverManager.getConnection("jdbc:sqlite:" + ldb);
             Statement s = pinning.createStatement()) {
            s.execute("BEGIN");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM instances")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(10);
            }
            for (int round = 0; round < 20; round++) {
                List<LedgerEntry> entries = ReflectorTest.instanceEntries(template, seq + 1, 100);
                seq += entries.size();
                source.append(entries);
                assertThat(LdbSignals.await(ldb, seq, PATIENCE)).isTrue();
            }
            ReflectorState pinned = reflector.state();
            assertThat(pinned.walBytes()).as("WAL behind a pinned snapshot").isGreaterThan(2 * TARGET);
            assertThat(pinned.walPinnedFor()).isPositive();
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM instances")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the pinned snapshot still sees its rows").isEqualTo(10);
            }
            s.execute("COMMIT");
        }

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while ((walBytes(ldb) > TARGET || !reflector.state().walPinnedFor().isZero())
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(walBytes(ldb)).as("WAL after the reader ended, within the next idle checkpoint")
                .isLessThanOrEqualTo(TARGET);
        ReflectorState after = reflector.state();
        assertThat(after.walPinnedFor()).isZero();
        assertThat(after.position()).isEqualTo(seq);
    }

    private static long walBytes(Path ldb) {
        try {
            return Files.size(ldb.resolveSibling(ldb.getFileName() + "-wal"));
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
