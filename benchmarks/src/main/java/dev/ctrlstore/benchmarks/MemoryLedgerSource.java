package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerHead;
import dev.ctrlstore.store.sql.ledger.LedgerSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * A ledger held in this JVM, for measuring the reflector's apply path without a center's network and disk: entry
 * {@code seq} is made on demand by {@code entryAt}, and entries up to {@link #publish published} are readable.
 * {@link #awaitAppend} returns as soon as entries past the last read are published, as a center's notification
 * would wake it.
 */
final class MemoryLedgerSource implements LedgerSource {
    private final String centerId;
    private final LongFunction<LedgerEntry> entryAt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private volatile long head;
    /** The last seq {@link #read} returned: a publish after it wakes the reader even if it came before the wait. */
    private volatile long readUpTo;

    /** @param entryAt the entry with the given seq (from 1); called by {@link #read}, on the reader's thread */
    MemoryLedgerSource(String centerId, LongFunction<LedgerEntry> entryAt) {
        this.centerId = centerId;
        this.entryAt = entryAt;
    }

    /** Makes every entry up to {@code seq} readable and wakes a waiting reader. */
    void publish(long seq) {
        lock.lock();
        try {
            head = seq;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long headSeq() {
        return head;
    }

    @Override
    public LedgerHead head() {
        return new LedgerHead(head, centerId, 1);
    }

    @Override
    public List<LedgerEntry> read(long afterSeq, int max) {
        long last = Math.min(head, afterSeq + max);
        List<LedgerEntry> entries = new ArrayList<>((int) Math.max(0, last - afterSeq));
        for (long seq = afterSeq + 1; seq <= last; seq++) {
            entries.add(entryAt.apply(seq));
        }
        readUpTo = Math.max(afterSeq, last);
        return entries;
    }

    @Override
    public void awaitAppend(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (head <= readUpTo && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
    }
}
