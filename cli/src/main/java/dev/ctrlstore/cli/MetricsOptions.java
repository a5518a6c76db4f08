package dev.ctrlstore.cli;

import dev.ctrlstore.server.http.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Option;

/** Where a daemon without an HTTP API of its own serves {@code GET /metrics}. */
final class MetricsOptions {
    @Option(names = "--metrics-bind", paramLabel = "HOST:PORT",
            defaultValue = "${env:CTRLSTORE_METRICS_BIND:-127.0.0.1:0}",
            description = "Where GET /metrics answers; port 0 picks a free one, shown in the ready line (env "
                    + "CTRLSTORE_METRICS_BIND). Default: ${DEFAULT-VALUE}")
    String bind;

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** A started server of /metrics alone. */
    HttpServer start(String service) {
        Bind b = Bind.parse("--metrics-bind", bind);
        return HttpServer.builder(service).host(b.host()).port(b.port()).meterRegistry(registry)
                .routes(r -> { }).build().start();
    }
}
