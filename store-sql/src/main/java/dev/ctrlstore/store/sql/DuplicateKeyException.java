package dev.ctrlstore.store.sql;

/**
 * A unique key was violated; thrown by a {@link SqlDatabase} inside a write, and always caught by the store that
 * issued the write ({@code SqlSubsystem}), which knows the tenant, the id and the value to report in an
 * {@code AlreadyExistsException}. Never crosses the API.
 */
public final class DuplicateKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient UniqueKeys.Key key;

    /** @param key the violated key, found by constraint name or column list (never by message text) */
    public DuplicateKeyException(UniqueKeys.Key key, Throwable cause) {
        super("duplicate key " + key.table().getName() + " " + key.name() + " " + key.columns(), cause);
        this.key = key;
    }

    public UniqueKeys.Key key() {
        return key;
    }

    /** The API field the key protects ({@code id}, {@code slug}, ...); null for a key the database fills. */
    public String field() {
        return key.field();
    }
}
