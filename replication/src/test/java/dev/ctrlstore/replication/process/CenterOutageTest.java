package dev.ctrlstore.replication.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.replication.reflector.ReflectorState;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The center goes away and comes back (its own PostgreSQL, stopped and started on the same data directory and port):
 * the replica keeps answering from the LDB, the reflector says the center is unreachable, and once the server is back
 * it resumes and catches up; a reflector started while the center is down opens and serves the LDB.
 */
class CenterOutageTest {

    @TempDir
    Path dir;

    @Test
    void theReplicaServesThroughOutagesAndTheReflectorCatchesUpAfterEach() throws Exception {
        Path ldb = dir.resolve("host.ldb");
        try (OwnPostgres postgres = OwnPostgres.start(dir.resolve("pg"));
             PostgresStore center = PostgresStore.builder().jdbcUrl(postgres.jdbcUrl()).user(postgres.user())
                     .connectionTimeout(Duration.ofSeconds(1)).ledger(LedgerMode.SYNC)
                     .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES])).build()) {
            center.migrate();
            write(center, 1);

            // The first outage, while a reflector follows the center.
            try (Reflector reflector = reflector(ldb, postgres).start();
                 SqliteStore replica = SqliteStore.builder().path(ldb).readOnly(true).build()) {
                awaitCaughtUp(reflector, center, postgres);
                Map<String, Long> served = readEverything(replica);
                Rows before = Databases.readSqlite(ldb, Rows::read);

                postgres.stop();

                ReflectorState down = await(reflector, s -> !s.centerReachable(), "to report the center down");
                assertThat(down.phase()).isEqualTo(ReflectorState.Phase.CENTER_UNREACHABLE);
                assertThat(down.lastError()).as("the reflector's last error during the outage").isPresent();
                assertThat(readEverything(replica)).as("replica reads with the center down").isEqualTo(served);
                assertThat(Databases.readSqlite(ldb, Rows::read).differences(before, "LDB in the outage",
                        "LDB before it")).isEmpty();

                postgres.start();
                awaitCenter(center);
                write(center, 2);
                awaitCaughtUp(reflector, center, postgres);
                assertThat(reflector.state().centerReachable()).isTrue();
                assertThat(reflector.state().phase()).isEqualTo(ReflectorState.Phase.FOLLOWING);
                assertThat(readEverything(replica)).as("replica reads after the outage").isNotEqualTo(served);

                // The second outage: this reflector stops while the center is down.
                postgres.stop();
                await(reflector, s -> !s.centerReachable(), "to report the center down again");
            }

            // A reflector started while the center is down opens the LDB and serves it.
            long position = Databases.ldbPosition(ldb);
            Rows before = Databases.readSqlite(ldb, Rows::read);
            try (Reflector late = reflector(ldb, postgres).start();
                 SqliteStore replica = SqliteStore.builder().path(ldb).readOnly(true).build()) {
                ReflectorState state = await(late, s -> s.phase() == ReflectorState.Phase.CENTER_UNREACHABLE,
                        "started without a center, to say so");
                assertThat(state.position()).as("position of the reflector started in the outage").isEqualTo(position);
                assertThat(Databases.readSqlite(ldb, Rows::read).differences(before, "LDB opened in the outage",
                        "LDB before")).isEmpty();
                assertThat(readEverything(replica)).as("replica reads served by a reflector started in the outage")
                        .isNotEmpty();

                postgres.start();
                awaitCenter(center);
                write(center, 3);
                awaitCaughtUp(late, center, postgres);
                assertThat(late.state().centerReachable()).isTrue();
            }
        }
    }

    private static Reflector reflector(Path ldb, OwnPostgres postgres) {
        return Reflector.builder().ldb(ldb).pollInterval(Duration.ofMillis(200))
                .source(Sources.center(postgres.jdbcUrl(), postgres.user(), postgres.password()))
                .build();
    }

    /** A second of writes from 4 writers, with distinct seeds per round. */
    private static void write(PostgresStore center, long round) throws Exception {
        try (Workload writers = Workload.start(center, 4, round, Duration.ofMillis(2))) {
            Thread.sleep(1000);
            writers.close();
            assertThat(writers.failures()).as("writer errors in round %d", round).isEmpty();
            assertThat(writers.committed()).as("writes in round %d", round).isPositive();
        }
    }

    /** Waits until the center answers again after a restart (its pool replaces the connections the stop broke). */
    private static void awaitCenter(PostgresStore center) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                center.ping();
                return;
            } catch (StoreUnavailableException e) {
                assertThat(System.nanoTime()).as("center answering 30 s after its restart: %s", e).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static void awaitCaughtUp(Reflector reflector, PostgresStore center, OwnPostgres postgres)
            throws Exception {
        long head = center.ledger().head().seq();
        await(reflector, s -> s.position() >= head, "to reach seq " + head);
        Rows atCenter = Databases.readPostgres(postgres.jdbcUrl(), postgres.user(), postgres.password(), Rows::read);
        assertThat(Databases.readSqlite(reflector.ldb(), Rows::read).differences(atCenter, "LDB", "center"))
                .isEmpty();
    }

    private static ReflectorState await(Reflector reflector, Predicate<ReflectorState> wanted, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ReflectorState state = reflector.state();
        while (!wanted.test(state)) {
            assertThat(System.nanoTime()).as("waited 30 s for the reflector %s; its state: %s", what, state)
                    .isLessThan(deadline);
            Thread.sleep(20);
            state = reflector.state();
        }
        return state;
    }

    /** What the replica answers through the Store API: per tenant, how many instances, domains, routes, checks. */
    private static Map<String, Long> readEverything(Store replica) {
        Map<String, Long> answers = new LinkedHashMap<>();
        for (Tenant tenant : replica.admin().listTenants(TenantFilter.all(), PageRequest.first(100)).items()) {
            answers.put(tenant.slug() + " instances", replica.instances().count(tenant.id()));
            answers.put(tenant.slug() + " domains", replica.network().countDomains(tenant.id()));
            long checks = 0;
            for (var instance : replica.instances().list(tenant.id(), InstanceFilter.all(), PageRequest.first(200))
                    .items()) {
                checks += replica.health().listChecks(tenant.id(), instance.id()).size();
                checks += replica.network().listRoutes(tenant.id(), instance.id()).size();
            }
            answers.put(tenant.slug() + " checks+routes", checks);
            answers.put(tenant.slug() + " version", tenant.version());
        }
        return answers;
    }
}
