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
 * Breaks the binding of {@code instances().list} cursors to their tenant and filter, as cursors were before they
 * carried a digest of them: every cursor is handed out for one fixed walk and accepted in any other.
 */
public class ScopeBlindCursorStoreKit extends StoreContract {
    private static final KeysetCursor.Scope ANY = KeysetCursor.Scope.instances(TenantId.generate(),
            InstanceFilter.all());

    @Override
    protected Store createStore() {
        return BrokenStore.breakingInstances(MemoryStore.create(clock()), real -> new ForwardingInstanceStore(real) {
            @Override
            public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
                if (tenantId == null || filter == null || page == null) {
                    return delegate.list(tenantId, filter, page);
                }
                KeysetCursor.Scope scope = KeysetCursor.Scope.instances(tenantId, filter);
                PageRequest request = page.cursor() == null ? page : new PageRequest(page.limit(),
                        KeysetCursor.decode(page.cursor(), ANY).encode(scope), page.countTotal());
                Page<Instance> p = delegate.list(tenantId, filter, request);
                return new Page<>(p.items(),
                        p.nextCursor().map(c -> KeysetCursor.decode(c, scope).encode(ANY)), p.total());
            }
        });
    }
}
