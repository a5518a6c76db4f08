package dev.ctrlstore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.postgres.PostgresStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One instance by (tenant, id) from PostgreSQL (see {@link GetByIdBenchmarks}): {@code PostgresStore.instances().get}
 * against the same {@code select} in raw pgjdbc, both on connections of one HikariCP pool (the store built with
 * {@code .dataSource(pool)}, the pool's connections set to the data's schema, as an application that owns its pool
 * and keeps ctrlstore in a schema of its own would), reading the same rows into the same record in the same shuffled order as the SQLite benchmark. The
 * data is filled through the store once per run, into schema {@code getbyid_<tenants>x<instancesPerTenant>}.
 */
public class GetByIdPostgresBenchmark extends GetByIdBenchmarks {
    HikariDataSource pool;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String schema = "getbyid_" + tenants + "x" + instancesPerTenant;
        Fixtures.postgresData(schema, s -> Fixtures.populate(s, tenants, instancesPerTenant, Fixtures.FILL_THREADS));
        pool = Fixtures.postgresPool(schema);
        store = PostgresStore.builder().dataSource(pool).build();
        try (Connection c = pool.getConnection()) {
            visit(Keys.read(c));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        pool.close();
    }

    @Benchmark
    public Instance raw(Keys.Cursor cursor) throws SQLException {
        int k = cursor.next(ids.length);
        return RawPostgres.get(pool, tenantOf[k], ids[k]);
    }
}
