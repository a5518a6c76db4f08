package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.tck.StoreContract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Breaks copy semantics of {@code network().listRoutes}: it hands out its own cached, mutable list, which later
 * inserts change and which a caller can change.
 */
public class AliasingStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingNetwork(MemoryStore.create(clock()), real -> aliasing(real));
    }

    private static NetworkStore aliasing(NetworkStore real) {
        return new ForwardingNetworkStore(real) {
            private final Map<InstanceId, List<Route>> cache = new ConcurrentHashMap<>();

            @Override
            public Route insertRoute(Route route) {
                Route stored = delegate.insertRoute(route);
                List<Route> cached = cache.get(stored.instanceId());
                if (cached != null) {
                    cached.add(stored);
                }
                return stored;
            }

            @Override
            public List<Route> listRoutes(TenantId tenantId, InstanceId instanceId) {
                List<Route> fresh = delegate.listRoutes(tenantId, instanceId);
                List<Route> cached = cache.computeIfAbsent(instanceId, k -> new ArrayList<>());
                cached.clear();
                cached.addAll(fresh);
                return cached;
            }
        };
    }
}
