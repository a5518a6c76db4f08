package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.secret.SecretStore;

/** STUB: to be written. */
final class MemorySecretStore implements SecretStore {
    private final MemoryState state;

    MemorySecretStore(MemoryState state) {
        this.state = state;
    }
}
