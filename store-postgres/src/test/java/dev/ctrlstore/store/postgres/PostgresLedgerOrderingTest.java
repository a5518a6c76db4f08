package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sql.ledger.LedgerQueries;
import dev.ctrlstore.store.sql.ledger.LedgerReplica;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ordering under contention: 8 writers change an overlapping set of rows (updates, deletes and re-inserts of the
 * same ids, child rows) while a tailer applies entries as soon as they are visible. With the store's ordering the
 * tailer never meets a gap and ends equal to the tables; with numbers drawn without ordering (a sequence, as a
 * bigserial would) the same tailer passes numbers whose entries commit later and loses them, which shows the test
 * can fail. A trigger widens the window between drawing a number and committing, in both runs alike.
 */
@PostgresTest
class PostgresLedgerOrderingTest {
    private static final int WRITERS = 8;
    private static final int HOT_INSTANCES = 16;

    @Test
    @DisplayName("8 writers, 10,000+ transactions: the tailer never meets a gap and ends equal to the tables")
    void counterLastKeepsCommitOrder(TestDatabase db) throws Exception {
        Run run = run(db, "order_counter_last", LedgerBenchmarks.Ordering.COUNTER_LAST, 10_000, 1);
        assertThat(run.error).as("the tailer's first error").isNull();
        assertThat(run.committed).isGreaterThanOrEqualTo(10_000);
        assertThat(run.replica.gaps()).isZero();
        assertThat(run.maxSeq).as("max(seq) = count(*): no number skipped").isEqualTo(run.count);
        assertThat(run.replica.position()).isEqualTo(run.maxSeq);
        assertThat(run.replica.applied()).isEqualTo(run.count);
        assertThat(run.replica.tables()).isEqualTo(run.tables);
    }

    @Test
    @DisplayName("the same test with unordered numbers detects lost entries")
    void unorderedNumbersLoseEntries(TestDatabase db) throws Exception {
        Run run = run(db, "order_unordered", LedgerBenchmarks.Ordering.UNORDERED, 2_000, 2);
        assertThat(run.error).as("the tailer's first error").isNull();
        assertThat(run.replica.gaps()).as("numbers the tailer skipped").isPositive();
        assertThat(run.count - run.replica.applied()).as("entries the tailer never applied").isPositive();
    }

    private record Run(int committed, long count, long maxSeq, LedgerReplica replica, Throwable error,
            Map<String, Map<Map<String, Object>, Map<String, Object>>> tables) {
    }

    private static Run run(TestDatabase db, String schema, LedgerBenchmarks.Ordering ordering, int transactions,
            long seed) throws Exception {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).schema(schema).poolSize(WRITERS + 2).ledger(LedgerMode.SYNC).build()) {
            store.migrate();
            LedgerBenchmarks.ordering(store, ordering);
            try (Connection c = connect(db, schema); Statement s = c.createStatement()) {
                // One in ten appends pauses 1-3 ms after its number is drawn, before COMMIT.
                s.execute("CREATE FUNCTION ledger_pause() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF random() < 0.1 THEN PERFORM pg_sleep(0.001 + random() * 0.002); END IF;"
                        + " RETURN NEW; END $$");
                s.execute("CREATE TRIGGER ledger_pause AFTER INSERT ON ledger FOR EACH ROW"
                        + " EXECUTE FUNCTION ledger_pause()");
            }
            TenantId tenant = store.admin().insertTenant(Tenant.builder().name("t").slug("t").build()).id();
            List<InstanceId> ids = new ArrayList<>();
            for (int i = 0; i < HOT_INSTANCES; i++) {
                ids.add(store.instances().insert(instance(tenant, i, null)).id());
            }

            AtomicInteger committed = new AtomicInteger();
            AtomicBoolean writing = new AtomicBoolean(true);
            LedgerReplica replica = ordering == LedgerBenchmarks.Ordering.COUNTER_LAST ? new LedgerReplica(0)
                    : LedgerReplica.lenient(0);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            try {
                Future<?> tailer = pool.submit(() -> {
                    try (Connection c = connect(db, schema)) {
                        while (true) {
                            boolean last = !writing.get();
                            List<LedgerEntry> entries = LedgerQueries.read(c, replica.position(), 500);
                            entries.forEach(replica::apply);
                            if (last && entries.isEmpty()) {
                                return null;
                            }
                            if (entries.isEmpty()) {
                                LockSupport.parkNanos(200_000); // poll, as a woken reflector would, not spin
                            }
                        }
                    }
                });
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    SplittableRandom random = new SplittableRandom(seed * 1000 + w);
                    writers.add(pool.submit(() -> {
                        long position = 0;
                        while (committed.get() < transactions) {
                            if (write(store, tenant, ids.get(random.nextInt(ids.size())), random)) {
                                committed.incrementAndGet();
                                assertThat(store.ledgerPosition()).as("this thread's position only grows")
                                        .isGreaterThan(position);
                                position = store.ledgerPosition();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
                writing.set(false);
                Throwable error = null;
                try {
                    tailer.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    error = e.getCause();
                }
                try (Connection c = connect(db, schema); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*), max(seq) FROM ledger")) {
                    rs.next();
                    return new Run(committed.get(), rs.getLong(1), rs.getLong(2), replica, error,
                            LedgerReplica.images(DSL.using(c, SQLDialect.POSTGRES)));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * One write on a hot instance: update it (labels too), delete it, insert it again under the same id, or add,
     * move or delete a route under it. Returns false when the store refused it (a concurrent writer won).
     */
    private static boolean write(PostgresStore store, TenantId tenant, InstanceId id, SplittableRandom random) {
        int hot = Math.floorMod(id.hashCode(), 1_000_000);
        try {
            int dice = random.nextInt(100);
            if (dice < 45) {
                Instance current = store.instances().get(tenant, id);
                store.instances().update(current.toBuilder().name("n" + random.nextInt(1000))
                        .labels(random.nextBoolean() ? Map.of("team", "t" + random.nextInt(3))
                                : Map.of("team", "a", "tier", "t" + random.nextInt(3))).build());
            } else if (dice < 60) {
                store.instances().delete(tenant, id);
            } else if (dice < 75) {
                store.instances().insert(instance(tenant, hot, id));
            } else if (dice < 90) {
                store.network().insertRoute(Route.builder().tenantId(tenant).instanceId(id)
                        .path("/p" + random.nextInt(8)).port(8000 + random.nextInt(100)).build());
            } else {
                var routes = store.network().listRoutes(tenant, id);
                if (routes.isEmpty()) {
                    return false;
                }
                store.network().deleteRoute(tenant, routes.get(random.nextInt(routes.size())).id());
            }
            return true;
        } catch (ConflictException | NotFoundException | AlreadyExistsException e) {
            return false;
        }
    }

    private static Instance instance(TenantId tenant, int n, InstanceId id) {
        Instance.Builder b = Instance.builder().tenantId(tenant).name("i" + n).slug(id == null ? "i" + n
                : "s" + id.value().substring(id.value().length() - 12)).labels(Map.of("team", "a"));
        return (id == null ? b : b.id(id)).build();
    }

    private static Connection connect(TestDatabase db, String schema) throws SQLException {
        Connection c = db.dataSource().getConnection();
        c.setSchema(schema);
        return c;
    }
}
