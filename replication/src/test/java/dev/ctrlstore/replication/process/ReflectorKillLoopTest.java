package dev.ctrlstore.replication.process;

import static dev.ctrlstore.store.jooq.Tables.LDB_POSITION;
import static dev.ctrlstore.store.jooq.Tables.SECRETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerHead;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-exactness of the reflector at the process level: a reflector in a child JVM is killed with SIGKILL at random
 * (seeded) moments while 8 writers change the center. After every kill the LDB must hold exactly the ledger's first
 * {@code position} entries — no lost and no repeated entry — and its position never goes back; after a final catch-up
 * the LDB equals the center row for row. The seed is printed; {@code -Dctrlstore.killSeed=<n>} replays a run.
 * It needs 50 kills ({@code -Dctrlstore.kills}), and fails when it cannot make them within 300 s
 * ({@code -Dctrlstore.killSeconds}); a 2-core CI machine makes them in about 130 s.
 */
@PostgresTest
class ReflectorKillLoopTest {

    /** Kills the test makes; it fails when {@link #BUDGET} is spent before. */
    private static final int KILLS = Integer.getInteger("ctrlstore.kills", 50);

    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("ctrlstore.killSeconds", 300));

    private static final int SPARES = 1;

    @TempDir
    Path dir;

    @Test
    void aReflectorKilledAtRandomMomentsLosesAndRepeatsNothing(TestDatabase db) throws Exception {
        long seed = Long.getLong("ctrlstore.killSeed", System.nanoTime());
        System.out.println("ReflectorKillLoopTest seed " + seed + " (-Dctrlstore.killSeed=" + seed + " replays it)");
        Random random = new Random(seed);
        Path ldb = dir.resolve("host.ldb");
        List<String> args = List.of(ldb.toString(), db.jdbcUrl(), db.user(), db.password(), "50");
        LedgerModel model = new LedgerModel();
        long started = System.nanoTime();

        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).poolSize(10).ledger(LedgerMode.SYNC)
                .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES])).build()) {
            center.migrate();
            int kills = 0;
            int advanced = 0;
            long last = 0;
            try (ChildJvm first = ChildJvm.train("reflector-training", ReflectorChild.class, dir.resolve("logs"),
                    args)) {
                // Warms up and exits without following: its exit writes the class archive the others start from.
                first.awaitLineStartingWith("WARM", Duration.ofSeconds(120));
                assertThat(first.stop(Duration.ofSeconds(120))).as(first::describe).isZero();
            }
            System.out.printf("ReflectorKillLoopTest: class archive written at %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            // Reflectors warming up, ahead of their turn: a restart then costs opening the LDB, not starting a JVM.
            Deque<ChildJvm> spares = new ArrayDeque<>();
            int launched = 0;
            try {
                try (Workload writers = Workload.start(center, 8, seed, Duration.ofMillis(40))) {
                    long loopStarted = System.nanoTime();
                    while (kills < KILLS && System.nanoTime() - loopStarted < BUDGET.toNanos()) {
                        while (spares.size() < SPARES) {
                            spares.add(reflector(launched++, args));
                        }
                        try (ChildJvm reflector = spares.remove()) {
                            long waiting = System.nanoTime();
                            reflector.awaitLineStartingWith("WARM", Duration.ofSeconds(120));
                            long going = System.nanoTime();
                            reflector.send("GO");
                            if (random.nextInt(8) == 0) {
                                // While it opens the LDB: checks, migrations (none to apply), the position read.
                                Thread.sleep(random.nextInt(300));
                            } else {
                                long from = Long.parseLong(reflector.awaitLineStartingWith("STARTED ",
                                        Duration.ofSeconds(60)));
                                // Once it is applying the backlog the writers left while it was down: the moment
                                // counts from there, so a loaded machine's slow start does not make every kill an
                                // idle one.
                                reflector.pollLine(line -> line.startsWith("APPLIED ")
                                        && Long.parseLong(line.substring(8)) > from, Duration.ofSeconds(20));
                                Thread.sleep(random.nextInt(300));
                            }
                            reflector.kill();
                            System.out.printf("ReflectorKillLoopTest: kill %d after %d ms waiting for a warm JVM and %d"
                                    + " ms of running; it printed %s%n", kills + 1, (going - waiting) / 1_000_000,
                                    (System.nanoTime() - going) / 1_000_000, reflector.output());
                        }
                        kills++;
                        if (kills % 10 == 0) {
                            System.out.printf("ReflectorKillLoopTest: %d kills at %.1f s, LDB at seq %d%n", kills,
                                    (System.nanoTime() - started) / 1e9, last);
                        }
                        if (Files.exists(ldb)) {
                            long position = checkExact(ldb, center, model, "after kill " + kills);
                            assertThat(position).as("LDB position after kill %d (was %d before)", kills, last)
                                    .isGreaterThanOrEqualTo(last);
                            advanced += position > last ? 1 : 0;
                            last = position;
                        }
                    }
                    assertThat(kills).as("kills within %s (the machine may be too busy)", BUDGET)
                            .isEqualTo(KILLS);
                    assertThat(writers.failures()).as("unexpected writer errors").isEmpty();
                }

                try (ChildJvm reflector = spares.isEmpty() ? reflector(launched, args) : spares.remove()) {
                    reflector.awaitLineStartingWith("WARM", Duration.ofSeconds(120));
                    reflector.send("GO");
                    reflector.awaitLineStartingWith("STARTED ", Duration.ofSeconds(60));
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (Databases.ldbPosition(ldb) < head(center).seq()) {
                        assertThat(System.nanoTime()).as("final catch-up to seq %d; %s", head(center).seq(),
                                reflector.describe()).isLessThan(deadline);
                        Thread.sleep(50);
                    }
                    assertThat(reflector.stop(Duration.ofSeconds(30))).as(reflector::describe).isZero();
                }
            } finally {
                for (ChildJvm spare : spares) {
                    spare.close();
                }
            }
            LedgerHead head = head(center);
            long position = checkExact(ldb, center, model, "after the final catch-up");
            assertThat(position).isEqualTo(head.seq());
            Rows atCenter = Databases.readPostgres(db.jdbcUrl(), db.user(), db.password(), Rows::read);
            Rows inLdb = Databases.readSqlite(ldb, Rows::read);
            assertThat(inLdb.differences(atCenter, "LDB at seq " + position, "center at seq " + head.seq()))
                    .isEmpty();
            assertThat(atCenter.rowCount()).as("rows compared").isGreaterThan(100);
            int secrets = Databases.readSqlite(ldb, ctx -> ctx.fetchCount(SECRETS));
            assertThat(secrets).as("secrets in the LDB").isZero();
            assertThat(new String(Files.readAllBytes(ldb), StandardCharsets.ISO_8859_1))
                    .doesNotContain(Workload.SECRET_MARKER);
            assertThat(advanced).as("kills after which the position had moved on (the reflector was working)")
                    .isGreaterThanOrEqualTo(kills / 2);
            System.out.printf("ReflectorKillLoopTest: %d kills, position advanced across %d, final seq %d, %d rows"
                    + " (%s), %.1f s%n", kills, advanced, position, atCenter.rowCount(), atCenter.counts(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private ChildJvm reflector(int n, List<String> args) throws Exception {
        return ChildJvm.start("reflector-" + n, ReflectorChild.class, dir.resolve("logs"), args);
    }

    private static LedgerHead head(PostgresStore center) {
        return center.ledger().head();
    }

    /**
     * Reads the LDB's position and rows in one snapshot and checks that they are exactly the center's ledger applied
     * up to that position: same rows, same center, the committed time of that entry. Returns the position.
     */
    private static long checkExact(Path ldb, PostgresStore center, LedgerModel model, String when) throws Exception {
        record Snapshot(Record position, Rows rows) {
        }
        Snapshot snapshot = Databases.readSqlite(ldb, ctx -> new Snapshot(ctx.selectFrom(LDB_POSITION).fetchOne(),
                Rows.read(ctx)));
        long position = snapshot.position() == null ? 0 : snapshot.position().get(LDB_POSITION.SEQ);
        LedgerEntry at = null;
        while (model.position() < position) {
            List<LedgerEntry> entries = center.ledger().read(model.position(), (int) Math.min(1000,
                    position - model.position()));
            assertThat(entries).as("ledger entries after seq %d", model.position()).isNotEmpty();
            for (LedgerEntry entry : entries) {
                model.apply(entry);
                at = entry;
            }
        }
        assertThat(model.position()).as("model behind the LDB %s: the LDB is at %d", when, position)
                .isLessThanOrEqualTo(position);
        if (model.position() == position) {
            assertThat(snapshot.rows().differences(model.rows(), "LDB at seq " + position, "ledger applied to seq "
                    + position)).as(when).isEmpty();
        } else {
            // Checked once before at a higher position? Then the LDB went back: the caller's monotonicity check fails.
            return position;
        }
        if (position > 0) {
            assertThat(snapshot.position().get(LDB_POSITION.CENTER_ID)).as("LDB center id " + when)
                    .isEqualTo(center.ledger().head().centerId());
            if (at != null) {
                Instant committed = snapshot.position().get(LDB_POSITION.COMMITTED_AT);
                assertThat(committed).as("committed_at of seq %d %s", position, when).isEqualTo(at.committedAt());
            }
        }
        return position;
    }
}
