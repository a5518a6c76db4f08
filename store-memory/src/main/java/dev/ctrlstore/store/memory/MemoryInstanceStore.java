package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class MemoryInstanceStore implements InstanceStore {
    private final MemoryState state;
    private final Map<InstanceId, Instance> byId = new HashMap<>();

    MemoryInstanceStore(MemoryState state) {
        this.state = state;
        state.instanceExistence((tenantId, id) -> find(tenantId, id) != null);
    }

    @Override
    public Instance insert(Instance instance) {
        Checks.notNull(instance, "instance");
        Versions.requireNew(instance.version(), "instance", instance.id().value());
        return state.write(() -> {
            if (byId.containsKey(instance.id())) {
                throw new AlreadyExistsException(instance.tenantId(), ResourceKind.INSTANCE, instance.id().value(),
                        "id", instance.id().value());
            }
            requireFreeSlug(instance);
            Instant now = state.now();
            Instance stored = instance.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            byId.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Instance get(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return state.read(() -> existing(tenantId, instanceId));
    }

    @Override
    public Instance getBySlug(TenantId tenantId, String slug) {
        Checks.notNull(tenantId, "tenantId");
        Checks.text(slug, "slug", Checks.SLUG);
        return state.read(() -> byId.values().stream()
                .filter(i -> i.tenantId().equals(tenantId) && i.slug().equals(slug))
                .findFirst()
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.INSTANCE, slug)));
    }

    @Override
    public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(filter, "filter");
        Checks.notNull(page, "page");
        return state.read(() -> {
            List<Instance> matches = byId.values().stream()
                    .filter(i -> i.tenantId().equals(tenantId) && filter.matches(i))
                    .toList();
            return MemoryPaging.page(matches, page, "instances", i -> Times.epochMicros(i.createdAt()),
                    i -> i.id().value());
        });
    }

    @Override
    public Instance update(Instance instance) {
        Checks.notNull(instance, "instance");
        Versions.requireStored(instance.version(), "instance", instance.id().value());
        return state.write(() -> {
            Instance current = existing(instance.tenantId(), instance.id());
            if (current.version() != instance.version()) {
                throw new ConflictException(instance.tenantId(), ResourceKind.INSTANCE, instance.id().value(),
                        instance.version(), current.version());
            }
            requireFreeSlug(instance);
            Instance stored = instance.toBuilder().createdAt(current.createdAt()).updatedAt(state.now())
                    .version(current.version() + 1).build();
            byId.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public void delete(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        state.write(() -> {
            existing(tenantId, instanceId);
            byId.remove(instanceId);
            state.instanceDeleted(tenantId, instanceId);
        });
    }

    @Override
    public long count(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return state.read(() -> byId.values().stream().filter(i -> i.tenantId().equals(tenantId)).count());
    }

    private Instance find(TenantId tenantId, InstanceId id) {
        Instance i = byId.get(id);
        return i != null && i.tenantId().equals(tenantId) ? i : null;
    }

    private Instance existing(TenantId tenantId, InstanceId id) {
        Instance i = find(tenantId, id);
        if (i == null) {
            throw new NotFoundException(tenantId, ResourceKind.INSTANCE, id.value());
        }
        return i;
    }

    private void requireFreeSlug(Instance instance) {
        for (Instance other : byId.values()) {
            if (other.tenantId().equals(instance.tenantId()) && other.slug().equals(instance.slug())
                    && !other.id().equals(instance.id())) {
                throw new AlreadyExistsException(instance.tenantId(), ResourceKind.INSTANCE, instance.id().value(),
                        "slug", instance.slug());
            }
        }
    }
}
