package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.jooq.tables.records.InstancesRecord;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.jooq.CloseableResultQuery;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;

/**
 * One instance by (tenant, slug) from a SQLite file, the getById data set read by its other unique key: the store's
 * {@code getBySlug} (a {@code Prepared} statement, the one mechanism every read by key uses) against raw sqlite-jdbc
 * with a reused statement, and the two other mechanisms that were measured for it: jOOQ's own statement reuse
 * ({@code keepStatement(true)}, values re-bound per call, one query object per connection) and jOOQ built and
 * rendered per call (how these reads worked before). The jOOQ variants stop at the converted record (no final
 * {@code Instance}), which favours them slightly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GetBySlugSqliteBenchmark {
    private static final Settings SETTINGS = new Settings().withExecuteLogging(false).withRenderSchema(false);

    @org.openjdk.jmh.annotations.Param("100")
    public int tenants;
    @org.openjdk.jmh.annotations.Param("1000")
    public int instancesPerTenant;

    Path file;
    SqliteStore store;
    TenantId[] tenantOf;
    String[] slugs;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        file = Fixtures.sqliteInstancesFile(tenants, instancesPerTenant);
        store = Fixtures.openStore(file, false);
        try (Connection c = RawSqlite.reader(file)) {
            Keys keys = Keys.read(c);
            Map<InstanceId, String> slugOf = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select id, slug from instances");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    slugOf.put(new InstanceId(rs.getString(1)), rs.getString(2));
                }
            }
            tenantOf = keys.tenants();
            slugs = new String[keys.ids().length];
            for (int k = 0; k < slugs.length; k++) {
                slugs[k] = slugOf.get(keys.ids()[k]);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    /** One reader connection per thread, like the store's, with each variant's statement on it. */
    @State(Scope.Thread)
    public static class Reader {
        Connection connection;
        PreparedStatement raw;
        DSLContext jooq;
        Param<TenantId> tenant;
        Param<String> slug;
        CloseableResultQuery<InstancesRecord> reused;

        @Setup(Level.Trial)
        public void open(GetBySlugSqliteBenchmark b) throws SQLException {
            connection = RawSqlite.reader(b.file);
            raw = connection.prepareStatement(RawRows.SELECT_BY_SLUG);
            jooq = DSL.using(connection, SQLDialect.SQLITE, SETTINGS);
            tenant = DSL.param("tenantId", INSTANCES.TENANT_ID);
            slug = DSL.param("slug", INSTANCES.SLUG);
            reused = jooq.selectFrom(INSTANCES).where(INSTANCES.TENANT_ID.eq(tenant), INSTANCES.SLUG.eq(slug))
                    .keepStatement(true);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            reused.close();
            raw.close();
            connection.close();
        }
    }

    @Benchmark
    public Instance store(Keys.Cursor cursor) {
        int k = cursor.next(slugs.length);
        return store.instances().getBySlug(tenantOf[k], slugs[k]);
    }

    @Benchmark
    public Instance raw(Reader reader, Keys.Cursor cursor) throws SQLException {
        int k = cursor.next(slugs.length);
        return RawRows.byKey(reader.raw, tenantOf[k], slugs[k], RawRows.EPOCH_MICROS);
    }

    @Benchmark
    public InstancesRecord jooqReused(Reader reader, Keys.Cursor cursor) {
        int k = cursor.next(slugs.length);
        return reader.reused.bind("tenantId", tenantOf[k]).bind("slug", slugs[k]).fetchOne();
    }

    @Benchmark
    public InstancesRecord jooqPerCall(Reader reader, Keys.Cursor cursor) {
        int k = cursor.next(slugs.length);
        return reader.jooq.selectFrom(INSTANCES)
                .where(INSTANCES.TENANT_ID.eq(tenantOf[k]), INSTANCES.SLUG.eq(slugs[k]))
                .fetchOne();
    }
}
