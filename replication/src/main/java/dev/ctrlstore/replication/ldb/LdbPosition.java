package dev.ctrlstore.replication.ldb;

import java.time.Instant;

/**
 * How far an LDB has applied the ledger, as its {@code ldb_position} row says; written in the same SQLite transaction
 * as the data it covers.
 *
 * @param seq the last applied entry's number
 * @param centerId the id of the center whose ledger this LDB follows
 * @param committedAt when that entry was appended at the center (the center's clock)
 * @param appliedAt when this LDB applied it (the applying process's clock)
 */
public record LdbPosition(long seq, String centerId, Instant committedAt, Instant appliedAt) {
}
