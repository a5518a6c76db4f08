package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

/** Breaks the order of {@code health().listChecks}: newest first instead of oldest first. */
public class NewestFirstChecksStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingHealth(MemoryStore.create(clock()), real -> Replacing.method(
                HealthStore.class, real, "listChecks",
                args -> real.listChecks((TenantId) args[0], (InstanceId) args[1]).reversed()));
    }

}
