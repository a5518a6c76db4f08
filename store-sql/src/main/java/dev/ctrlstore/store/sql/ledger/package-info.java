/**
 * The replication ledger: the changes a write transaction made ({@link dev.ctrlstore.store.sql.ledger.LedgerChange},
 * row images in the generated classes' database values), one {@link dev.ctrlstore.store.sql.ledger.LedgerEntry} per
 * committed source transaction with a gap-free, commit-ordered sequence, which tables are replicated, and how a
 * reflector reads entries ({@link dev.ctrlstore.store.sql.ledger.LedgerSource}).
 */
package dev.ctrlstore.store.sql.ledger;
