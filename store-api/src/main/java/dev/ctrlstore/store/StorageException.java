package dev.ctrlstore.store;

/**
 * The storage under a store is unusable or failed in a way no other exception describes: a file that is not a
 * database, a schema newer than this code, a full disk, missing configuration. Not retryable as it is; the message
 * says what was found and what to do.
 */
public final class StorageException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, null, ResourceKind.STORE, null, cause);
    }

    public StorageException(String message) {
        this(message, null);
    }
}
