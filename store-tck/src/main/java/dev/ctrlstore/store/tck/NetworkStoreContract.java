package dev.ctrlstore.store.tck;

/** STUB: to be written. */
public abstract class NetworkStoreContract extends ContractSupport {
}
