package dev.ctrlstore.replication.reflector;

import dev.ctrlstore.replication.ldb.ControlData;
import dev.ctrlstore.replication.ldb.Images;
import dev.ctrlstore.replication.ldb.LdbSignals;
import dev.ctrlstore.replication.reflector.ReflectorState.Phase;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.CertificateId;
import dev.ctrlstore.store.id.DeploymentId;
import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.RouteId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sqlite.SqliteStore;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A PostgreSQL center with a ledger, a reflector reading it over JDBC, and the LDB it writes. */
@PostgresTest
class ReflectorPostgresTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int WRITERS = 8;
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    @DisplayName("8 concurrent writers at the center: the LDB equals it row for row, and typed reads agree")
    void replicates(TestDatabase db) throws Exception {
        Path ldb = dir.resolve("ldb.db");
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).poolSize(WRITERS).ledger(LedgerMode.SYNC).build()) {
            center.migrate();
            Instance shared = ControlData.populate(center, "shared");
            try (Reflector reflector = Reflector.builder().ldb(ldb).source(source(db)).build().start()) {
                write(center, shared);

                long head = center.ledger().head().seq();
                assertThat(head).isGreaterThan(WRITERS * ROUNDS * 8L);
                assertThat(LdbSignals.await(ldb, head, PATIENCE)).as("applied up to %d: %s", head,
                        reflector.state()).isTrue();
                ReflectorState state = reflector.state();
                assertThat(state.phase()).isEqualTo(Phase.FOLLOWING);
                assertThat(state.position()).isEqualTo(head);
                assertThat(state.entries()).isEqualTo(head);

                Map<String, Map<String, Map<String, Object>>> centerImages = Images.of(DSL.using(db.dataSource(),
                        SQLDialect.POSTGRES));
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ldb)) {
                    assertThat(Images.of(DSL.using(c, SQLDialect.SQLITE))).isEqualTo(centerImages);
                }
                assertThat(centerImages.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
                try (SqliteStore replica = SqliteStore.builder().path(ldb).readOnly(true).build()) {
                    assertSameReads(center, replica, centerImages);
                }
            }
        }
    }

    @Test
    @DisplayName("a notification on the ledger channel wakes a reflector whose poll interval is an hour")
    void wokenByNotification(TestDatabase db) throws Exception {
        Path ldb = dir.resolve("ldb.db");
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).poolSize(2).ledger(LedgerMode.SYNC).schema("notify_test").build()) {
            center.migrate();
            Reflector reflector = Reflector.builder().ldb(ldb).source(JdbcLedgerSource.builder()
                    .jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password()).schema("notify_test").build())
                    .pollInterval(Duration.ofHours(1)).build().start();
            closeAfter(reflector);
            awaitCaughtUp(reflector);
            ControlData.populate(center, "n");
            long head = center.ledger().head().seq();

            notifyLedger(db, head);

            assertThat(LdbSignals.await(ldb, head, PATIENCE)).as("applied %d: %s", head, reflector.state()).isTrue();
        }
    }

    @Test
    @DisplayName("a GROUP_COMMIT center replicates too: entries are applied once its WAL is flushed past them")
    void groupCommitCenter(TestDatabase db) throws Exception {
        Path ldb = dir.resolve("ldb.db");
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).poolSize(2).ledger(LedgerMode.GROUP_COMMIT).schema("group_test").build()) {
            center.migrate();
            Reflector reflector = Reflector.builder().ldb(ldb).source(JdbcLedgerSource.builder()
                    .jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password()).schema("group_test").build())
                    .build().start();
            closeAfter(reflector);
            ControlData.populate(center, "g");
            long head = center.ledger().head().seq();

            assertThat(LdbSignals.await(ldb, head, PATIENCE)).as("applied %d: %s", head, reflector.state()).isTrue();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ldb);
                 Connection pg = db.dataSource().getConnection()) {
                pg.setSchema("group_test");
                Map<String, Map<String, Map<String, Object>>> centerImages = Images.of(DSL.using(pg,
                        SQLDialect.POSTGRES));
                assertThat(centerImages.get("routes")).hasSize(1);
                assertThat(Images.of(DSL.using(c, SQLDialect.SQLITE))).isEqualTo(centerImages);
            }
        }
    }

    @Test
    @DisplayName("a connection the server drops is replaced: the reflector reports the failure and resumes")
    void reconnects(TestDatabase db) throws Exception {
        Path ldb = dir.resolve("ldb.db");
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).poolSize(2).ledger(LedgerMode.SYNC).schema("reconnect_test").build()) {
            center.migrate();
            Reflector reflector = Reflector.builder().ldb(ldb).source(JdbcLedgerSource.builder()
                    .jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password()).schema("reconnect_test").build())
                    .pollInterval(Duration.ofMillis(20)).build().start();
            closeAfter(reflector);
            ControlData.populate(center, "before");
            long before = center.ledger().head().seq();
            assertThat(LdbSignals.await(ldb, before, PATIENCE)).isTrue();

            try (Connection c = db.dataSource().getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                         + " WHERE application_name = 'ctrlstore reflector'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            ControlData.populate(center, "after");
            long after = center.ledger().head().seq();

            assertThat(LdbSignals.await(ldb, after, PATIENCE)).as("applied %d: %s", after, reflector.state())
                    .isTrue();
            assertThat(reflector.state().phase()).isEqualTo(Phase.FOLLOWING);
        }
    }

    @Test
    @DisplayName("a reflector started while the center is unreachable opens and serves its LDB")
    void startsWithoutTheCenter() throws Exception {
        Path ldb = dir.resolve("ldb.db");
        JdbcLedgerSource nowhere = JdbcLedgerSource.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:9/nothing")
                .timeout(Duration.ofSeconds(1)).build();
        try (Reflector reflector = Reflector.builder().ldb(ldb).source(nowhere).build().start()) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (reflector.state().phase() != Phase.CENTER_UNREACHABLE && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ReflectorState state = reflector.state();
            assertThat(state.phase()).isEqualTo(Phase.CENTER_UNREACHABLE);
            assertThat(state.lastError()).get().asString().contains("jdbc:postgresql://127.0.0.1:9/nothing");
            try (SqliteStore replica = SqliteStore.builder().path(ldb).readOnly(true).build()) {
                assertThat(replica.instances().count(TenantId.generate())).isZero();
            }
        }
    }

    @Test
    @DisplayName("the source reads the head and entries of a center and reports an unreachable one as unavailable")
    void readsTheLedger(TestDatabase db) throws Exception {
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).poolSize(2).ledger(LedgerMode.SYNC).schema("source_test").build();
             JdbcLedgerSource source = JdbcLedgerSource.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                     .password(db.password()).schema("source_test").build()) {
            center.migrate();
            long before = source.head().seq();
            ControlData.populate(center, "s");
            assertThat(source.head().seq()).isEqualTo(center.ledger().head().seq()).isGreaterThan(before);
            assertThat(source.read(before, 3)).hasSize(3).extracting(e -> e.seq())
                    .containsExactly(before + 1, before + 2, before + 3);
        }
        JdbcLedgerSource wrongPassword = JdbcLedgerSource.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password("wrong").build();
        assertThatThrownBy(wrongPassword::head).isInstanceOf(dev.ctrlstore.store.StoreUnavailableException.class)
                .hasMessageContaining("ledger source");
    }

    private final List<AutoCloseable> toClose = new ArrayList<>();

    private void closeAfter(AutoCloseable c) {
        toClose.add(c);
    }

    @org.junit.jupiter.api.AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private static void awaitCaughtUp(Reflector reflector) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!(reflector.state().centerReachable() && reflector.state().lag().isZero())
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(reflector.state().centerReachable()).isTrue();
    }

    private static void notifyLedger(TestDatabase db, long seq) throws Exception {
        try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("NOTIFY " + JdbcLedgerSource.CHANNEL + ", '" + seq + "'");
        }
    }

    private static JdbcLedgerSource source(TestDatabase db) {
        return JdbcLedgerSource.builder().jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password()).build();
    }

    /** Each writer adds instances with children, updates and deletes some, and updates one instance all share. */
    private static void write(Store center, Instance shared) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        Instance mine = ControlData.populate(center, writer + "-" + round);
                        center.instances().update(center.instances().get(mine.tenantId(), mine.id()).toBuilder()
                                .name("renamed " + writer + "-" + round).labels(Map.of("writer", "" + writer))
                                .build());
                        switch (round % 3) {
                            case 0 -> center.instances().delete(mine.tenantId(), mine.id());
                            case 1 -> {
                                Route route = center.network().listRoutes(mine.tenantId(), mine.id()).getFirst();
                                center.network().deleteRoute(mine.tenantId(), route.id());
                            }
                            default -> { }
                        }
                        for (int attempt = 0; ; attempt++) {
                            Instance current = center.instances().get(shared.tenantId(), shared.id());
                            try {
                                center.instances().update(current.toBuilder().labels(Map.of("last", writer + "-"
                                        + round)).build());
                                break;
                            } catch (ConflictException e) {
                                assertThat(attempt).isLessThan(1000);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every row the center holds, read by id through both stores' typed API, is equal. */
    private static void assertSameReads(Store center, Store replica, Map<String, Map<String, Map<String, Object>>> images) {
        int reads = same(images, "tenants", center, replica, (s, r) -> s.admin().getTenant(TenantId.parse(id(r))));
        reads += same(images, "instances", center, replica, (s, r) -> List.of(
                s.instances().get(tenant(r), InstanceId.parse(id(r))),
                s.network().listRoutes(tenant(r), InstanceId.parse(id(r))),
                s.network().listDomains(tenant(r), InstanceId.parse(id(r))),
                s.health().listChecks(tenant(r), InstanceId.parse(id(r)))));
        reads += same(images, "releases", center, replica,
                (s, r) -> s.deployments().getRelease(tenant(r), ReleaseId.parse(id(r))));
        reads += same(images, "deployments", center, replica,
                (s, r) -> s.deployments().getDeployment(tenant(r), DeploymentId.parse(id(r))));
        reads += same(images, "health_checks", center, replica,
                (s, r) -> s.health().getCheck(tenant(r), HealthCheckId.parse(id(r))));
        reads += same(images, "domains", center, replica,
                (s, r) -> s.network().getDomain(tenant(r), DomainId.parse(id(r))));
        reads += same(images, "routes", center, replica,
                (s, r) -> s.network().getRoute(tenant(r), RouteId.parse(id(r))));
        reads += same(images, "certificates", center, replica,
                (s, r) -> s.network().getCertificate(tenant(r), CertificateId.parse(id(r))));
        assertThat(reads).isGreaterThan(100);
    }

    private static int same(Map<String, Map<String, Map<String, Object>>> images, String table, Store center,
            Store replica, BiFunction<Store, Map<String, Object>, Object> read) {
        for (Map<String, Object> row : images.get(table).values()) {
            assertThat(read.apply(replica, row)).as("%s %s", table, id(row)).isEqualTo(read.apply(center, row));
        }
        return images.get(table).size();
    }

    private static String id(Map<String, Object> row) {
        return (String) row.get("id");
    }

    private static TenantId tenant(Map<String, Object> row) {
        return TenantId.parse((String) row.get("tenant_id"));
    }
}
