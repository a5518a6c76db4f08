package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

/** The unbroken memory store, run through the same engine as the broken ones: the control group. */
public class MemoryStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return MemoryStore.create(clock());
    }
}
