package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.tck.StoreContract;

import java.util.Locale;

/** Breaks {@code network().getDomainByHostname}: it lower-cases the hostname instead of rejecting upper case. */
public class CaseFoldingHostnameStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingNetwork(MemoryStore.create(clock()), real -> Replacing.method(
                NetworkStore.class, real, "getDomainByHostname", args -> {
                    String hostname = (String) args[1];
                    return real.getDomainByHostname((TenantId) args[0],
                            hostname == null ? null : hostname.toLowerCase(Locale.ROOT));
                }));
    }
}
