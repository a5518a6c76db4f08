package dev.ctrlstore.store;

/**
 * A write was called on a store opened read-only (for example a local replica that only its reflector may change).
 * Nothing was written. Not retryable: write through a store opened for writing instead.
 */
public final class ReadOnlyStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param storeDescription the store, as in "SQLite store /var/lib/ctrlstore/ldb.db"
     * @param operation the write that was refused, as in "instances().insert"
     */
    public ReadOnlyStoreException(String storeDescription, String operation) {
        super(storeDescription + " is open read-only, so " + operation + " was refused and nothing was written;"
                + " write through a store opened for writing", null, ResourceKind.STORE, null, null);
    }
}
