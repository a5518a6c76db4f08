package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Breaks tenant isolation of {@code instances().get}: it finds an instance by id in whichever tenant owns it. */
public class TenantBlindStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingInstances(MemoryStore.create(clock()), real -> new ForwardingInstanceStore(real) {
            private final Map<InstanceId, TenantId> owners = new ConcurrentHashMap<>();

            @Override
            public Instance insert(Instance instance) {
                Instance stored = delegate.insert(instance);
                owners.put(stored.id(), stored.tenantId());
                return stored;
            }

            @Override
            public Instance get(TenantId tenantId, InstanceId id) {
                TenantId owner = tenantId == null || id == null ? null : owners.get(id);
                return delegate.get(owner == null ? tenantId : owner, id);
            }
        });
    }
}
