package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.tck.StoreContract;

class MemoryStoreContractTest extends StoreContract {
    @Override
    protected Store createStore() {
        return MemoryStore.create(clock());
    }
}
