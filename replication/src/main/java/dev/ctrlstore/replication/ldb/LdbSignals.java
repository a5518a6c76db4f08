package dev.ctrlstore.replication.ldb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-process wake-ups for readers of an LDB: a reflector calls {@link #applied} after each committed batch, and a
 * reader waiting for a position ({@code awaitPosition}) returns as soon as it is applied instead of on its next poll.
 * Keyed by the LDB's canonical path, so every spelling of the same file meets on one signal. A signal only knows what
 * was applied in this process; a reader in another process polls the file's position instead.
 */
public final class LdbSignals {
    private static final ConcurrentMap<Path, Signal> SIGNALS = new ConcurrentHashMap<>();
    /** The paths as callers spell them, to the signal of their canonical path: canonicalising costs system calls. */
    private static final ConcurrentMap<Path, Signal> BY_SPELLING = new ConcurrentHashMap<>();

    private LdbSignals() {
    }

    /** Records that entries up to {@code seq} are committed in {@code ldb}, and wakes every waiter they satisfy. */
    public static void applied(Path ldb, long seq) {
        signal(ldb).advance(seq);
    }

    /**
     * Waits until a batch reaching {@code seq} is signalled for {@code ldb} in this process, or {@code timeout}
     * passes.
     *
     * @return whether it was signalled (a signal from before the call counts)
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static boolean await(Path ldb, long seq, Duration timeout) throws InterruptedException {
        return signal(ldb).await(seq, timeout.toNanos());
    }

    /** The highest seq signalled for {@code ldb} in this process; 0 when none was. */
    public static long latest(Path ldb) {
        return signal(ldb).seq;
    }

    private static Signal signal(Path ldb) {
        Signal signal = BY_SPELLING.get(ldb);
        if (signal == null) {
            signal = SIGNALS.computeIfAbsent(canonical(ldb), p -> new Signal());
            BY_SPELLING.putIfAbsent(ldb, signal);
        }
        return signal;
    }

    private static Path canonical(Path ldb) {
        Path absolute = ldb.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            // Not created yet: resolve the folder's links, as the real path of the file will.
            Path folder = absolute.getParent();
            try {
                return folder == null ? absolute : folder.toRealPath().resolve(absolute.getFileName());
            } catch (IOException noFolder) {
                return absolute;
            }
        }
    }

    private static final class Signal {
        private volatile long seq;

        synchronized void advance(long applied) {
            if (applied > seq) {
                seq = applied;
                notifyAll();
            }
        }

        boolean await(long target, long timeoutNanos) throws InterruptedException {
            if (seq >= target) {
                return true;
            }
            long deadline = System.nanoTime() + timeoutNanos;
            synchronized (this) {
                while (seq < target) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
                return true;
            }
        }
    }
}
