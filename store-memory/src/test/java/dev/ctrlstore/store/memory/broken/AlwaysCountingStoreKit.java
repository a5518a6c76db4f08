package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

/** Breaks the opt-in total of {@code instances().list}: every page is counted, as every page was before. */
public class AlwaysCountingStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingInstances(MemoryStore.create(clock()), real -> new ForwardingInstanceStore(real) {
            @Override
            public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
                return delegate.list(tenantId, filter, page == null ? null : page.withTotal());
            }
        });
    }
}
