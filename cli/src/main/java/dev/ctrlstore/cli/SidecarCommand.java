package dev.ctrlstore.cli;

import dev.ctrlstore.server.sidecar.SidecarServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "sidecar", mixinStandardHelpOptions = true,
        description = {"The read sidecar: control-table rows and replicated store records from the host's LDB over "
                + "HTTP, and /healthcheck by the LDB's staleness. Serves while the center is down.",
                "Stops cleanly on SIGINT/SIGTERM: it stops accepting, and requests in flight finish."})
final class SidecarCommand implements Callable<Integer> {
    @Mixin
    LdbOption ldb;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "${env:CTRLSTORE_SIDECAR_BIND:-127.0.0.1:1331}",
            description = "Where it listens (env CTRLSTORE_SIDECAR_BIND). Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "${env:CTRLSTORE_MAX_ROWS:-0}",
            description = "Most rows a prefix read returns, else 416; 0 = no limit (env CTRLSTORE_MAX_ROWS). "
                    + "Default: ${DEFAULT-VALUE}")
    int maxRows;

    @Option(names = "--latency-threshold", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:CTRLSTORE_LATENCY_THRESHOLD:-1m}",
            description = "/healthcheck and /ping answer 503 when the LDB is staler than this (env "
                    + "CTRLSTORE_LATENCY_THRESHOLD). Default: ${DEFAULT-VALUE}")
    Duration latencyThreshold;

    @Override
    public Integer call() throws InterruptedException {
        LdbCommands.existing(ldb.ldb);
        Bind b = Bind.parse("--bind", bind);
        try (Parts parts = new Parts()) {
            SidecarServer server = parts.add(SidecarServer.builder().ldb(ldb.ldb).host(b.host()).port(b.port())
                    .maxRows(maxRows).latencyThreshold(latencyThreshold)
                    .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build().start());
            parts.ready("sidecar ready: " + server.uri() + " reads " + ldb.ldb.toAbsolutePath() + " (metrics at "
                    + server.uri() + "/metrics)");
        }
        return 0;
    }
}
