package dev.ctrlstore.store;

/** The store was closed; every call after {@link Store#close()} fails with this. Retrying will not help. */
public final class StoreClosedException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param storeDescription which store, e.g. {@code memory store} or a file path */
    public StoreClosedException(String storeDescription) {
        super(storeDescription + " is closed; create a new store to continue", null, ResourceKind.STORE, null, null);
    }
}
