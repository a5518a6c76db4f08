package dev.ctrlstore.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.spec.Endpoint;
import dev.ctrlstore.store.spec.PortSpec;
import dev.ctrlstore.store.spec.ResourceSpec;
import dev.ctrlstore.store.spec.ServiceRole;
import dev.ctrlstore.store.spec.ServiceSpec;
import dev.ctrlstore.store.sqlite.SqliteStore;
import dev.ctrlstore.test.postgres.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The benchmarks' data: realistic instances (labels, one service, one endpoint: about 1 KB of JSON per row), and
 * SQLite files and PostgreSQL schemas built through the store itself, so the raw baselines read exactly the rows
 * the store wrote.
 *
 * <p>Read-only data is built once per run and shared by the forks of that run: {@link Ratios} passes a fresh
 * directory in {@value #DIR_PROPERTY} and one PostgreSQL database in {@value #PG_URL_PROPERTY} (with
 * {@value #PG_USER_PROPERTY}, {@value #PG_PASSWORD_PROPERTY}); without them each JVM builds its own, under the temp
 * directory and in a database of its own ({@link TestDatabase#create}).
 */
final class Fixtures {
    /** Where built data files are kept for reuse by the other forks of the same run. */
    static final String DIR_PROPERTY = "ctrlstore.bench.dir";
    /** The run's PostgreSQL database, as a JDBC URL; its data sets are kept in schemas for the other forks. */
    static final String PG_URL_PROPERTY = "ctrlstore.bench.pg.url";
    static final String PG_USER_PROPERTY = "ctrlstore.bench.pg.user";
    static final String PG_PASSWORD_PROPERTY = "ctrlstore.bench.pg.password";
    /**
     * The run's durable PostgreSQL server ({@link DurablePostgres}: fsync and synchronous commit on), as a JDBC URL
     * of its {@code postgres} database, for the benchmarks whose cost is the WAL flush.
     */
    static final String DURABLE_URL_PROPERTY = "ctrlstore.bench.durable.url";
    /** The order keys are visited in is the same in every fork and every benchmark of a pair. */
    static final long SEED = 42;
    /**
     * Threads that fill a PostgreSQL data set through the store. PostgreSQL takes concurrent writers, and one
     * thread mostly waits on round trips: on 2 cores 8 threads insert 10,000 instances in about 3.7 s, one in
     * about 8.7 s (16 threads are no faster).
     */
    static final int FILL_THREADS = 8;
    /**
     * Connections of the pool a PostgreSQL store and its baseline share: more than the most threads a benchmark
     * runs (8), and the size of the store's own pool by default.
     */
    static final int POOL_SIZE = 10;
    /** A data set's schema comment, written last: a schema without it holds a build that was cut short. */
    private static final String COMPLETE = "ctrlstore benchmark data set, complete";

    private static Path ownDir;
    private static Postgres ownPostgres;
    private static Postgres ownDurable;

    private Fixtures() {
    }

    static synchronized Path dir() {
        String configured = System.getProperty(DIR_PROPERTY);
        try {
            if (configured != null && !configured.isBlank()) {
                return Files.createDirectories(Path.of(configured));
            }
            if (ownDir == null) {
                Path created = Files.createTempDirectory("ctrlstore-bench");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created)));
                ownDir = created;
            }
            return ownDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tenant, as the admin store takes it. */
    static Tenant tenant(int n) {
        return Tenant.builder().name("Tenant " + n).slug("tenant-" + n).build();
    }

    /** A new instance (version 0) of {@code tenant}; {@code n} makes its slug unique within the tenant. */
    static Instance instance(TenantId tenant, String n) {
        return Instance.builder()
                .tenantId(tenant)
                .name("Web shop " + n)
                .slug("web-" + n)
                .datacenterId("dc-eu-1")
                .providerName("k8s")
                .providerRef("ns-web-" + n)
                .serviceRefs(Map.of("web", "pod-web-" + n))
                .region("eu-central")
                .state(InstanceState.RUNNING)
                .services(List.of(SERVICE))
                .endpoints(List.of(new Endpoint("web", "https://web-" + n + ".example.net", 443, "https", true)))
                .labels(Map.of("env", "prod", "team", "team-" + (n.hashCode() & 7)))
                .build();
    }

    private static final ServiceSpec SERVICE = new ServiceSpec("web", "registry.example.net/shop/web:1.42.0",
            ServiceRole.MAIN, List.of(), new ResourceSpec(500, 512, 1024, 2, ""),
            Map.of("LOG_LEVEL", "info", "PORT", "8080"), List.of(new PortSpec(8080, 0, "tcp")), List.of(),
            Optional.empty(), List.of(), List.of(), Map.of(), List.of(), List.of("--serve"));

    /** {@code count} shuffled indexes 0..count-1, the same for every caller. */
    static int[] shuffled(int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Random random = new Random(SEED);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Opens (creating, migrating) a store on {@code file}. */
    static SqliteStore openStore(Path file, boolean readOnly) {
        SqliteStore store = SqliteStore.builder().path(file).readOnly(readOnly).build();
        if (!readOnly) {
            store.migrate();
        }
        return store;
    }

    /**
     * The instance data set the SQLite reads by key share: {@code tenants} x {@code perTenant} instances, built once
     * per run by one writer.
     */
    static Path sqliteInstancesFile(int tenants, int perTenant) {
        return sqliteFile("instances-" + tenants + "x" + perTenant, s -> populate(s, tenants, perTenant, 1));
    }

    /**
     * The data file {@code name}, built by {@code populate} through a writable store if this run has not built it
     * yet. Built under a temporary name and moved into place once closed (checkpointed), so a fork never sees half.
     */
    static Path sqliteFile(String name, Consumer<SqliteStore> populate) {
        return dataFile(name, tmp -> {
            try (SqliteStore store = openStore(tmp, false)) {
                populate.accept(store);
            }
        });
    }

    /**
     * The SQLite data file {@code name}, written by {@code build} (given a path where no file exists yet, and
     * closing what it opened) if this run has not built it yet; moved into place once built, as
     * {@link #sqliteFile}.
     */
    static synchronized Path dataFile(String name, Consumer<Path> build) {
        Path file = dir().resolve(name + ".db");
        if (Files.exists(file)) {
            return file;
        }
        Path tmp = dir().resolve(name + ".building-" + ProcessHandle.current().pid() + ".db");
        try {
            build.accept(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(Path.of(tmp + "-wal"));
            Files.deleteIfExists(Path.of(tmp + "-shm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Inserts {@code tenants} tenants with {@code perTenant} instances each, instance i of every tenant before
     * instance i + 1 (with several threads, roughly so); returns the tenants' ids.
     */
    static List<TenantId> populate(Store store, int tenants, int perTenant, int threads) {
        List<TenantId> ids = new ArrayList<>(tenants);
        for (int t = 0; t < tenants; t++) {
            ids.add(store.admin().insertTenant(tenant(t)).id());
        }
        // Interleaved, as rows arrive in a real store: every tenant's rows spread over the whole table.
        inParallel(threads, tenants * perTenant,
                k -> store.instances().insert(instance(ids.get(k % tenants), Integer.toString(k / tenants))));
        return ids;
    }

    /** Runs {@code task} for 0..count-1 on {@code threads} threads (in this thread when 1); stops at a failure. */
    static void inParallel(int threads, int count, IntConsumer task) {
        if (threads == 1) {
            for (int k = 0; k < count; k++) {
                task.accept(k);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int w = 0; w < threads; w++) {
                workers.add(executor.submit(() -> {
                    try {
                        for (int k = next.getAndIncrement(); k < count; k = next.getAndIncrement()) {
                            task.accept(k);
                        }
                    } catch (RuntimeException e) {
                        next.set(count);
                        throw e;
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("filling the benchmark data failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while filling the benchmark data", e);
        }
    }

    /** Where a client stands after paging {@code depth} rows into a tenant's instances: the request and row next. */
    record Depth(PageRequest next, Instance last) {
    }

    /** Pages {@code depth} rows deep with the public API, as a client would (large pages, to get there quickly). */
    static Depth walk(InstanceStore instances, TenantId tenant, int depth, int limit) {
        String cursor = null;
        Instance last = null;
        for (int remaining = depth; remaining > 0; ) {
            int take = Math.min(1000, remaining);
            Page<Instance> page = instances.list(tenant, InstanceFilter.all(),
                    cursor == null ? PageRequest.first(take) : new PageRequest(take, cursor));
            cursor = page.nextCursor().orElseThrow();
            last = page.items().get(page.items().size() - 1);
            remaining -= take;
        }
        return new Depth(new PageRequest(limit, cursor), last);
    }

    /** How to reach the run's PostgreSQL database. */
    record Postgres(String url, String user, String password) {
        static Postgres of(TestDatabase db) {
            return new Postgres(db.jdbcUrl(), db.user(), db.password());
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /** The properties that hand {@code db} to the forks as the run's database ({@link #postgres()}). */
    static Map<String, String> postgresProperties(TestDatabase db) {
        return Map.of(PG_URL_PROPERTY, db.jdbcUrl(), PG_USER_PROPERTY, db.user(), PG_PASSWORD_PROPERTY, db.password());
    }

    /** The run's database, or one of this JVM's own when no run passed one. */
    static synchronized Postgres postgres() {
        String url = System.getProperty(PG_URL_PROPERTY);
        if (url != null && !url.isBlank()) {
            return new Postgres(url, System.getProperty(PG_USER_PROPERTY, ""),
                    System.getProperty(PG_PASSWORD_PROPERTY, ""));
        }
        if (ownPostgres == null) {
            ownPostgres = Postgres.of(TestDatabase.create("bench"));
        }
        return ownPostgres;
    }

    /**
     * The run's durable server, or one this JVM starts (and stops when it exits) when no run passed one. Its user
     * is trusted on localhost, so there is no password.
     */
    static synchronized Postgres durablePostgres() {
        String url = System.getProperty(DURABLE_URL_PROPERTY);
        if (url != null && !url.isBlank()) {
            return new Postgres(url, DurablePostgres.USER, "");
        }
        if (ownDurable == null) {
            DurablePostgres server = DurablePostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            ownDurable = new Postgres(server.jdbcUrl(), DurablePostgres.USER, "");
        }
        return ownDurable;
    }

    /**
     * A pool on the run's database whose connections work in {@code schema}, for a store and its raw baseline to
     * share: the raw statements name their tables without a schema, as the store's own statements do.
     */
    static HikariDataSource postgresPool(String schema) {
        return postgresPool(postgres(), schema);
    }

    /** A pool as {@link #postgresPool(String)}, on the database {@code pg}. */
    static HikariDataSource postgresPool(Postgres pg, String schema) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-" + schema);
        config.setJdbcUrl(pg.url());
        config.setUsername(pg.user());
        config.setPassword(pg.password());
        config.setSchema(schema);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        return new HikariDataSource(config);
    }

    /**
     * The data set {@code schema} on the run's database, built by {@code populate} through a store (its own pool
     * of {@link #FILL_THREADS} connections) unless a fork of this run has built it completely already. Vacuumed and
     * analysed once built, so every fork plans and counts on settled tables.
     */
    static synchronized void postgresData(String schema, Consumer<PostgresStore> populate) {
        Postgres pg = postgres();
        try {
            try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(
                    "select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = ?")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && COMPLETE.equals(rs.getString(1))) {
                        return;
                    }
                }
                execute(c, "drop schema if exists " + schema + " cascade");
            }
            try (PostgresStore store = PostgresStore.builder().jdbcUrl(pg.url()).user(pg.user())
                    .password(pg.password()).schema(schema).poolSize(FILL_THREADS).build()) {
                store.migrate();
                populate.accept(store);
            }
            try (Connection c = pg.connect()) {
                execute(c, "vacuum (analyze) " + schema + ".tenants, " + schema + ".instances, "
                        + schema + ".instance_labels");
                execute(c, "comment on schema " + schema + " is '" + COMPLETE + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("building the PostgreSQL data set " + schema + " failed: " + e, e);
        }
    }

    /** Drops {@code schema} and everything in it from the run's database. */
    static void dropPostgresSchema(String schema) {
        dropPostgresSchema(postgres(), schema);
    }

    /** Drops {@code schema} and everything in it from the database {@code pg}. */
    static void dropPostgresSchema(Postgres pg, String schema) {
        try (Connection c = pg.connect()) {
            execute(c, "drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("dropping the PostgreSQL schema " + schema + " failed: " + e, e);
        }
    }

    /**
     * Writes every dirty page of {@code pg} to disk, so a write trial on a server that earlier trials wrote to
     * starts with none of their checkpoint work pending, and every trial starts at the same point of the checkpoint
     * cycle (after a checkpoint, the first change to a page writes the whole page to the WAL). Skipped, with a line
     * on stderr, when the user may not run CHECKPOINT.
     */
    static void checkpoint(Postgres pg) {
        try (Connection c = pg.connect()) {
            execute(c, "checkpoint");
        } catch (SQLException e) {
            System.err.println("no checkpoint before the trial (" + e.getMessage() + "); earlier trials' dirty pages"
                    + " may be written during this one");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
