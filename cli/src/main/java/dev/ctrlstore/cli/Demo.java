package dev.ctrlstore.cli;

import dev.ctrlstore.replication.control.LdbReader;
import dev.ctrlstore.server.client.ExecutiveClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code dev --demo}: writes a row of {@code demo.ticks} a few times a second through the executive and measures, for
 * each, how long the write took to be answered (it has committed at the center then) and how much longer until the
 * LDB had applied its ledger entry; every few seconds it prints how many it wrote with medians and the maximum lag.
 */
final class Demo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("ctrlstore.demo");
    static final String FAMILY = "demo";
    static final String TABLE = "ticks";
    static final String WRITER = "demo";

    private final ExecutiveClient client;
    private final String secret;
    private final LdbReader ldb;
    private final Duration every;
    private final Duration report;
    private final Thread thread;
    private volatile boolean closed;

    Demo(ExecutiveClient client, String secret, Path ldb, Duration every, Duration report) {
        this.client = client;
        this.secret = secret;
        this.ldb = LdbReader.open(ldb);
        this.every = every;
        this.report = report;
        client.registerWriter(WRITER, secret);
        client.createFamilyIfMissing(FAMILY);
        client.createTableIfMissing(FAMILY, TABLE, List.of(List.of("id", "integer"), List.of("written_at", "integer"),
                List.of("note", "string")), List.of("id"));
        this.thread = Thread.ofPlatform().daemon().name("ctrlstore-demo").start(this::run);
    }

    private void run() {
        List<Long> writes = new ArrayList<>();
        List<Long> lags = new ArrayList<>();
        long windowStart = System.nanoTime();
        long n = 0;
        long seq = 0;
        while (!closed) {
            long sent = System.nanoTime();
            try {
                seq = client.upsert(FAMILY, WRITER, secret, TABLE, Map.of("id", n % 100, "written_at",
                        System.currentTimeMillis(), "note", "tick " + n));
                long answered = System.nanoTime();
                ldb.awaitPosition(seq, Duration.ofSeconds(10));
                writes.add(answered - sent);
                lags.add(System.nanoTime() - answered);
                n++;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("demo write failed: {}", e.getMessage());
            }
            if (System.nanoTime() - windowStart >= report.toNanos()) {
                print(writes, lags, System.nanoTime() - windowStart, seq);
                writes.clear();
                lags.clear();
                windowStart = System.nanoTime();
            }
            sleep(every);
        }
    }

    private static void print(List<Long> writes, List<Long> lags, long windowNanos, long seq) {
        if (lags.isEmpty()) {
            System.out.println("demo: no write reached the LDB in the last " + windowNanos / 1_000_000_000 + " s");
            return;
        }
        Collections.sort(writes);
        Collections.sort(lags);
        System.out.printf("demo: %d writes in %.1f s; write answered in p50 %.1f ms; then in the LDB after p50 %.1f ms,"
                + " max %.1f ms (seq %d)%n", lags.size(), windowNanos / 1e9, writes.get(writes.size() / 2) / 1e6,
                lags.get(lags.size() / 2) / 1e6, lags.getLast() / 1e6, seq);
        System.out.flush();
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(Duration.ofSeconds(15));
        ldb.close();
    }
}
