package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.postgres.PostgresStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ledger's cost on the write path, one subclass a server: {@code instances().insert} (the row and its label
 * rows, as {@link InsertBenchmarks}) by 1 and by 8 threads through a {@code PostgresStore} whose ledger runs in
 * the variant {@link #ledger()} names (see {@link LedgerVariants}). Measured as throughput, the figure the
 * ordering designs differ in: a lock held across a round trip or a WAL flush caps transactions per second. Each
 * trial starts from a fresh schema on a pool of {@link Fixtures#POOL_SIZE} connections, dropped at its end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class LedgerInserts {
    private static final AtomicInteger TRIALS = new AtomicInteger();

    @Param("100")
    public int tenants;

    PostgresTrial trial;
    List<TenantId> tenantIds;
    PostgresStore store;

    /** The server this class measures on. */
    abstract Fixtures.Postgres server();

    /** The variant of this trial, a {@link LedgerVariants} name (the subclass's {@code ledger} parameter). */
    abstract String ledger();

    @Setup(Level.Trial)
    public void setUp() {
        String schema = "ledger_" + ledger().toLowerCase(Locale.ROOT) + "_" + ProcessHandle.current().pid() + "_"
                + TRIALS.incrementAndGet();
        trial = new PostgresTrial(server(), schema, tenants, pool -> LedgerVariants.store(ledger(), pool),
                store -> LedgerVariants.migrated(ledger(), store));
        tenantIds = trial.tenantIds;
        store = trial.store;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trial.close();
    }

    @Benchmark
    @Threads(1)
    public Instance insert1(InsertBenchmarks.Feed feed) {
        return store.instances().insert(feed.next(tenantIds));
    }

    @Benchmark
    @Threads(8)
    public Instance insert8(InsertBenchmarks.Feed feed) {
        return store.instances().insert(feed.next(tenantIds));
    }
}
