package dev.ctrlstore.store.sql.ledger;

import java.time.Duration;
import java.util.List;

/**
 * Where a reflector reads the ledger from: a center's database over JDBC (its primary or a read replica), or, later,
 * the write service over HTTP. Implementations throw {@link dev.ctrlstore.store.StoreUnavailableException} when the
 * center cannot be reached, and are used from one thread at a time.
 */
public interface LedgerSource extends AutoCloseable {

    /** The center's ledger head. */
    LedgerHead head();

    /** Up to {@code max} entries with seq &gt; {@code afterSeq}, in seq order (fewer, or none, at the head). */
    List<LedgerEntry> read(long afterSeq, int max);

    /**
     * Waits up to {@code timeout} for a hint that new entries were appended; returns early on one. Hints are lossy
     * (a reader must also poll); a source without hints just sleeps.
     */
    void awaitAppend(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
