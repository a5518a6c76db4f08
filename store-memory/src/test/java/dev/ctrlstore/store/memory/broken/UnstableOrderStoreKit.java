package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Breaks the defined order of {@code instances().list}: every other call returns the page's items reversed, so the
 * same query gives different orders (deterministically, so the self-test is repeatable).
 */
public class UnstableOrderStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        AtomicInteger calls = new AtomicInteger();
        return BrokenStore.breakingInstances(MemoryStore.create(clock()), real -> new ForwardingInstanceStore(real) {
            @Override
            public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
                Page<Instance> p = delegate.list(tenantId, filter, page);
                if (calls.incrementAndGet() % 2 == 0) {
                    return p;
                }
                List<Instance> items = new ArrayList<>(p.items());
                Collections.reverse(items);
                return new Page<>(items, p.nextCursor(), p.total());
            }
        });
    }
}
