package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.internal.KeysetCursor;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

/**
 * Breaks cursor paging of {@code instances().list}: the cursor keeps the last item's createdAt but loses its id, so the
 * next page starts strictly after that createdAt and skips the items that share it.
 */
public class LostTieBreakerStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingInstances(MemoryStore.create(clock()), real -> new ForwardingInstanceStore(real) {
            @Override
            public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
                Page<Instance> p = delegate.list(tenantId, filter, page);
                KeysetCursor.Scope scope = KeysetCursor.Scope.instances(tenantId, filter);
                return new Page<>(p.items(), p.nextCursor().map(c -> withoutId(c, scope)), p.total());
            }
        });
    }

    /** The same position with the id replaced by one that sorts below every real id. */
    private static String withoutId(String cursor, KeysetCursor.Scope scope) {
        return new KeysetCursor(KeysetCursor.decode(cursor, scope).key(), "0").encode(scope);
    }
}
