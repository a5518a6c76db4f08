package dev.ctrlstore.store.tck;

/** STUB: to be written. */
public abstract class SecretStoreContract extends ContractSupport {
}
