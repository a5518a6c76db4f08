package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.admin.AdminStore;

/** STUB: to be written. */
final class MemoryAdminStore implements AdminStore {
    private final MemoryState state;

    MemoryAdminStore(MemoryState state) {
        this.state = state;
    }
}
