package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceStore;

/** Passes every call through; broken stores override the one method they break. */
class ForwardingInstanceStore implements InstanceStore {
    protected final InstanceStore delegate;

    ForwardingInstanceStore(InstanceStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Instance insert(Instance instance) {
        return delegate.insert(instance);
    }

    @Override
    public Instance get(TenantId tenantId, InstanceId id) {
        return delegate.get(tenantId, id);
    }

    @Override
    public Instance getBySlug(TenantId tenantId, String slug) {
        return delegate.getBySlug(tenantId, slug);
    }

    @Override
    public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
        return delegate.list(tenantId, filter, page);
    }

    @Override
    public Instance update(Instance instance) {
        return delegate.update(instance);
    }

    @Override
    public void delete(TenantId tenantId, InstanceId id) {
        delegate.delete(tenantId, id);
    }

    @Override
    public long count(TenantId tenantId) {
        return delegate.count(tenantId);
    }
}
