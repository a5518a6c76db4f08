package dev.ctrlstore.server.heartbeat;

import dev.ctrlstore.server.client.ExecutiveClient;
import dev.ctrlstore.server.client.ExecutiveException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one row through the write service every interval (first at once), so the ledger has an entry at least that
 * often and a replica's ledger latency is its real staleness even when nothing else is written; a read sidecar's
 * health check then means something on an idle store.
 *
 * <p>{@link #start()} registers the writer and creates the family and table (each "already exists" accepted), and
 * fails when the service refuses them. Afterwards a failed pulse is logged (one WARN per outage, one INFO on recovery)
 * and counted, never fatal: the next pulse tries again.
 *
 * <pre>{@code
 * Heartbeat heartbeat = Heartbeat.builder().client(client).secret(secret).build().start();
 * }</pre>
 */
public final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final ExecutiveClient client;
    private final String family;
    private final String table;
    private final String writer;
    private final String secret;
    private final Duration interval;
    private final Clock clock;
    private final Counter pulses;
    private final Counter errors;
    private final AtomicLong lastSeq = new AtomicLong(-1);
    private final AtomicLong failures = new AtomicLong();
    private ScheduledExecutorService timer;
    private volatile boolean failing;

    private Heartbeat(Builder b) {
        this.client = b.client;
        this.family = b.family;
        this.table = b.table;
        this.writer = b.writer;
        this.secret = b.secret;
        this.interval = b.interval;
        this.clock = b.clock;
        this.pulses = b.meterRegistry == null ? null : Counter.builder("ctrlstore.heartbeat.pulses")
                .description("heartbeat rows written").register(b.meterRegistry);
        this.errors = b.meterRegistry == null ? null : Counter.builder("ctrlstore.heartbeat.errors")
                .description("heartbeat writes that failed").register(b.meterRegistry);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers the writer, creates the family and the table when missing, then pulses every interval on a thread
     * of its own.
     *
     * @return this heartbeat
     * @throws ExecutiveException when the service refuses the writer, the family or the table (e.g. a wrong admin
     *         token, or a table of that name with other fields), or cannot be reached
     * @throws IllegalStateException when already started
     */
    public synchronized Heartbeat start() {
        if (timer != null) {
            throw new IllegalStateException("heartbeat already started; build a new one");
        }
        client.registerWriter(writer, secret);
        client.createFamilyIfMissing(family);
        client.createTableIfMissing(family, table, List.of(List.of("name", "string"), List.of("value", "integer")),
                List.of("name"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ctrlstore-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::pulseQuietly, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        LOG.info("heartbeat writes {}.{} as writer {} every {} ms through {}", family, table, writer,
                interval.toMillis(), client.uri());
        return this;
    }

    /**
     * Writes one heartbeat row now: {@code name = "heartbeat"}, {@code value} = the clock's time in nanoseconds since
     * the epoch.
     *
     * @return the ledger position of the write
     * @throws ExecutiveException when the service refuses it or cannot be reached
     */
    public long pulse() {
        Instant now = clock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long seq = client.upsert(family, writer, secret, table, Map.of("name", "heartbeat", "value", nanos));
        lastSeq.set(seq);
        return seq;
    }

    /** The ledger position of the last successful pulse, or -1 before the first. */
    public long lastSeq() {
        return lastSeq.get();
    }

    /** How many pulses have failed since start. */
    public long failures() {
        return failures.get();
    }

    /** Stops pulsing (a pulse under way finishes). */
    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdown();
        try {
            if (!timer.awaitTermination(interval.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void pulseQuietly() {
        try {
            pulse();
            if (pulses != null) {
                pulses.increment();
            }
            if (failing) {
                failing = false;
                LOG.info("heartbeat writes again (seq {})", lastSeq.get());
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            if (errors != null) {
                errors.increment();
            }
            if (!failing) {
                failing = true;
                LOG.warn("heartbeat write failed, retrying every {} ms: {}", interval.toMillis(), e.getMessage());
            } else {
                LOG.debug("heartbeat write failed again", e);
            }
        }
    }

    /** Settings of a {@link Heartbeat}: the client and the writer's secret are required. */
    public static final class Builder {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
        public static final String DEFAULT_FAMILY = "ctlstore";
        public static final String DEFAULT_TABLE = "heartbeats";
        public static final String DEFAULT_WRITER = "heartbeat";

        private ExecutiveClient client;
        private String family = DEFAULT_FAMILY;
        private String table = DEFAULT_TABLE;
        private String writer = DEFAULT_WRITER;
        private String secret;
        private Duration interval = DEFAULT_INTERVAL;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry;

        private Builder() {
        }

        /** The write service (with the admin token, for creating the family and table). Required. */
        public Builder client(ExecutiveClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Default: {@value #DEFAULT_FAMILY}. */
        public Builder family(String family) {
            this.family = Objects.requireNonNull(family, "family");
            return this;
        }

        /** Default: {@value #DEFAULT_TABLE}. */
        public Builder table(String table) {
            this.table = Objects.requireNonNull(table, "table");
            return this;
        }

        /** Default: {@value #DEFAULT_WRITER}. */
        public Builder writer(String writer) {
            this.writer = Objects.requireNonNull(writer, "writer");
            return this;
        }

        /** The writer's secret (registered at start). Required. */
        public Builder secret(String secret) {
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** Time between pulses, at least 10 ms. Default: 15 s. */
        public Builder interval(Duration interval) {
            if (interval == null || interval.toMillis() < 10) {
                throw new IllegalArgumentException("heartbeat interval must be at least 10 ms, got " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** The clock of the rows' {@code value}. Default: the system's. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Counters {@code ctrlstore.heartbeat.pulses} and {@code ctrlstore.heartbeat.errors}. Default: none. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        public Heartbeat build() {
            if (client == null) {
                throw new IllegalStateException("a heartbeat needs the write service: call client(...)");
            }
            if (secret == null || secret.isEmpty()) {
                throw new IllegalStateException("a heartbeat needs its writer's secret: call secret(...)");
            }
            return new Heartbeat(this);
        }
    }
}
