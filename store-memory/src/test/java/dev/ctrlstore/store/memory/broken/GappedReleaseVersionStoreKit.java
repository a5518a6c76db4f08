package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

/** Breaks {@code deployments().nextReleaseVersion}: it counts the releases + 1 instead of taking the highest + 1. */
public class GappedReleaseVersionStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingDeployments(MemoryStore.create(clock()), real -> Replacing.method(
                DeploymentStore.class, real, "nextReleaseVersion", args -> {
                    TenantId tenant = (TenantId) args[0];
                    InstanceId instance = (InstanceId) args[1];
                    real.nextReleaseVersion(tenant, instance); // keeps the argument checks
                    return real.listReleases(tenant, instance, PageRequest.first(PageRequest.MAX_LIMIT)).items().size()
                            + 1;
                }));
    }
}
