package dev.ctrlstore.store.sql.ledger;

/**
 * Where a center's ledger stands.
 *
 * @param seq the last number handed out (0 before the first replicated write)
 * @param centerId the center's random id: a replica refuses to follow a center it was not built from
 * @param retainedFrom the lowest seq still held (entries below it were pruned)
 */
public record LedgerHead(long seq, String centerId, long retainedFrom) {
}
