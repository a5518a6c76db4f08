package dev.ctrlstore.store.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells listening reflectors that the ledger grew: {@code NOTIFY ctrlstore_ledger, '<seq>'}, sent after the
 * appending transaction committed, from a thread of its own, with the newest seq committed by then, at most once
 * per {@link #INTERVAL_NANOS}: at once after a quiet interval, and under load one for all that committed meanwhile.
 * Never in the write transaction: a notifying transaction takes a global lock at commit, which cost a quarter of
 * the write throughput. Notifications are hints (readers also poll, and a standby delivers none), so a failed one
 * is logged and dropped.
 */
final class LedgerNotifier implements AutoCloseable {
    /** The channel reflectors LISTEN on. */
    static final String CHANNEL = "ctrlstore_ledger";
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Logger LOG = LoggerFactory.getLogger(LedgerNotifier.class);
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', ?)";

    private final DataSource dataSource;
    private final String description;
    private final AtomicLong newest = new AtomicLong();
    private volatile Thread thread;
    /**
     * Whether the thread is parked waiting for a commit. Only then does a commit wake it: while it waits out the
     * coalescing interval a wake-up would only make it park again, a context switch per commit.
     */
    private volatile boolean idle;
    private volatile boolean closed;
    private boolean failing;

    LedgerNotifier(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /** Entry {@code seq} committed: a notification with it (or a newer seq) follows within the interval. */
    void committed(long seq) {
        newest.accumulateAndGet(seq, Math::max);
        Thread t = thread;
        if (t == null) {
            t = start();
        }
        if (idle) {
            LockSupport.unpark(t);
        }
    }

    private synchronized Thread start() {
        if (thread == null && !closed) {
            Thread t = new Thread(this::run, "ctrlstore-ledger-notifier");
            t.setDaemon(true);
            t.start();
            thread = t;
        }
        return thread;
    }

    private void run() {
        long sent = 0;
        long lastSend = System.nanoTime() - INTERVAL_NANOS;
        while (!closed) {
            long seq = newest.get();
            if (seq <= sent) {
                idle = true;
                // Read again after announcing: a commit that saw idle false published its seq before this read.
                if (newest.get() <= sent) {
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            // At most one notification per interval: the first commit after a quiet interval goes out at once, and
            // under load whatever commits until the interval ends goes out in one notification.
            long until = lastSend + INTERVAL_NANOS;
            if (System.nanoTime() - until < 0) {
                LockSupport.parkNanos(this, until - System.nanoTime());
                continue;
            }
            lastSend = System.nanoTime();
            send(seq);
            sent = seq;
        }
    }

    private void send(long seq) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(NOTIFY)) {
            ps.setString(1, Long.toString(seq));
            ps.execute();
            if (!c.getAutoCommit()) {
                c.commit(); // a caller's pool outside autocommit: the notification goes out at commit
            }
            if (failing) {
                failing = false;
                LOG.info("{}: ledger notifications are sent again", description);
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("{}: could not notify reflectors of ledger entry {} ({}); they still find it by polling",
                        description, seq, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
