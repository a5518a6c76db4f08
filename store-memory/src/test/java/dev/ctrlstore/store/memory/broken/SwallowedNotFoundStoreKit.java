package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

/** Breaks {@code instances().delete}: deleting a missing instance silently succeeds. */
public class SwallowedNotFoundStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingInstances(MemoryStore.create(clock()), real -> new ForwardingInstanceStore(real) {
            @Override
            public void delete(TenantId tenantId, InstanceId id) {
                try {
                    delegate.delete(tenantId, id);
                } catch (NotFoundException ignored) {
                    // the bug under test
                }
            }
        });
    }
}
