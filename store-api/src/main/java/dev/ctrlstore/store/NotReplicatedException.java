package dev.ctrlstore.store;

/**
 * A read that a local replica cannot answer because it does not hold that kind of data: secrets never leave the
 * center, and history (health results, telemetry, the audit log) stays there. Not retryable on the replica: call the
 * same method on a store over the center.
 */
public final class NotReplicatedException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * @param storeDescription the replica, as in "LDB /var/lib/ctrlstore/ldb.db"
     * @param operation the read that was refused, as in "secrets().get"
     * @param resource the kind of data it would have read
     * @param what that data in plain words, as in "secrets"
     * @param why why the replica does not hold it
     */
    public NotReplicatedException(String storeDescription, String operation, ResourceKind resource, String what,
            String why) {
        super(storeDescription + " is a replica and holds no " + what + " (" + why + "), so " + operation
                + " cannot be answered here; call it on a store over the center", null, resource, null, null);
        this.operation = operation;
    }

    /** The read that was refused, as in {@code secrets().get}. */
    public String operation() {
        return operation;
    }
}
