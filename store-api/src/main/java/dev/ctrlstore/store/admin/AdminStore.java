package dev.ctrlstore.store.admin;

/** STUB: to be written. */
public interface AdminStore {
}
