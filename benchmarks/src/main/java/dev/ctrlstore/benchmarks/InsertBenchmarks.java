package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The insert benchmarks of every SQL store, one subclass a store: one instance (and its label rows) inserted by 1
 * and by 8 threads, through the store and through its raw JDBC baseline writing the same rows in one transaction.
 * Each trial starts from empty tables with {@code tenants} tenants ({@link #tenantIds}, filled by the subclass).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class InsertBenchmarks {
    @Param("100")
    public int tenants;

    final List<TenantId> tenantIds = new ArrayList<>();

    /** Inserts {@code instance} through the store. */
    abstract Instance storeInsert(Instance instance);

    /** Inserts {@code instance} through the raw baseline, as the store stores it. */
    abstract Instance rawInsert(Instance instance) throws SQLException;

    /** Each thread makes new instances with slugs no other thread uses, round-robin over the tenants. */
    @State(Scope.Thread)
    public static class Feed {
        private static final AtomicInteger THREADS = new AtomicInteger();
        String prefix;
        long n;

        @Setup(Level.Trial)
        public void setUp() {
            prefix = "t" + THREADS.getAndIncrement() + "-";
        }

        Instance next(List<TenantId> tenants) {
            long i = n++;
            return Fixtures.instance(tenants.get((int) (i % tenants.size())), prefix + i);
        }
    }

    @Benchmark
    @Threads(1)
    public Instance insert1Store(Feed feed) {
        return storeInsert(feed.next(tenantIds));
    }

    @Benchmark
    @Threads(1)
    public Instance insert1Raw(Feed feed) throws SQLException {
        return rawInsert(feed.next(tenantIds));
    }

    @Benchmark
    @Threads(8)
    public Instance insert8Store(Feed feed) {
        return storeInsert(feed.next(tenantIds));
    }

    @Benchmark
    @Threads(8)
    public Instance insert8Raw(Feed feed) throws SQLException {
        return rawInsert(feed.next(tenantIds));
    }
}
