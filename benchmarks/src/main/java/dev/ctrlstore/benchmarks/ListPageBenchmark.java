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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A page of one tenant's instances from a SQLite file (see {@link ListPageBenchmarks}); the raw variants run on a
 * read-only connection of their own with statements prepared once.
 */
public class ListPageBenchmark extends ListPageBenchmarks {
    Path file;

    @Setup(Level.Trial)
    public void setUp() {
        file = Fixtures.sqliteFile("list-" + rows(), s -> Fixtures.populate(s, 1, rows(), 1));
        store = Fixtures.openStore(file, false);
        walkToDepth();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    @State(Scope.Thread)
    public static class Raw {
        Connection connection;
        PreparedStatement count;
        PreparedStatement first;
        PreparedStatement seek;
        PreparedStatement offset;

        @Setup(Level.Trial)
        public void open(ListPageBenchmark b) throws SQLException {
            connection = RawSqlite.reader(b.file);
            count = connection.prepareStatement(RawRows.COUNT);
            first = connection.prepareStatement(RawRows.PAGE_FIRST);
            seek = connection.prepareStatement(RawRows.PAGE_SEEK);
            offset = connection.prepareStatement(RawRows.PAGE_OFFSET);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            count.close();
            first.close();
            seek.close();
            offset.close();
            connection.close();
        }
    }

    /** Page 1 in raw JDBC (one row more than the page, as the store reads, to know there is a next page). */
    @Benchmark
    public List<Instance> rawFirstPage(Raw raw) throws SQLException {
        return RawRows.first(raw.first, tenant, limit + 1, RawRows.EPOCH_MICROS);
    }

    /** The deep page's seek in raw JDBC, with the count a page with total needs. */
    @Benchmark
    public List<Instance> rawDeepSeekCounted(Raw raw) throws SQLException {
        return counted(RawRows.count(raw.count, tenant),
                RawRows.seek(raw.seek, tenant, deepKey, deepId, limit + 1, RawRows.EPOCH_MICROS));
    }

    /** The deep page by {@code OFFSET depth}, without a count: SQLite steps over every skipped row. */
    @Benchmark
    public List<Instance> rawDeepOffset(Raw raw) throws SQLException {
        return RawRows.offset(raw.offset, tenant, limit + 1, depth, RawRows.EPOCH_MICROS);
    }
}
