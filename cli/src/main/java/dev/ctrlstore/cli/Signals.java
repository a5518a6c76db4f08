package dev.ctrlstore.cli;

import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;

/**
 * Waits for SIGINT or SIGTERM so a daemon can stop its parts in order and exit 0. Handling the signals itself (not a
 * shutdown hook) is what lets the process end with 0 rather than 128 + the signal's number.
 */
final class Signals {
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String received;

    Signals() {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> {
                received = "SIG" + s.getName();
                stop.countDown();
            });
        }
    }

    /** Blocks until a signal arrives (or {@link #stop()}), then returns its name. */
    String await() throws InterruptedException {
        stop.await();
        return received == null ? "stop" : received;
    }

    /** Ends {@link #await()} without a signal (a part failed). */
    void stop() {
        stop.countDown();
    }
}
