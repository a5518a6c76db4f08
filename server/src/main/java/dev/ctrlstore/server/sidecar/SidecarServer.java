package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.replication.control.LdbReader;
import dev.ctrlstore.replication.replica.LdbStore;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.sqlite.SqliteConfig;
import dev.ctrlstore.server.http.HttpServer;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The read sidecar: an HTTP server on one host's LDB, answering ctlstore's sidecar routes and the typed replica's
 * reads from the local file, so they keep working while the center is down. Handlers run on virtual threads.
 *
 * <pre>{@code
 * try (SidecarServer sidecar = SidecarServer.builder().ldb(Path.of("/var/lib/ctrlstore/ldb.db"))
 *         .port(1331).latencyThreshold(Duration.ofMinutes(1)).build().start()) {
 *     ...
 * }
 * }</pre>
 */
public final class SidecarServer implements AutoCloseable {
    /** ctlstore's healthy ledger latency. */
    public static final Duration DEFAULT_LATENCY_THRESHOLD = Duration.ofMinutes(1);
    /** ctlstore's sidecar port. */
    public static final int DEFAULT_PORT = 1331;
    /** How long one control-table read may take before it is interrupted (a 503): ctlstore's sidecar timeout. */
    static final Duration READ_DEADLINE = Duration.ofSeconds(5);

    private final LdbStore ldb;
    private final LdbReader reader;
    private final SidecarReads reads;
    private final HttpServer server;
    private boolean started;

    private SidecarServer(Builder b, LdbStore ldb, LdbReader reader) {
        this.ldb = ldb;
        this.reader = reader;
        PrometheusMeterRegistry meters = b.meterRegistry != null ? b.meterRegistry
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.reads = new SidecarReads(ldb, reader, b.maxRows, READ_DEADLINE, meters);
        Gauge.builder("ctrlstore.sidecar.ledger.position", ldb, SidecarServer::appliedOrNaN)
                .description("the last ledger seq the LDB has applied").register(meters);
        Freshness freshness = new Freshness(ldb);
        HealthRoutes health = new HealthRoutes(ldb, b.latencyThreshold);
        ReplicaRoutes replica = new ReplicaRoutes(ldb, freshness);
        ControlRoutes control = new ControlRoutes(reads, freshness);
        Consumer<HttpRouting.Builder> more = b.moreRoutes;
        this.server = HttpServer.builder("sidecar").host(b.host).port(b.port).meterRegistry(meters)
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .routes(routing -> {
                    health.register(routing);
                    control.register(routing);
                    replica.register(routing);
                    more.accept(routing);
                })
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts serving.
     *
     * @return this
     * @throws IllegalStateException when started before
     */
    public synchronized SidecarServer start() {
        if (started) {
            throw new IllegalStateException("the sidecar is started already; build another to serve another port");
        }
        started = true;
        server.start();
        return this;
    }

    /** The sidecar's reads without HTTP, for serving them from another stack. */
    public SidecarReads reads() {
        return reads;
    }

    /** The port it listens on (the one chosen by the system when built with port 0). */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port} where a client on this machine reaches it. */
    public URI uri() {
        return server.uri();
    }

    /** Stops accepting connections, lets requests in flight finish (up to 5 s), then closes the LDB. */
    @Override
    public synchronized void close() {
        try (LdbStore s = ldb; LdbReader r = reader) {
            server.close();
        }
    }

    private static double appliedOrNaN(LdbStore ldb) {
        try {
            return ldb.appliedPosition();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Settings for a {@link SidecarServer}; only {@link #ldb(Path)} is required. Not thread-safe. */
    public static final class Builder {
        private Path ldb;
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private int maxRows;
        private Duration latencyThreshold = DEFAULT_LATENCY_THRESHOLD;
        private PrometheusMeterRegistry meterRegistry;
        private Consumer<HttpRouting.Builder> moreRoutes = routing -> { };
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The LDB file a reflector keeps up to date. Required. */
        public Builder ldb(Path ldb) {
            this.ldb = Checks.notNull(ldb, "ldb");
            return this;
        }

        /** The address to bind. Default: 127.0.0.1 (use 0.0.0.0 to serve other hosts). */
        public Builder host(String host) {
            this.host = Checks.notNull(host, "host");
            return this;
        }

        /** The port, 0 for any free one. Default: {@value #DEFAULT_PORT}. */
        public Builder port(int port) {
            this.port = Checks.range(port, 0, 65535, "port");
            return this;
        }

        /** The most rows a prefix read may return (more is a 416), 0 for no limit. Default: 0. */
        public Builder maxRows(int maxRows) {
            this.maxRows = Checks.range(maxRows, 0, Integer.MAX_VALUE - 1, "maxRows");
            return this;
        }

        /**
         * The ledger latency above which {@code /healthcheck} and {@code /ping} answer 503. Default: 1 minute.
         */
        public Builder latencyThreshold(Duration latencyThreshold) {
            Checks.notNull(latencyThreshold, "latencyThreshold");
            if (latencyThreshold.isNegative() || latencyThreshold.isZero()) {
                throw new InvalidArgumentException("latencyThreshold", "latencyThreshold must be positive, got "
                        + latencyThreshold);
            }
            this.latencyThreshold = latencyThreshold;
            return this;
        }

        /** Where the sidecar's meters go and what {@code /metrics} shows. Default: a registry of its own. */
        public Builder meterRegistry(PrometheusMeterRegistry meterRegistry) {
            this.meterRegistry = Checks.notNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** The clock the ledger latency is measured against. Default: the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * Routes served beside the sidecar's own, e.g. a host's status page, or a constant endpoint to measure the
         * sidecar's reads against. Default: none.
         */
        public Builder routes(Consumer<HttpRouting.Builder> routes) {
            this.moreRoutes = Checks.notNull(routes, "routes");
            return this;
        }

        /**
         * Validates the settings and opens the LDB read-only; call {@link SidecarServer#start()} to listen.
         *
         * @throws InvalidArgumentException for a missing LDB path
         * @throws dev.ctrlstore.store.StorageException when the file is missing or not an LDB
         */
        public SidecarServer build() {
            Checks.notNull(ldb, "ldb");
            LdbStore store = LdbStore.builder().path(ldb).clock(clock).build();
            LdbReader reader = null;
            try {
                reader = LdbReader.open(ldb, SqliteConfig.DEFAULT_READER_POOL_SIZE, clock);
                return new SidecarServer(this, store, reader);
            } catch (RuntimeException e) {
                try (store; LdbReader r = reader) {
                    throw e;
                }
            }
        }
    }
}
