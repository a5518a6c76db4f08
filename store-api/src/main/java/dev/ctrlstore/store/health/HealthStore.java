package dev.ctrlstore.store.health;

/** STUB: to be written. */
public interface HealthStore {
}
