package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.health.HealthStore;

/** STUB: to be written. */
final class MemoryHealthStore implements HealthStore {
    private final MemoryState state;

    MemoryHealthStore(MemoryState state) {
        this.state = state;
    }
}
