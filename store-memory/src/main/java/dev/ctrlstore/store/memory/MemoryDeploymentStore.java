package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.deploy.DeploymentStore;

/** STUB: to be written. */
final class MemoryDeploymentStore implements DeploymentStore {
    private final MemoryState state;

    MemoryDeploymentStore(MemoryState state) {
        this.state = state;
    }
}
