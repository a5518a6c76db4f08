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
import dev.ctrlstore.store.internal.KeysetCursor;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances indexed per tenant: a read finds the tenant's own map first, so it never reads another tenant's data (nor
 * dereferences the record to check its tenant), and a list or count touches one tenant's instances only. The
 * by-id maps are concurrent, so a read by key takes no lock: it sees one immutable record, stored or not, while
 * writers still hold the write lock for their checks and multi-map changes.
 */
final class MemoryInstanceStore implements InstanceStore {
    private final MemoryState state;
    private final Map<TenantId, TenantInstances> tenants = new ConcurrentHashMap<>();
    /** Ids are unique across tenants, as the SQL stores' primary key: each id's tenant. */
    private final Map<InstanceId, TenantId> owners = new HashMap<>();

    MemoryInstanceStore(MemoryState state) {
        this.state = state;
        state.instanceExistence((tenantId, id) -> find(tenantId, id) != null);
    }

    @Override
    public Instance insert(Instance instance) {
        Checks.notNull(instance, "instance");
        Versions.requireNew(instance.version(), "instance", instance.id().value());
        return state.write(() -> {
            if (owners.containsKey(instance.id())) {
                throw new AlreadyExistsException(instance.tenantId(), ResourceKind.INSTANCE, instance.id().value(),
                        "id", instance.id().value());
            }
            TenantInstances t = tenants.computeIfAbsent(instance.tenantId(), k -> new TenantInstances());
            t.requireFreeSlug(instance);
            Instant now = state.now();
            Instance stored = instance.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            t.put(stored, null);
            owners.put(stored.id(), stored.tenantId());
            return stored;
        });
    }

    @Override
    public Instance get(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        state.checkOpen();
        return existing(tenantId, instanceId);
    }

    @Override
    public Instance getBySlug(TenantId tenantId, String slug) {
        Checks.notNull(tenantId, "tenantId");
        Checks.slug(slug, "slug");
        return state.read(() -> {
            TenantInstances t = tenants.get(tenantId);
            InstanceId id = t == null ? null : t.bySlug.get(slug);
            if (id == null) {
                throw new NotFoundException(tenantId, ResourceKind.INSTANCE, slug);
            }
            return t.byId.get(id);
        });
    }

    @Override
    public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(filter, "filter");
        Checks.notNull(page, "page");
        return state.read(() -> {
            TenantInstances t = tenants.get(tenantId);
            List<Instance> matches = t == null ? List.of()
                    : t.byId.values().stream().filter(filter::matches).toList();
            return MemoryPaging.page(matches, page, KeysetCursor.Scope.instances(tenantId, filter),
                    i -> Times.epochMicros(i.createdAt()), i -> i.id().value());
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
            TenantInstances t = tenants.get(instance.tenantId());
            t.requireFreeSlug(instance);
            Instance stored = instance.toBuilder().createdAt(current.createdAt()).updatedAt(state.now())
                    .version(current.version() + 1).build();
            t.put(stored, current);
            return stored;
        });
    }

    @Override
    public void delete(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        state.write(() -> {
            Instance current = existing(tenantId, instanceId);
            TenantInstances t = tenants.get(tenantId);
            t.byId.remove(instanceId);
            t.bySlug.remove(current.slug());
            owners.remove(instanceId);
            state.instanceDeleted(tenantId, instanceId);
        });
    }

    @Override
    public long count(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return state.read(() -> {
            TenantInstances t = tenants.get(tenantId);
            return t == null ? 0L : t.byId.size();
        });
    }

    private Instance find(TenantId tenantId, InstanceId id) {
        TenantInstances t = tenants.get(tenantId);
        return t == null ? null : t.byId.get(id);
    }

    private Instance existing(TenantId tenantId, InstanceId id) {
        Instance i = find(tenantId, id);
        if (i == null) {
            throw new NotFoundException(tenantId, ResourceKind.INSTANCE, id.value());
        }
        return i;
    }

    /** One tenant's instances by id, and the unique key (tenant, slug) as an index. */
    private static final class TenantInstances {
        final Map<InstanceId, Instance> byId = new ConcurrentHashMap<>();
        final Map<String, InstanceId> bySlug = new HashMap<>();

        void requireFreeSlug(Instance instance) {
            InstanceId holder = bySlug.get(instance.slug());
            if (holder != null && !holder.equals(instance.id())) {
                throw new AlreadyExistsException(instance.tenantId(), ResourceKind.INSTANCE, instance.id().value(),
                        "slug", instance.slug());
            }
        }

        /** Stores {@code stored}, which replaces {@code previous} (null for a new instance). */
        void put(Instance stored, Instance previous) {
            byId.put(stored.id(), stored);
            if (previous != null && !previous.slug().equals(stored.slug())) {
                bySlug.remove(previous.slug());
            }
            bySlug.put(stored.slug(), stored.id());
        }
    }
}
