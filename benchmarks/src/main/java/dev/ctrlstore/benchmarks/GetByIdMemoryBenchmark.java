package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.memory.MemoryStore;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One instance by (tenant, id) from the memory store against a plain {@link ConcurrentHashMap#get} holding the same
 * records, keys visited in the same shuffled order. Average time: at tens of nanoseconds a per-call timer (what
 * percentiles need) would measure mostly itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GetByIdMemoryBenchmark {
    @Param("100")
    public int tenants;
    @Param("1000")
    public int instancesPerTenant;

    MemoryStore store;
    ConcurrentHashMap<InstanceId, Instance> map;
    TenantId[] tenantOf;
    InstanceId[] ids;

    @Setup(Level.Trial)
    public void setUp() {
        store = MemoryStore.create();
        map = new ConcurrentHashMap<>();
        List<TenantId> storedTenants = new ArrayList<>(tenants * instancesPerTenant);
        List<InstanceId> storedIds = new ArrayList<>(tenants * instancesPerTenant);
        List<TenantId> tenantIds = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            tenantIds.add(store.admin().insertTenant(Fixtures.tenant(t)).id());
        }
        for (int i = 0; i < instancesPerTenant; i++) {
            for (int t = 0; t < tenants; t++) {
                Instance instance = store.instances().insert(Fixtures.instance(tenantIds.get(t), Integer.toString(i)));
                map.put(instance.id(), instance);
                storedTenants.add(instance.tenantId());
                storedIds.add(instance.id());
            }
        }
        Keys keys = Keys.shuffled(storedTenants, storedIds);
        tenantOf = keys.tenants();
        ids = keys.ids();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    @Benchmark
    public Instance store(Keys.Cursor cursor) {
        int k = cursor.next(ids.length);
        return store.instances().get(tenantOf[k], ids[k]);
    }

    @Benchmark
    public Instance map(Keys.Cursor cursor) {
        int k = cursor.next(ids.length);
        return map.get(ids[k]);
    }
}
