package dev.ctrlstore.replication.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.replication.reflector.ReflectorState;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers in other processes read the LDB while the reflector applies the center's writes and checkpoints its WAL
 * often (a small WAL target and hard cap make it checkpoint, and truncate, many times during the run): no exception —
 * in particular no {@code SQLITE_BUSY} — reaches them.
 */
@PostgresTest
class CrossProcessReadersTest {

    private static final Pattern DONE = Pattern.compile("reads=(\\d+) errors=(\\d+) gone=(\\d+) maxMillis=(\\d+)");

    private static final int READERS = 2;

    private static final Duration READING = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @Test
    void readersInOtherProcessesNeverSeeAnErrorWhileTheReflectorApplies(TestDatabase db) throws Exception {
        Path ldb = dir.resolve("host.ldb");
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).poolSize(10).ledger(LedgerMode.SYNC)
                .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES])).build()) {
            center.migrate();
            try (Workload writers = Workload.start(center, 8, 11, Duration.ofMillis(10));
                 Reflector reflector = Reflector.builder().ldb(ldb).pollInterval(Duration.ofMillis(100))
                         .batchSize(50).walTarget(32 * 1024).walHardCap(128 * 1024)
                         .source(Sources.center(db.jdbcUrl(), db.user(), db.password()))
                         .build().start()) {
                awaitPosition(reflector, 1);
                long positionBefore;

                List<ChildJvm> readers = new ArrayList<>();
                try {
                    for (int i = 0; i < READERS; i++) {
                        readers.add(ChildJvm.start("reader-" + i, ReaderChild.class, dir.resolve("logs"),
                                List.of(ldb.toString(), Long.toString(READING.toMillis()))));
                    }
                    for (ChildJvm reader : readers) {
                        reader.awaitLine("READY"::equals, Duration.ofSeconds(120));
                    }
                    positionBefore = reflector.state().position();
                    for (ChildJvm reader : readers) {
                        reader.send("GO");
                    }
                    long reads = 0;
                    for (ChildJvm reader : readers) {
                        String done = reader.awaitLineStartingWith("DONE ", READING.plusSeconds(60));
                        assertThat(reader.output()).as("errors seen by %s", reader.describe())
                                .noneMatch(line -> line.startsWith("ERROR "));
                        Matcher m = DONE.matcher(done);
                        assertThat(m.find()).as(done).isTrue();
                        assertThat(Long.parseLong(m.group(2))).as("errors reported by a reader: " + done).isZero();
                        reads += Long.parseLong(m.group(1));
                        System.out.println("CrossProcessReadersTest " + done);
                        assertThat(reader.stop(Duration.ofSeconds(30))).as(reader::describe).isZero();
                    }
                    ReflectorState state = reflector.state();
                    assertThat(reads).as("reads by the other processes").isGreaterThan(100);
                    assertThat(state.position() - positionBefore).as("entries applied while they read")
                            .isGreaterThan(50);
                    assertThat(state.lastError()).as("the reflector's last error").isEmpty();
                    System.out.println("CrossProcessReadersTest: " + reads + " reads in " + READERS + " processes in "
                            + READING.toSeconds() + " s while the"
                            + " reflector applied " + (state.position() - positionBefore) + " entries; WAL "
                            + state.walBytes() + " bytes at the end");
                } finally {
                    for (ChildJvm reader : readers) {
                        reader.close();
                    }
                }
                assertThat(writers.failures()).isEmpty();
            }
        }
    }

    private static void awaitPosition(Reflector reflector, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (reflector.state().position() < seq) {
            assertThat(System.nanoTime()).as("reflector at seq %d within 30 s: %s", seq, reflector.state())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
