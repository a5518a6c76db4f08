package dev.ctrlstore.server.http;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Request metrics of a service: a timer {@code ctrlstore.http.requests} tagged with the service, method, route
 * pattern (not the raw path, so names in paths do not multiply series) and status, and {@code GET /metrics} with
 * the registry in Prometheus text format.
 */
public final class HttpMetrics {
    /** The timer's name; Prometheus shows it as {@code ctrlstore_http_requests_seconds}. */
    public static final String REQUESTS = "ctrlstore.http.requests";

    private static final HttpMediaType PROMETHEUS_TEXT =
            HttpMediaType.create("text/plain; version=0.0.4; charset=utf-8");

    private HttpMetrics() {
    }

    /** Adds the timing filter and the {@code /metrics} route to {@code routing}. */
    public static void install(HttpRouting.Builder routing, PrometheusMeterRegistry registry, String service) {
        routing.addFilter((chain, req, res) -> {
            long start = System.nanoTime();
            int status = 500;
            try {
                chain.proceed();
                status = res.status().code();
            } catch (RuntimeException | Error e) {
                status = e instanceof Exception ex ? ErrorMapping.refusal(ex).status() : 500;
                throw e;
            } finally {
                Timer.builder(REQUESTS)
                        .tag("service", service)
                        .tag("method", req.prologue().method().text())
                        .tag("uri", req.matchingPattern().orElse("unmatched"))
                        .tag("status", Integer.toString(status))
                        .register(registry)
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        });
        routing.get("/metrics", (req, res) -> {
            res.headers().contentType(PROMETHEUS_TEXT);
            res.send(registry.scrape().getBytes(StandardCharsets.UTF_8));
        });
    }
}
