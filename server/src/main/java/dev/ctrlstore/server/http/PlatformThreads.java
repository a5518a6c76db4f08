package dev.ctrlstore.server.http;

import dev.ctrlstore.store.internal.Checks;
import io.helidon.webserver.http.Handler;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs route handlers that block on JDBC on platform threads. On a virtual thread every socket read of the driver
 * parks and is woken through the JDK's poller, a hand-off per database round trip: a mutation request (several round
 * trips) measured about 300 us slower on a virtual thread than on a platform thread. With this the request's virtual
 * thread hands off once. Threads are made on demand up to a maximum and end after a minute idle; past the maximum a
 * handler runs on the request's own thread, so a burst is never refused or queued here.
 */
public final class PlatformThreads implements AutoCloseable {
    private final ThreadPoolExecutor pool;

    /**
     * @param name the threads' name prefix
     * @param max how many handlers run on platform threads at once, 1 to 10,000
     * @throws dev.ctrlstore.store.InvalidArgumentException for a null name or a max out of range
     */
    public PlatformThreads(String name, int max) {
        Checks.notNull(name, "name");
        Checks.range(max, 1, 10_000, "max");
        AtomicInteger made = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), work -> {
            Thread t = new Thread(work, name + "-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (work, executor) -> work.run()); // all busy, or closed: run on the caller rather than drop the request
    }

    /** {@code handler}, run on one of these threads while the request's thread waits for it. */
    public Handler wrap(Handler handler) {
        return (req, res) -> {
            Future<Void> done = pool.submit(() -> {
                handler.handle(req, res);
                return null;
            });
            try {
                done.get();
            } catch (ExecutionException e) {
                // The handler's own exception, for the error mapping to answer as if it had been thrown here.
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw (Error) e.getCause();
            } catch (InterruptedException e) {
                // The server is stopping: the handler finishes on its own thread (a write is never cut halfway).
                Thread.currentThread().interrupt();
                throw new HttpError(503, "the server is stopping; retry the request");
            }
        };
    }

    /** Stops making threads; handlers still running finish. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
