package dev.ctrlstore.store.secret;

/** STUB: to be written. */
public interface SecretStore {
}
