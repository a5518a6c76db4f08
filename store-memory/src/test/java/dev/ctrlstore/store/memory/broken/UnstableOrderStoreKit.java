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
import java.util.Random;

/** Breaks the defined order of {@code instances().list}: items of each page come back shuffled. */
public class UnstableOrderStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        Random random = new Random(42);
        return BrokenStore.breakingInstances(MemoryStore.create(clock()), real -> new ForwardingInstanceStore(real) {
            @Override
            public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
                Page<Instance> p = delegate.list(tenantId, filter, page);
                List<Instance> items = new ArrayList<>(p.items());
                Collections.shuffle(items, random);
                return new Page<>(items, p.nextCursor(), p.total());
            }
        });
    }
}
