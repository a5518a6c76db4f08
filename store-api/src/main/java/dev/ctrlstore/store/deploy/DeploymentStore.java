package dev.ctrlstore.store.deploy;

/** STUB: to be written. */
public interface DeploymentStore {
}
