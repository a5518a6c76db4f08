package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Times;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * What the memory subsystem stores share: one read-write lock over all data (so a cascade across subsystems is
 * atomic), the clock, the closed flag, and the links between subsystems (instance existence, delete cascades).
 */
final class MemoryState {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Clock clock;
    private final List<BiConsumer<TenantId, InstanceId>> instanceDeletionHooks = new CopyOnWriteArrayList<>();
    private volatile BiPredicate<TenantId, InstanceId> instanceExists = (t, i) -> false;
    private volatile boolean closed;

    MemoryState(Clock clock) {
        this.clock = clock;
    }

    /** The clock's now, at the microsecond precision every backend stores. */
    Instant now() {
        return Times.micros(clock.instant());
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            checkOpen();
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            checkOpen();
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    void write(Runnable action) {
        write(() -> {
            action.run();
            return null;
        });
    }

    void checkOpen() {
        if (closed) {
            throw new StoreClosedException("memory store");
        }
    }

    void close() {
        closed = true;
    }

    /** Called by the instance store; tells child stores whether a parent instance exists. */
    void instanceExistence(BiPredicate<TenantId, InstanceId> exists) {
        this.instanceExists = exists;
    }

    /**
     * Throws {@link NotFoundException} for the instance unless the tenant has it. Call under the lock.
     */
    void requireInstance(TenantId tenantId, InstanceId instanceId) {
        if (!instanceExists.test(tenantId, instanceId)) {
            throw new NotFoundException(tenantId, ResourceKind.INSTANCE, instanceId.value());
        }
    }

    /** Registers what a subsystem deletes when an instance is deleted; runs under the write lock. */
    void onInstanceDeleted(BiConsumer<TenantId, InstanceId> hook) {
        instanceDeletionHooks.add(hook);
    }

    void instanceDeleted(TenantId tenantId, InstanceId instanceId) {
        instanceDeletionHooks.forEach(h -> h.accept(tenantId, instanceId));
    }
}
