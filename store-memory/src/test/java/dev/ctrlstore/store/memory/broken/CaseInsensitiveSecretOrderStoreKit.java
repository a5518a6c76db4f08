package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.secret.SecretMetadata;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.tck.StoreContract;

import java.util.Comparator;

/** Breaks the order of {@code secrets().list}: keys sorted ignoring case, as a locale collation would. */
public class CaseInsensitiveSecretOrderStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingSecrets(MemoryStore.create(clock()), real -> Replacing.method(
                SecretStore.class, real, "list", args -> real.list((TenantId) args[0], (InstanceId) args[1]).stream()
                        .sorted(Comparator.comparing(SecretMetadata::key, String.CASE_INSENSITIVE_ORDER)).toList()));
    }
}
