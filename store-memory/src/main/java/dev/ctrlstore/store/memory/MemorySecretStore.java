package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.SecretId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretMetadata;
import dev.ctrlstore.store.secret.SecretStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secrets in memory, keyed by (tenant, instance, key). Values are kept as {@link dev.ctrlstore.store.secret.SecretValue}
 * objects, which copy their bytes in and out; nothing is persisted, so nothing is encrypted here.
 */
final class MemorySecretStore implements SecretStore {
    /** Where a secret lives; the tenant is part of it, so another tenant's secret can never be found. */
    private record Slot(TenantId tenantId, InstanceId instanceId, String key) {
        static Slot of(Secret s) {
            return new Slot(s.tenantId(), s.instanceId(), s.key());
        }
    }

    private final MemoryState state;
    private final Map<Slot, Secret> bySlot = new HashMap<>();
    private final Set<SecretId> ids = new HashSet<>();

    MemorySecretStore(MemoryState state) {
        this.state = state;
        state.onInstanceDeleted((tenantId, instanceId) -> bySlot.values().removeIf(s -> {
            boolean owned = s.tenantId().equals(tenantId) && s.instanceId().equals(instanceId);
            if (owned) {
                ids.remove(s.id());
            }
            return owned;
        }));
    }

    @Override
    public SecretMetadata insert(Secret secret) {
        Checks.notNull(secret, "secret");
        Versions.requireNew(secret.version(), "secret", secret.id().value());
        return state.write(() -> {
            state.requireInstance(secret.tenantId(), secret.instanceId());
            if (ids.contains(secret.id())) {
                throw new AlreadyExistsException(secret.tenantId(), ResourceKind.SECRET, secret.id().value(), "id",
                        secret.id().value());
            }
            Slot slot = Slot.of(secret);
            if (bySlot.containsKey(slot)) {
                throw new AlreadyExistsException(secret.tenantId(), ResourceKind.SECRET, secret.id().value(), "key",
                        secret.key());
            }
            Instant now = state.now();
            Secret stored = secret.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            bySlot.put(slot, stored);
            ids.add(stored.id());
            return stored.metadata();
        });
    }

    @Override
    public Secret get(TenantId tenantId, InstanceId instanceId, String key) {
        Slot slot = slot(tenantId, instanceId, key);
        return state.read(() -> existing(slot));
    }

    @Override
    public List<SecretMetadata> list(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return state.read(() -> bySlot.values().stream()
                .filter(s -> s.tenantId().equals(tenantId) && s.instanceId().equals(instanceId))
                .sorted(Comparator.comparing(Secret::key))
                .map(Secret::metadata)
                .toList());
    }

    @Override
    public SecretMetadata update(Secret secret) {
        Checks.notNull(secret, "secret");
        Versions.requireStored(secret.version(), "secret", secret.id().value());
        return state.write(() -> {
            Slot slot = Slot.of(secret);
            Secret current = existing(slot);
            StoreRules.requireUnchanged(current.id(), secret.id(), "secret.id", secret.tenantId(), ResourceKind.SECRET,
                    secret.key(), "the key was probably deleted and inserted again since it was read, so re-read it");
            if (current.version() != secret.version()) {
                throw new ConflictException(secret.tenantId(), ResourceKind.SECRET, secret.key(), secret.version(),
                        current.version());
            }
            Secret stored = secret.toBuilder().createdAt(current.createdAt()).updatedAt(state.now())
                    .version(current.version() + 1).build();
            bySlot.put(slot, stored);
            return stored.metadata();
        });
    }

    @Override
    public void delete(TenantId tenantId, InstanceId instanceId, String key) {
        Slot slot = slot(tenantId, instanceId, key);
        state.write(() -> {
            Secret removed = existing(slot);
            bySlot.remove(slot);
            ids.remove(removed.id());
        });
    }

    @Override
    public long count(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return state.read(() -> bySlot.keySet().stream().filter(s -> s.tenantId().equals(tenantId)).count());
    }

    private static Slot slot(TenantId tenantId, InstanceId instanceId, String key) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        Checks.lookupText(key, "key", Checks.SHORT_TEXT);
        return new Slot(tenantId, instanceId, key);
    }

    private Secret existing(Slot slot) {
        Secret s = bySlot.get(slot);
        if (s == null) {
            throw new NotFoundException(slot.tenantId(), ResourceKind.SECRET, slot.key());
        }
        return s;
    }
}
