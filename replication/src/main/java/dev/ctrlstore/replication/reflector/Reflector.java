package dev.ctrlstore.replication.reflector;

import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.replication.ldb.LdbPosition;
import dev.ctrlstore.replication.ldb.LdbSignals;
import dev.ctrlstore.replication.reflector.ReflectorState.Phase;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerHead;
import dev.ctrlstore.store.sql.ledger.LedgerQueries;
import dev.ctrlstore.store.sql.ledger.LedgerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Follows a center's ledger and applies it to an LDB: reads batches after the LDB's position and applies each in one
 * SQLite transaction together with the new position, so a crash at any instant loses and repeats nothing.
 *
 * <pre>{@code
 * try (Reflector reflector = Reflector.builder()
 *         .ldb(Path.of("/var/lib/ctrlstore/ldb.db"))
 *         .source(JdbcLedgerSource.builder().jdbcUrl(url).user(user).password(password).build())
 *         .build().start()) {
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Woken by the source's append hints, with a poll fallback ({@link Builder#pollInterval}, ± 25 % jitter).</li>
 *   <li>Starts and serves without the center: opening needs only the file; an unreachable center is retried with
 *       capped exponential back-off, logged once as WARN per outage and once as INFO on recovery.</li>
 *   <li>Halts (logged as ERROR, {@link Phase#HALTED}) on what retrying cannot fix: a gap in the ledger, entries of
 *       another center, a position ahead of the center's head or below what it still holds, a schema newer than this
 *       code ("upgrade the reflector"). Nothing is skipped; the LDB stays readable at its position.</li>
 *   <li>Owns the LDB's WAL checkpoints: none on commit; after a batch (and when idle), once the WAL passes
 *       {@link Builder#walTarget}, a TRUNCATE that waits at most 100 ms for readers; while a reader pins the WAL
 *       longer, PASSIVE checkpoints that never wait, and the bounded TRUNCATE again above
 *       {@link Builder#walHardCap}.</li>
 *   <li>Signals {@link LdbSignals#applied} after every committed batch.</li>
 * </ul>
 *
 * It runs on one daemon thread from {@link #start()} to {@link #close()}, which also closes the source.
 */
public final class Reflector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reflector.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    private final Path path;
    private final LedgerSource source;
    private final Duration pollInterval;
    private final int batchSize;
    private final long walTarget;
    private final long walHardCap;
    private final Clock clock;
    private final Object meterRegistry;
    private final Object sleeper = new Object();

    private Ldb ldb;
    private Thread thread;
    private AutoCloseable meters;
    private volatile boolean closed;
    private volatile boolean waiting;

    private volatile Phase phase = Phase.NEW;
    private volatile long position;
    private volatile Instant sourceCommittedAt;
    private volatile boolean caughtUp;
    private volatile long batches;
    private volatile long entries;
    private volatile String lastError;
    private volatile long walBytes;
    private volatile long walPinnedSinceNanos = -1;
    private volatile boolean centerReachable;
    private long rateWindowStart = System.nanoTime();
    private long rateWindowEntries;
    private volatile double entriesPerSecond;
    private volatile long lastRateNanos = System.nanoTime();

    private Reflector(Builder b) {
        this.path = b.ldb.toAbsolutePath().normalize();
        this.source = b.source;
        this.pollInterval = b.pollInterval;
        this.batchSize = b.batchSize;
        this.walTarget = b.walTarget;
        this.walHardCap = b.walHardCap;
        this.clock = b.clock;
        this.meterRegistry = b.meterRegistry;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the LDB (creating it when there is no file yet) and starts following the center on a new thread. Needs no
     * connection to the center.
     *
     * @return this reflector
     * @throws StorageException when the LDB cannot be opened (the message names the file and what to do); the
     *         reflector is then closed, with its source
     * @throws IllegalStateException when already started
     */
    public synchronized Reflector start() {
        if (phase != Phase.NEW) {
            throw new IllegalStateException("reflector for " + path + " was already started; build a new one");
        }
        try {
            ldb = Ldb.openOrCreate(path);
        } catch (RuntimeException e) {
            phase = Phase.CLOSED; // the reflector owns the source: nothing will use it now
            closed = true;
            source.close();
            throw e;
        }
        ldb.position().ifPresent(p -> {
            position = p.seq();
            sourceCommittedAt = p.committedAt();
        });
        walBytes = ldb.walBytes();
        phase = Phase.FOLLOWING;
        if (meterRegistry != null) {
            meters = ReflectorMeters.bind(meterRegistry, this);
        }
        thread = new Thread(this::run, "ctrlstore-reflector " + path.getFileName());
        thread.setDaemon(true);
        thread.start();
        LOG.info("reflector started on LDB {} at seq {}", path, position);
        return this;
    }

    /** The LDB this reflector applies to (absolute). */
    public Path ldb() {
        return path;
    }

    /** A snapshot of what the reflector is doing. */
    public ReflectorState state() {
        Instant committed = sourceCommittedAt;
        Duration lag = caughtUp || committed == null ? Duration.ZERO : positive(Duration.between(committed,
                clock.instant()));
        long pinned = walPinnedSinceNanos;
        double rate = System.nanoTime() - lastRateNanos > 2 * RATE_WINDOW_NANOS ? 0 : entriesPerSecond;
        return new ReflectorState(phase, position, Optional.ofNullable(committed), lag, batches, entries, rate,
                Optional.ofNullable(lastError), walBytes,
                pinned < 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - pinned), centerReachable);
    }

    /** Stops following (the batch being applied is finished or rolled back), closes the LDB and the source. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        if (t != null) {
            if (waiting) {
                t.interrupt(); // only while waiting for a hint: never in the middle of an apply
            }
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (meters != null) {
            try {
                meters.close();
            } catch (Exception e) {
                LOG.debug("removing the reflector's meters failed", e);
            }
        }
        source.close();
        if (ldb != null) {
            ldb.close();
        }
        phase = Phase.CLOSED;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        boolean checkHead = true;
        long lastHeadCheck = 0;
        String centerId = ldb.position().map(LdbPosition::centerId).orElse(null);
        Instant outageSince = null;
        while (!closed) {
            try {
                LedgerHead head = null;
                if (checkHead || System.nanoTime() - lastHeadCheck > pollInterval.toNanos()) {
                    head = source.head();
                    lastHeadCheck = System.nanoTime();
                    checkHead = false;
                    centerId = checked(head);
                }
                List<LedgerEntry> batch = source.read(position, batchSize);
                if (outageSince != null) {
                    LOG.info("center reachable again after {}; LDB {} resumes from seq {}",
                            Duration.between(outageSince, clock.instant()), path, position);
                    outageSince = null;
                }
                centerReachable = true;
                phase = Phase.FOLLOWING;
                lastError = null;
                backoff = FIRST_BACKOFF;
                if (batch.isEmpty()) {
                    caughtUp = true;
                    maintainWal();
                    awaitAppend();
                    continue;
                }
                caughtUp = false;
                if (batch.getFirst().seq() != position + 1) {
                    halt(missing(head == null ? source.head() : head, batch.getFirst().seq()));
                    return;
                }
                Ldb.Applied applied = ldb.apply(centerId, batch, clock);
                if (applied.entries() > 0) {
                    LdbPosition p = applied.position().orElseThrow();
                    position = p.seq();
                    sourceCommittedAt = p.committedAt();
                    batches++;
                    entries += applied.entries();
                    countRate(applied.entries());
                    LdbSignals.applied(path, p.seq());
                }
                maintainWal();
                if (applied.upgradeTo().isPresent()) {
                    halt("entry " + (position + 1) + " needs schema version " + applied.upgradeTo().getAsInt()
                            + ", newer than this reflector knows (" + ldb.schemaVersion() + "); upgrade the reflector."
                            + " The LDB stays readable at seq " + position + ".");
                    return;
                }
            } catch (StoreUnavailableException e) {
                checkHead = true;
                centerReachable = false;
                caughtUp = false; // the center may be moving on: lag counts from the last entry applied
                lastError = e.getMessage();
                if (outageSince == null) {
                    outageSince = clock.instant();
                    phase = Phase.CENTER_UNREACHABLE;
                    LOG.warn("center unreachable ({}); LDB {} is served at seq {}, retrying with back-off up to {}",
                            e.getMessage(), path, position, MAX_BACKOFF);
                }
                sleep(jittered(backoff));
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (StorageException e) {
                halt(e.getMessage());
                return;
            } catch (InterruptedException e) {
                // close() interrupts only a waiting thread; the loop condition ends it.
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                halt("unexpected failure: " + e);
                LOG.error("reflector for LDB {} failed", path, e);
                return;
            }
        }
    }

    /**
     * Checks the head against the LDB before anything is read after a (re)connect: same center, position not ahead
     * of the head and not below what the center still holds. Returns the center id.
     */
    private String checked(LedgerHead head) {
        Optional<LdbPosition> p = ldb.position();
        if (p.isPresent() && !p.get().centerId().equals(head.centerId())) {
            throw new StorageException("LDB " + path + " follows center " + p.get().centerId() + ", but the source's"
                    + " center is " + head.centerId() + " (another database, or the center was restored from a"
                    + " backup); delete the LDB to rebuild it from this center, or point the reflector at its own");
        }
        if (position > head.seq()) {
            throw new StorageException("LDB " + path + " is at seq " + position + ", ahead of the center's ledger"
                    + " head " + head.seq() + " (the center lost entries: restored from a backup, or failed over"
                    + " with data loss); delete the LDB to rebuild it from the center");
        }
        if (position < head.retainedFrom() - 1) {
            throw new StorageException(belowRetained(head));
        }
        return head.centerId();
    }

    private String missing(LedgerHead head, long got) {
        if (position < head.retainedFrom() - 1) {
            return belowRetained(head);
        }
        return "ledger gap: expected seq " + (position + 1) + ", got " + got + "; the center's ledger is missing"
                + " entries. LDB " + path + " stays at seq " + position + "; rebuild it from a snapshot or from the"
                + " center once the ledger is repaired.";
    }

    private String belowRetained(LedgerHead head) {
        return "LDB " + path + " is at seq " + position + ", but the center holds its ledger only from seq "
                + head.retainedFrom() + " (older entries were pruned); rebuild the LDB from a snapshot (or delete it"
                + " while the center still holds the whole ledger)";
    }

    private void halt(String message) {
        lastError = message;
        phase = Phase.HALTED;
        LOG.error("reflector halted; LDB {} stays readable at seq {}: {}", path, position, message);
    }

    private void awaitAppend() throws InterruptedException {
        waiting = true;
        try {
            if (!closed) {
                source.awaitAppend(jittered(pollInterval));
            }
        } finally {
            waiting = false;
            if (!closed) {
                Thread.interrupted(); // a close() that raced the wait is seen by the loop condition
            }
        }
    }

    /**
     * Checkpoints after a batch or an idle wake-up once the WAL passes the target. A TRUNCATE waits up to 100 ms for
     * readers that still use the WAL (library readers hold a snapshot for one call) and leaves it empty. When that
     * wait was not enough, a reader pins the WAL: then only PASSIVE checkpoints run, which never wait, until one
     * finds the reader gone; above the hard cap the bounded TRUNCATE is tried after every batch.
     */
    private void maintainWal() {
        long wal = ldb.walBytes();
        if (wal <= walTarget) {
            walPinnedSinceNanos = -1;
            walBytes = wal;
            return;
        }
        boolean pinned = walPinnedSinceNanos >= 0;
        Ldb.Checkpoint checkpoint;
        if (!pinned || wal > walHardCap) {
            checkpoint = ldb.checkpoint(Ldb.CheckpointMode.TRUNCATE);
        } else {
            checkpoint = ldb.checkpoint(Ldb.CheckpointMode.PASSIVE);
            if (checkpoint.complete()) {
                checkpoint = ldb.checkpoint(Ldb.CheckpointMode.TRUNCATE);
            }
        }
        if (checkpoint.complete()) {
            walPinnedSinceNanos = -1;
        } else if (!pinned) {
            walPinnedSinceNanos = System.nanoTime();
        }
        walBytes = ldb.walBytes();
    }

    private void countRate(int applied) {
        long now = System.nanoTime();
        rateWindowEntries += applied;
        long elapsed = now - rateWindowStart;
        if (elapsed >= RATE_WINDOW_NANOS / 5) {
            entriesPerSecond = rateWindowEntries * 1e9 / elapsed;
            lastRateNanos = now;
            if (elapsed >= RATE_WINDOW_NANOS) {
                rateWindowStart = now;
                rateWindowEntries = 0;
            }
        }
    }

    private void sleep(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (sleeper) {
            for (long left = d.toNanos(); left > 0 && !closed; left = deadline - System.nanoTime()) {
                try {
                    sleeper.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static Duration jittered(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * (0.75 + 0.5 * ThreadLocalRandom.current().nextDouble())));
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Settings of a {@link Reflector}; {@link #ldb} and {@link #source} are required. Not thread-safe.
     */
    public static final class Builder {
        /** Default wait between polls when no hint arrives. */
        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
        /** Default entries per batch (one SQLite transaction). */
        public static final int DEFAULT_BATCH_SIZE = 500;
        /** Default WAL size above which a batch is followed by a checkpoint. */
        public static final long DEFAULT_WAL_TARGET = 4L << 20;
        /** Default WAL size above which the checkpoint waits briefly for readers and truncates. */
        public static final long DEFAULT_WAL_HARD_CAP = 64L << 20;

        private Path ldb;
        private LedgerSource source;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private long walTarget = DEFAULT_WAL_TARGET;
        private long walHardCap = DEFAULT_WAL_HARD_CAP;
        private Clock clock = Clock.systemUTC();
        private Object meterRegistry;

        private Builder() {
        }

        /** The LDB file; created on start when missing. Required. */
        public Builder ldb(Path ldb) {
            this.ldb = Checks.notNull(ldb, "ldb");
            return this;
        }

        /** Where the ledger is read; closed with the reflector. Required. */
        public Builder source(LedgerSource source) {
            this.source = Checks.notNull(source, "source");
            return this;
        }

        /** The longest wait for new entries when no hint arrives (± 25 %), 1 ms to 1 h. Default: 1 s. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Checks.notNull(pollInterval, "pollInterval");
            return this;
        }

        /** Entries read and applied per SQLite transaction, 1 to 10,000. Default: 500. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** WAL bytes above which a batch is followed by a checkpoint. Default: 4 MiB. */
        public Builder walTarget(long bytes) {
            this.walTarget = bytes;
            return this;
        }

        /** WAL bytes above which a checkpoint waits up to 100 ms for readers and truncates. Default: 64 MiB. */
        public Builder walHardCap(long bytes) {
            this.walHardCap = bytes;
            return this;
        }

        /** Where {@code applied_at} and the lag come from. Default: the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * A Micrometer registry to publish the state to (gauges and counters named
         * {@code ctrlstore.reflector.*}, tagged with the LDB path). Default: none, and Micrometer need not be on the
         * classpath (code that lists this builder's methods by reflection does need it).
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meterRegistry = Checks.notNull(registry, "meterRegistry");
            return this;
        }

        /**
         * Validates the settings.
         *
         * @throws InvalidArgumentException naming a missing or out-of-range setting
         */
        public Reflector build() {
            Checks.notNull(ldb, "ldb");
            Checks.notNull(source, "source");
            if (pollInterval.compareTo(Duration.ofMillis(1)) < 0 || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
                throw new InvalidArgumentException("pollInterval", "pollInterval must be between 1 ms and 1 h, got "
                        + pollInterval);
            }
            Checks.range(batchSize, 1, LedgerQueries.MAX_READ, "batchSize");
            if (walTarget < 0) {
                throw new InvalidArgumentException("walTarget", "walTarget must be at least 0 bytes, got "
                        + walTarget);
            }
            if (walHardCap < walTarget) {
                throw new InvalidArgumentException("walHardCap", "walHardCap must be at least walTarget ("
                        + walTarget + " bytes), got " + walHardCap);
            }
            return new Reflector(this);
        }
    }
}
