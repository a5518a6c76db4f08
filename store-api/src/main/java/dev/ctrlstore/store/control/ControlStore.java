package dev.ctrlstore.store.control;

import dev.ctrlstore.store.StoreUnavailableException;

import java.time.Duration;
import java.util.List;

/**
 * The center's control tables: the schema registry, the writers and their mutations, and the limits. Every change
 * commits in one transaction with its ledger entry, so a table exists at the center if and only if the entry that
 * creates it on every replica committed. Names are lower-cased, then checked against ctlstore's naming rules.
 *
 * <p>Every method throws {@link ControlException} when it refuses (its {@link ControlException.Reason} says why;
 * nothing was written) and {@link StoreUnavailableException} when the center cannot be reached (retryable).
 */
public interface ControlStore {

    /** Creates an empty family. CONFLICT if it exists. */
    void createFamily(String family);

    /** The names of every family, sorted. */
    List<String> families();

    /**
     * Creates every table in one transaction, or none: a table that exists with an identical definition is left as
     * it is (so a batch may be sent again), one that exists differently is a CONFLICT naming it, and a missing
     * family is NOT_FOUND.
     */
    void createTables(List<TableDefinition> tables);

    /** Appends {@code fields} to a table. NOT_FOUND for an unknown family or table, CONFLICT for an existing field. */
    void addFields(String family, String table, List<FieldDefinition> fields);

    /** Drops a table and its rows. NOT_FOUND when it does not exist. */
    void dropTable(String family, String table);

    /** Deletes every row of a table. NOT_FOUND when it does not exist. */
    void clearTable(String family, String table);

    /** Deletes every row of every table of a family. NOT_FOUND when it does not exist. */
    void clearFamily(String family);

    /** A table's definition (key fields in key order). NOT_FOUND when it does not exist. */
    TableDefinition table(String family, String table);

    /** The definitions of a family's tables, sorted by name. NOT_FOUND for an unknown family. */
    List<TableDefinition> tables(String family);

    /**
     * Registers a writer with its secret (kept as a salted, slow hash). Registering again with the same secret does
     * nothing; with another secret it is a CONFLICT.
     */
    void registerWriter(String writer, String secret);

    /** The writer's stored cookie (empty bytes before its first). UNAUTHORIZED for an unknown writer or secret. */
    byte[] cookie(WriterCredentials writer);

    /** Replaces the writer's cookie (at most 1024 bytes). UNAUTHORIZED for an unknown writer or secret. */
    void setCookie(WriterCredentials writer, byte[] cookie);

    /**
     * Applies a mutation request in one transaction with its ledger entry and the writer's cookie, after checking
     * every value against its field's type: UNAUTHORIZED (credentials), INVALID (names, values, missing fields),
     * NOT_FOUND (table), TOO_LARGE (more than 100 mutations), CONFLICT (check cookie), RATE_LIMITED, TABLE_FULL.
     *
     * @return the ledger seq that covers the request (0 when the center keeps no ledger): a replica at this position
     *         shows it
     */
    long mutate(WriterCredentials writer, MutationBatch batch);

    /** The table size limits. */
    TableLimits tableLimits();

    /** Sets a table's own size limits (warn ≤ max). NOT_FOUND for an unknown table. */
    void setTableLimit(String family, String table, long warnSize, long maxSize);

    /** Removes a table's own size limits. NOT_FOUND when it has none. */
    void deleteTableLimit(String family, String table);

    /** The writer rate limits. */
    WriterLimits writerLimits();

    /** Sets a writer's own rate limit. NOT_FOUND for an unknown writer. */
    void setWriterLimit(String writer, long amount, Duration period);

    /** Removes a writer's own rate limit. NOT_FOUND when it has none. */
    void deleteWriterLimit(String writer);

    /** Fails ({@link StoreUnavailableException}) unless the center answers. */
    void ping();
}
