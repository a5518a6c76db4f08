package dev.ctrlstore.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The running parts of a daemon, closed in reverse order of start: servers stop accepting and finish what is in
 * flight before the stores under them close, and the reflector finishes or rolls back its batch.
 */
final class Parts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("ctrlstore");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Signals signals = new Signals();

    /** Registers a started part and returns it. */
    <T extends AutoCloseable> T add(T part) {
        started.push(part);
        return part;
    }

    /** Prints the ready line(s) on stdout, then blocks until SIGINT or SIGTERM. */
    void ready(String line) throws InterruptedException {
        System.out.println(line);
        System.out.flush();
        String signal = signals.await();
        LOG.info("{} received: stopping", signal);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part, e.toString());
            }
        }
        LOG.info("stopped");
    }
}
