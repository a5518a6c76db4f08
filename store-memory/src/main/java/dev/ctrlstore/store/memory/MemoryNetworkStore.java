package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.network.NetworkStore;

/** STUB: to be written. */
final class MemoryNetworkStore implements NetworkStore {
    private final MemoryState state;

    MemoryNetworkStore(MemoryState state) {
        this.state = state;
    }
}
