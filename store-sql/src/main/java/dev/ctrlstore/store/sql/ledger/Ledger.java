package dev.ctrlstore.store.sql.ledger;

import java.util.List;

/** A center's own view of its ledger ({@code SqlStore.ledger()}): where it stands and its entries. */
public interface Ledger {

    /** The ledger's head: the last number handed out, the center's id, the lowest seq still held. */
    LedgerHead head();

    /** Up to {@code max} entries with seq &gt; {@code afterSeq}, in seq order (fewer, or none, at the head). */
    List<LedgerEntry> read(long afterSeq, int max);
}
