package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.memory.MemoryStore;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

import java.util.ArrayList;
import java.util.List;

/**
 * Retained heap per stored instance in the memory store, counted exactly with JOL's {@link GraphLayout} (every
 * object reachable from the store, each once): the store with N instances minus the same store with its tenants
 * only, over N. The baseline is the same records held in a bare array, so the ratio is the store's own overhead
 * (its maps and entries). Not a JMH benchmark: nothing is timed.
 *
 * @param instances how many instances were stored
 * @param storeBytesPerInstance the store's retained bytes per instance
 * @param recordBytesPerInstance the bare records' bytes per instance (objects shared between records counted once)
 */
public record Footprint(int instances, double storeBytesPerInstance, double recordBytesPerInstance) {
    static {
        // The API's values are records, whose field offsets sun.misc.Unsafe refuses; JOL then finds them itself.
        if (System.getProperty("jol.magicFieldOffset") == null) {
            System.setProperty("jol.magicFieldOffset", "true");
        }
    }

    public double ratio() {
        return storeBytesPerInstance / recordBytesPerInstance;
    }

    public static Footprint measure(int tenants, int perTenant) {
        try (MemoryStore store = MemoryStore.create()) {
            List<TenantId> tenantIds = new ArrayList<>();
            for (int t = 0; t < tenants; t++) {
                tenantIds.add(store.admin().insertTenant(Fixtures.tenant(t)).id());
            }
            long base = GraphLayout.parseInstance(store).totalSize();
            Instance[] stored = new Instance[tenants * perTenant];
            int n = 0;
            for (int i = 0; i < perTenant; i++) {
                for (int t = 0; t < tenants; t++) {
                    stored[n++] = store.instances().insert(Fixtures.instance(tenantIds.get(t), Integer.toString(i)));
                }
            }
            long full = GraphLayout.parseInstance(store).totalSize();
            GraphLayout records = GraphLayout.parseInstance((Object) stored);
            // The array itself is not part of any record.
            long recordBytes = records.totalSize() - ClassLayout.parseInstance(stored).instanceSize();
            return new Footprint(n, (double) (full - base) / n, (double) recordBytes / n);
        }
    }

    public static void main(String[] args) {
        Footprint f = measure(Integer.getInteger("tenants", 100), Integer.getInteger("instancesPerTenant", 1000));
        System.out.printf("memory store: %.0f B/instance; bare records: %.0f B/instance; ratio %.2fx (%d instances)%n",
                f.storeBytesPerInstance(), f.recordBytesPerInstance(), f.ratio(), f.instances());
    }
}
