package dev.ctrlstore.replication.reflector;

import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerHead;
import dev.ctrlstore.store.sql.ledger.LedgerSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger held in a list: what a center would serve, with switches for an outage, another center id and pruning.
 * Appending wakes a waiting reader, as a center's notification does.
 */
final class ListLedgerSource implements LedgerSource {
    private final List<LedgerEntry> entries = new ArrayList<>();
    private String centerId = "center-1";
    private long retainedFrom = 1;
    private long head;
    private boolean down;
    private boolean closed;
    private int hints;
    private int refused;

    synchronized ListLedgerSource append(List<LedgerEntry> appended) {
        for (LedgerEntry e : appended) {
            entries.add(e);
            head = Math.max(head, e.seq());
        }
        hints++;
        notifyAll();
        return this;
    }

    synchronized ListLedgerSource append(LedgerEntry... appended) {
        return append(List.of(appended));
    }

    /** Makes the head claim {@code seq} without entries (a ledger whose entries went missing). */
    synchronized ListLedgerSource head(long seq) {
        head = seq;
        return this;
    }

    synchronized ListLedgerSource centerId(String id) {
        centerId = id;
        return this;
    }

    synchronized ListLedgerSource retainedFrom(long seq) {
        retainedFrom = seq;
        return this;
    }

    synchronized ListLedgerSource down(boolean isDown) {
        down = isDown;
        notifyAll();
        return this;
    }

    /** How many calls failed because the center was down. */
    synchronized int refused() {
        return refused;
    }

    synchronized boolean closed() {
        return closed;
    }

    @Override
    public synchronized LedgerHead head() {
        reachable();
        return new LedgerHead(head, centerId, retainedFrom);
    }

    @Override
    public synchronized List<LedgerEntry> read(long afterSeq, int max) {
        reachable();
        return entries.stream().filter(e -> e.seq() > afterSeq && e.seq() >= retainedFrom).limit(max).toList();
    }

    @Override
    public synchronized void awaitAppend(Duration timeout) throws InterruptedException {
        int seen = hints;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); hints == seen && left > 0; left = deadline - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void reachable() {
        if (down) {
            refused++;
            throw new StoreUnavailableException("test center is down", null);
        }
    }
}
