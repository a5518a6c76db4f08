package dev.ctrlstore.benchmarks;

import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.replication.replica.LdbStore;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.ledger.LedgerMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Replication lag at a steady write rate, measured end to end and not with JMH (it is a latency under a fixed
 * load, not a throughput): a {@code PostgresStore} center with the ledger in {@code SYNC} mode, a reflector reading
 * it through {@link JdbcLedgerSource} (woken by the center's notifications, polling once a second), and an
 * {@link LdbStore} on its LDB. One thread inserts an instance at a fixed rate and records each write's commit
 * latency (the call, until it returns) and its ledger position; another waits for each position with
 * {@code awaitPosition} and records the lag: from the write's return to the moment the LDB can read it. The first
 * tenth of the run warms up and is not recorded.
 */
final class ReplicationLag {

    /** Latencies of the recorded writes, in nanoseconds, sorted. */
    record Result(int ratePerSecond, Duration duration, long[] commitNanos, long[] lagNanos) {
        double commitMicros(double percentile) {
            return percentile(commitNanos, percentile) / 1000.0;
        }

        double lagMicros(double percentile) {
            return percentile(lagNanos, percentile) / 1000.0;
        }

        /** The table's rows: lag p50 and p99, each beside the commit latency p50 of the same writes. */
        List<String> rows() {
            String note = String.format(Locale.ROOT, "%d writes at %d/s for %d s; commit p99 %s us",
                    lagNanos.length, ratePerSecond, duration.toSeconds(), Ratios.fmt(commitMicros(99)));
            return List.of(row("p50", 50, 3.0, note), row("p99", 99, 10.0, note));
        }

        private String row(String statistic, double percentile, double target, String note) {
            double ratio = lagMicros(percentile) / commitMicros(50);
            return String.format(Locale.ROOT, "| replication lag %s, write returned → readable in the LDB"
                            + " | commit latency p50 of the same writes | %s %s us | %s us | **%sx** | ≤ %sx"
                            + " | %s; %s |",
                    statistic, statistic, Ratios.fmt(lagMicros(percentile)), Ratios.fmt(commitMicros(50)),
                    Ratios.fmt(ratio), Ratios.fmt(target), ratio <= target ? "met" : "MISSED", note);
        }
    }

    /** One recorded write: its ledger position and when its call returned. */
    private record Write(long seq, long returnedAt) {
    }

    private ReplicationLag() {
    }

    /**
     * Writes {@code ratePerSecond} instances a second for {@code duration} (plus a tenth for warm-up) into a fresh
     * schema of {@code server}, replicated into an LDB under {@code dir}; removes both at the end.
     */
    static Result measure(Fixtures.Postgres server, int ratePerSecond, Duration duration, Path dir) throws Exception {
        String schema = "lag_" + ProcessHandle.current().pid();
        Path ldb = dir.resolve(schema + ".ldb");
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        int warmup = (int) Math.max(1, duration.toNanos() / 10 / interval);
        int recorded = (int) Math.max(1, duration.toNanos() / interval);
        long[] commit = new long[recorded];
        long[] lag = new long[recorded];
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(server.url()).user(server.user())
                .password(server.password()).schema(schema).poolSize(4).ledger(LedgerMode.SYNC).build()) {
            center.migrate();
            TenantId tenant = center.admin().insertTenant(Fixtures.tenant(0)).id();
            try (JdbcLedgerSource source = JdbcLedgerSource.builder().jdbcUrl(server.url()).user(server.user())
                    .password(server.password()).schema(schema).listen(true).build();
                 Reflector reflector = Reflector.builder().ldb(ldb).source(source).build().start();
                 LdbStore replica = LdbStore.builder().path(ldb).build()) {
                replica.awaitPosition(center.ledgerPosition(), Duration.ofMinutes(1));
                AtomicReference<RuntimeException> failure = new AtomicReference<>();
                BlockingQueue<Write> written = new ArrayBlockingQueue<>(warmup + recorded);
                Thread observer = Thread.ofPlatform().name("lag-observer").start(() -> {
                    for (int i = 0; i < warmup + recorded; i++) {
                        try {
                            Write w = written.take();
                            replica.awaitPosition(w.seq(), Duration.ofSeconds(30));
                            long readable = System.nanoTime();
                            if (i >= warmup) {
                                lag[i - warmup] = Math.max(0, readable - w.returnedAt());
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (RuntimeException e) {
                            failure.set(e);
                            return;
                        }
                    }
                });
                long start = System.nanoTime();
                for (int i = 0; i < warmup + recorded; i++) {
                    // A fixed schedule: a slow write delays the next one but does not lower the rate after it.
                    long due = start + i * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    long t0 = System.nanoTime();
                    center.instances().insert(Fixtures.instance(tenant, "lag-" + i));
                    long t1 = System.nanoTime();
                    written.add(new Write(center.ledgerPosition(), t1));
                    if (i >= warmup) {
                        commit[i - warmup] = t1 - t0;
                    }
                }
                observer.join(Duration.ofMinutes(1));
                if (failure.get() != null) {
                    throw new IllegalStateException("waiting for a write to reach the LDB failed; reflector state: "
                            + reflector.state(), failure.get());
                }
                if (observer.isAlive()) {
                    observer.interrupt();
                    throw new IllegalStateException("the LDB did not catch up with the last write within a minute;"
                            + " reflector state: " + reflector.state());
                }
            }
        } finally {
            Fixtures.dropPostgresSchema(server, schema);
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(ldb + suffix));
            }
        }
        Arrays.sort(commit);
        Arrays.sort(lag);
        return new Result(ratePerSecond, duration, commit, lag);
    }

    /** The value below which {@code percentile} % of {@code sorted} lie (nearest rank). */
    static long percentile(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
