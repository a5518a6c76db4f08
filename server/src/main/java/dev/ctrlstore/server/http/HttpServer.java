package dev.ctrlstore.server.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A Helidon SE web server as every ctrlstore service runs it: one request per virtual thread, bound to a host and
 * port (0 picks a free one), the shared {@link ErrorMapping}, optional {@link HttpMetrics}, no JVM shutdown hook
 * of its own (the process decides when to stop) and a graceful {@link #close()}: it stops accepting, then lets
 * requests in flight finish for up to the grace period.
 */
public final class HttpServer implements AutoCloseable {
    private final String service;
    private final String host;
    private final int port;
    private final Duration shutdownGracePeriod;
    private final PrometheusMeterRegistry meterRegistry;
    private final Consumer<HttpRouting.Builder> routes;
    private volatile WebServer server;
    private volatile int boundPort = -1;

    private HttpServer(Builder b) {
        this.service = b.service;
        this.host = b.host;
        this.port = b.port;
        this.shutdownGracePeriod = b.shutdownGracePeriod;
        this.meterRegistry = b.meterRegistry;
        this.routes = b.routes;
    }

    /**
     * @param service the service's name, used in log lines and as the metrics' {@code service} tag
     */
    public static Builder builder(String service) {
        return new Builder(service);
    }

    /** Binds and starts serving; returns this. */
    public synchronized HttpServer start() {
        if (server != null) {
            throw new IllegalStateException(service + " server is already started; close it and build a"
                    + " new one to restart");
        }
        HttpRouting.Builder routing = HttpRouting.builder();
        ErrorMapping.install(routing);
        if (meterRegistry != null) {
            HttpMetrics.install(routing, meterRegistry, service);
        }
        routes.accept(routing);
        server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .shutdownGracePeriod(shutdownGracePeriod)
                .routing(routing)
                .build()
                .start();
        boundPort = server.port();
        return this;
    }

    /** The bound port (still known after {@link #close()}). */
    public int port() {
        running();
        return boundPort;
    }

    /** {@code http://host:port} where a client on this machine reaches the server (loopback for a wildcard bind). */
    public URI uri() {
        String reach = switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
        return URI.create("http://" + reach + ":" + port());
    }

    /** Stops accepting connections and waits (up to the grace period) for requests in flight; idempotent. */
    @Override
    public synchronized void close() {
        WebServer s = server;
        if (s != null && s.isRunning()) {
            s.stop();
        }
    }

    private WebServer running() {
        WebServer s = server;
        if (s == null) {
            throw new IllegalStateException(service + " server is not started; call start() first");
        }
        return s;
    }

    /** Settings of an {@link HttpServer}; only the routes are required. */
    public static final class Builder {
        private final String service;
        private String host = "127.0.0.1";
        private int port = 0;
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);
        private PrometheusMeterRegistry meterRegistry;
        private Consumer<HttpRouting.Builder> routes;

        private Builder(String service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        /** The address to bind. Default: {@code 127.0.0.1}; {@code 0.0.0.0} for every interface. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind, 0–65535. Default: 0, a free port ({@link #port()} tells which). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** How long {@link #close()} waits for requests in flight. Default: 10 s. */
        public Builder shutdownGracePeriod(Duration period) {
            if (period == null || period.isNegative()) {
                throw new IllegalArgumentException("shutdownGracePeriod must be zero or more, got " + period);
            }
            this.shutdownGracePeriod = period;
            return this;
        }

        /** Where request timers go, and what {@code GET /metrics} shows. Default: none, and no {@code /metrics}. */
        public Builder meterRegistry(PrometheusMeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /** Adds the service's routes (the error mapping and metrics are installed before them). */
        public Builder routes(Consumer<HttpRouting.Builder> routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
            return this;
        }

        /** A server with these settings, not yet started. */
        public HttpServer build() {
            if (routes == null) {
                throw new IllegalStateException(service + " server has no routes; call routes(...) before build()");
            }
            return new HttpServer(this);
        }
    }
}
