package dev.ctrlstore.store;

/**
 * The backend could not be reached or the operation lost a race it may win next time (timeout, lost connection,
 * serialization failure, deadlock). The operation had no effect; it is safe to retry.
 */
public final class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done and why
     * @param cause the driver's exception
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, null, ResourceKind.STORE, null, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
