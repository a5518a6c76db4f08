package dev.ctrlstore.store.network;

/** STUB: to be written. */
public interface NetworkStore {
}
