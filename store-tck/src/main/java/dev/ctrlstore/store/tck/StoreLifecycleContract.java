package dev.ctrlstore.store.tck;

/** STUB: lifecycle rules (L-n), to be written. */
public abstract class StoreLifecycleContract extends ContractSupport {
}
