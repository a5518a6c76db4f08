package dev.ctrlstore.store.sql.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One committed source transaction, as the ledger holds it: a replica applies it all or nothing.
 *
 * @param seq its number: gap-free and in commit order, from 1
 * @param committedAt the center's clock when it was appended (microseconds)
 * @param schemaVersion the migration version its row images were written under
 * @param origin the API call that wrote it, e.g. {@code instances().update}
 * @param changes its changes in execution order
 */
public record LedgerEntry(long seq, Instant committedAt, int schemaVersion, String origin, List<LedgerChange> changes) {
    public LedgerEntry {
        changes = List.copyOf(changes);
    }
}
