package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The getById benchmarks of the SQL stores, one subclass a store: one instance by (tenant, id) from {@code tenants}
 * x {@code instancesPerTenant} instances filled through the store, keys visited in the shuffled order of
 * {@link Keys}. The subclass opens {@link #store}, sets the keys and adds its raw baseline. Sampled, so the table
 * can give p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class GetByIdBenchmarks {
    @Param("100")
    public int tenants;
    @Param("1000")
    public int instancesPerTenant;

    Store store;
    TenantId[] tenantOf;
    InstanceId[] ids;

    void visit(Keys keys) {
        tenantOf = keys.tenants();
        ids = keys.ids();
    }

    @Benchmark
    public Instance store(Keys.Cursor cursor) {
        int k = cursor.next(ids.length);
        return store.instances().get(tenantOf[k], ids[k]);
    }
}
