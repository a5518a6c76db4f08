package dev.ctrlstore.store.sql;

/**
 * A unique key was violated; thrown by a {@link SqlDatabase} inside a write, and always caught by the store that
 * issued the write, which knows the tenant, the id and the value to report in an
 * {@code AlreadyExistsException}. Never crosses the API.
 */
public final class DuplicateKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final String column;

    /**
     * @param table the table, e.g. {@code instances}
     * @param column the last column of the violated key, which names it: {@code id}, {@code slug}, ...
     */
    public DuplicateKeyException(String table, String column, Throwable cause) {
        super("duplicate key " + table + "." + column, cause);
        this.table = table;
        this.column = column;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }
}
