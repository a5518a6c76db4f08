package dev.ctrlstore.benchmarks;

import dev.ctrlstore.replication.replica.LdbStore;
import dev.ctrlstore.store.instance.Instance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One instance by (tenant, id) from an LDB (see {@link GetByIdBenchmarks}): {@code LdbStore.instances().get} on a
 * replica the reflector built ({@link LedgerFixtures#ldbInstancesFile}), against raw sqlite-jdbc with a reused
 * prepared statement on the same file, in the same shuffled order as the other getById benchmarks; the table also
 * sets it beside {@code PostgresStore}'s getById of the same data, the read a replica saves.
 */
public class GetByIdLdbBenchmark extends GetByIdBenchmarks {
    Path file;
    /** The baseline's connection and statement (the getById benchmarks run on one thread). */
    RawSqlite.Reader raw;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        file = LedgerFixtures.ldbInstancesFile(tenants, instancesPerTenant);
        store = LdbStore.builder().path(file).build();
        raw = new RawSqlite.Reader(file);
        try (Connection c = RawSqlite.reader(file)) {
            visit(Keys.read(c));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        raw.close();
        store.close();
    }

    @Benchmark
    public Instance raw(Keys.Cursor cursor) throws SQLException {
        int k = cursor.next(ids.length);
        return raw.get(tenantOf[k], ids[k]);
    }
}
