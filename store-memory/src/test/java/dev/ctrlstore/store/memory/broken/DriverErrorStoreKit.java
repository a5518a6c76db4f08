package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.tck.StoreContract;

/**
 * Breaks {@code secrets().count}: it lets a raw driver-style exception out instead of a {@code StoreException}. The
 * failures come from the store, not from an assertion, and must still name their rule.
 */
public class DriverErrorStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingSecrets(MemoryStore.create(clock()), real -> Replacing.method(
                SecretStore.class, real, "count", args -> {
                    real.count((TenantId) args[0]); // keeps the argument check
                    throw new IllegalStateException("I/O error on socket: connection reset");
                }));
    }
}
