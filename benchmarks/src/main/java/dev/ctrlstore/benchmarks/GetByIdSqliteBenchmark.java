package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.instance.Instance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One instance by (tenant, id) from a SQLite file (see {@link GetByIdBenchmarks}): {@code SqliteStore.instances().get}
 * against raw sqlite-jdbc with a reused prepared statement, reading the same rows of the same file into the same
 * record in the same (shuffled) order.
 */
public class GetByIdSqliteBenchmark extends GetByIdBenchmarks {
    Path file;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        file = Fixtures.sqliteInstancesFile(tenants, instancesPerTenant);
        store = Fixtures.openStore(file, false);
        try (Connection c = RawSqlite.reader(file)) {
            visit(Keys.read(c));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    /** The baseline's connection and statement, one per thread (a pool would only add cost). */
    @State(Scope.Thread)
    public static class Raw {
        RawSqlite.Reader reader;

        @Setup(Level.Trial)
        public void open(GetByIdSqliteBenchmark b) throws SQLException {
            reader = new RawSqlite.Reader(b.file);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            reader.close();
        }
    }

    @Benchmark
    public Instance raw(Raw raw, Keys.Cursor cursor) throws SQLException {
        int k = cursor.next(ids.length);
        return raw.reader.get(tenantOf[k], ids[k]);
    }
}
