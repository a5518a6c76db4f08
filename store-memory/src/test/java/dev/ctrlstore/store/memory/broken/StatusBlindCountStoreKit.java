package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.admin.TenantStatus;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

/** Breaks {@code admin().countTenantsByStatus}: it counts every tenant, whatever the status. */
public class StatusBlindCountStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingAdmin(MemoryStore.create(clock()), real -> Replacing.method(
                AdminStore.class, real, "countTenantsByStatus", args -> {
                    real.countTenantsByStatus((TenantStatus) args[0]); // keeps the argument check
                    return real.countTenants();
                }));
    }
}
