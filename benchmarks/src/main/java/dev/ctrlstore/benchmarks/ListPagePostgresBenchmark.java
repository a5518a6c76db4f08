package dev.ctrlstore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.postgres.PostgresStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A page of one tenant's instances in PostgreSQL (see {@link ListPageBenchmarks}), the store built with
 * {@code .dataSource(pool)}, the pool's connections set to the schema and the raw variants on the same pool. A raw
 * page without a count is one statement in autocommit mode (one snapshot by itself); the raw variant with a count
 * reads the count and the page in one read-only REPEATABLE READ transaction, the one snapshot the store reads a
 * page with total in.
 *
 * <p>The tenant's rows are filled through the store with {@link Fixtures#FILL_THREADS} threads, once per run, into
 * schema {@code list_<rows>}: about 40 s for 101,000 rows on 2 cores where one thread takes about 90 s, which the
 * quick profile's budget has no room for; the order concurrent inserts land in changes which rows a page holds,
 * not what reading it costs.
 */
public class ListPagePostgresBenchmark extends ListPageBenchmarks {
    HikariDataSource pool;

    /** Binds and runs a prepared page query. */
    @FunctionalInterface
    interface PageQuery {
        List<Instance> run(PreparedStatement ps) throws SQLException;
    }

    @Setup(Level.Trial)
    public void setUp() {
        String schema = "list_" + rows();
        Fixtures.postgresData(schema, s -> Fixtures.populate(s, 1, rows(), Fixtures.FILL_THREADS));
        pool = Fixtures.postgresPool(schema);
        store = PostgresStore.builder().dataSource(pool).build();
        walkToDepth();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        pool.close();
    }

    /** Page 1 in raw JDBC (one row more than the page, as the store reads, to know there is a next page). */
    @Benchmark
    public List<Instance> rawFirstPage() throws SQLException {
        return page(RawRows.PAGE_FIRST, ps -> RawRows.first(ps, tenant, limit + 1, RawRows.TIMESTAMPTZ));
    }

    /** The deep page's seek in raw JDBC, with the count a page with total needs, in one snapshot. */
    @Benchmark
    public List<Instance> rawDeepSeekCounted() throws SQLException {
        return countAndPage(RawRows.PAGE_SEEK,
                ps -> RawRows.seek(ps, tenant, deepKey, deepId, limit + 1, RawRows.TIMESTAMPTZ));
    }

    /** The deep page by {@code OFFSET depth}, without a count: PostgreSQL reads and discards every skipped row. */
    @Benchmark
    public List<Instance> rawDeepOffset() throws SQLException {
        return page(RawRows.PAGE_OFFSET, ps -> RawRows.offset(ps, tenant, limit + 1, depth, RawRows.TIMESTAMPTZ));
    }

    private List<Instance> page(String pageSql, PageQuery page) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(pageSql)) {
            return page.run(ps);
        }
    }

    private List<Instance> countAndPage(String pageSql, PageQuery page) throws SQLException {
        return RawPostgres.snapshot(pool, c -> {
            try (PreparedStatement count = c.prepareStatement(RawRows.COUNT);
                 PreparedStatement ps = c.prepareStatement(pageSql)) {
                return counted(RawRows.count(count, tenant), page.run(ps));
            }
        });
    }
}
