package dev.ctrlstore.server.executive;

import dev.ctrlstore.server.http.HttpServer;
import dev.ctrlstore.server.http.PlatformThreads;
import dev.ctrlstore.store.control.ControlStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The write service: ctlstore's executive routes over a {@link ControlStore}, on its own Helidon server.
 *
 * <pre>{@code
 * try (ExecutiveServer executive = ExecutiveServer.builder().store(store).adminToken(token).port(1330).build()
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * Routes, statuses and curl examples: the README's "Write service (executive)".
 */
public final class ExecutiveServer implements AutoCloseable {
    /**
     * Handlers block on JDBC, so they run on platform threads: up to this many at once, well above a center's
     * connection pool (10 by default); past it they run on their request's own thread.
     */
    private static final int PLATFORM_THREADS = 64;

    private final HttpServer server;
    private final PlatformThreads threads = new PlatformThreads("ctrlstore-executive", PLATFORM_THREADS);

    private ExecutiveServer(Builder b) {
        ExecutiveRoutes routes = new ExecutiveRoutes(b.store, new AdminToken(b.adminToken), b.destructiveSchemaChanges,
                b.meterRegistry, threads);
        this.server = HttpServer.builder("executive")
                .host(b.host)
                .port(b.port)
                .shutdownGracePeriod(b.shutdownGracePeriod)
                .meterRegistry(b.meterRegistry)
                .routes(routes::register)
                .build();
    }

    /** A builder; {@link Builder#store} and {@link Builder#adminToken} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this. */
    public ExecutiveServer start() {
        server.start();
        return this;
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port} of the running server. */
    public URI uri() {
        return server.uri();
    }

    /** Stops accepting connections and lets requests in flight finish (up to the grace period). */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            threads.close();
        }
    }

    /** Settings of an {@link ExecutiveServer}, checked by {@link #build()}. */
    public static final class Builder {
        private ControlStore store;
        private String host = "127.0.0.1";
        private int port = 0;
        private String adminToken;
        private boolean destructiveSchemaChanges;
        private PrometheusMeterRegistry meterRegistry;
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The center's control tables. Required. */
        public Builder store(ControlStore store) {
            this.store = store;
            return this;
        }

        /** The address to bind. Default: {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port to bind. Default: 0, any free port ({@link #port()} tells which). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The token admin routes require as {@code Authorization: Bearer <token>}. Required; no default. */
        public Builder adminToken(String adminToken) {
            this.adminToken = adminToken;
            return this;
        }

        /** Whether dropping and clearing tables is allowed (else 403). Default: false. */
        public Builder destructiveSchemaChanges(boolean enabled) {
            this.destructiveSchemaChanges = enabled;
            return this;
        }

        /** Where request and mutation metrics go, and what {@code /metrics} shows. Default: a registry of its own. */
        public Builder meterRegistry(PrometheusMeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /** How long {@link #close()} lets requests in flight finish. Default: 10 s. */
        public Builder shutdownGracePeriod(Duration period) {
            this.shutdownGracePeriod = period;
            return this;
        }

        /** The server, not yet started. */
        public ExecutiveServer build() {
            Objects.requireNonNull(store, "store is required: the ControlStore of the center");
            if (adminToken == null || adminToken.isBlank()) {
                throw new IllegalStateException("adminToken is required: admin routes (schema, limits, writers)"
                        + " accept only \"Authorization: Bearer <token>\"; generate one, e.g. with"
                        + " `openssl rand -hex 32`");
            }
            if (!adminToken.equals(adminToken.strip())) {
                throw new IllegalStateException("adminToken must not start or end with whitespace");
            }
            if (meterRegistry == null) {
                meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            }
            Objects.requireNonNull(host, "host");
            return new ExecutiveServer(this);
        }
    }
}
