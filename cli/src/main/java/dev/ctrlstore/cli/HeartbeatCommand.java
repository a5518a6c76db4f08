package dev.ctrlstore.cli;

import dev.ctrlstore.server.heartbeat.Heartbeat;
import dev.ctrlstore.server.http.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "heartbeat", mixinStandardHelpOptions = true,
        description = "Writes a row through the executive every interval, so replicas' ledger latency stays "
                + "meaningful when nothing else is written.")
final class HeartbeatCommand implements Callable<Integer> {
    @Mixin
    ExecutiveOptions executive;

    @Mixin
    HeartbeatOptions heartbeat;

    /** The heartbeat's settings (also used by dev). */
    static final class HeartbeatOptions {
        @Option(names = "--heartbeat-interval", paramLabel = "DURATION", converter = DurationConverter.class,
                defaultValue = "${env:CTRLSTORE_HEARTBEAT_INTERVAL:-15s}",
                description = "Time between heartbeat rows (env CTRLSTORE_HEARTBEAT_INTERVAL). Default: "
                        + "${DEFAULT-VALUE}")
        Duration interval;

        @Option(names = "--heartbeat-family", paramLabel = "NAME",
                defaultValue = "${env:CTRLSTORE_HEARTBEAT_FAMILY:-ctlstore}",
                description = "Family of the heartbeat table (env CTRLSTORE_HEARTBEAT_FAMILY). Default: "
                        + "${DEFAULT-VALUE}")
        String family;

        @Option(names = "--heartbeat-table", paramLabel = "NAME",
                defaultValue = "${env:CTRLSTORE_HEARTBEAT_TABLE:-heartbeats}",
                description = "The heartbeat table (env CTRLSTORE_HEARTBEAT_TABLE). Default: ${DEFAULT-VALUE}")
        String table;

        @Option(names = "--heartbeat-writer", paramLabel = "NAME",
                defaultValue = "${env:CTRLSTORE_HEARTBEAT_WRITER:-heartbeat}",
                description = "The writer it writes as (env CTRLSTORE_HEARTBEAT_WRITER). Default: ${DEFAULT-VALUE}")
        String writer;

        @Option(names = "--heartbeat-secret", paramLabel = "SECRET",
                defaultValue = "${env:CTRLSTORE_HEARTBEAT_SECRET}",
                description = "The writer's secret (env CTRLSTORE_HEARTBEAT_SECRET). Required.")
        String secret;

        Heartbeat.Builder builder() {
            if (secret == null || secret.isEmpty()) {
                throw new Main.UsageException("the heartbeat writer's secret is needed: give --heartbeat-secret or "
                        + "set CTRLSTORE_HEARTBEAT_SECRET");
            }
            return Heartbeat.builder().family(family).table(table).writer(writer).secret(secret).interval(interval);
        }
    }

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws InterruptedException {
        try (Parts parts = new Parts()) {
            parts.add(heartbeat.builder().client(executive.client()).meterRegistry(metrics.registry).build()
                    .start());
            HttpServer server = parts.add(metrics.start("heartbeat"));
            parts.ready("heartbeat ready: " + heartbeat.family + "." + heartbeat.table + " every "
                    + heartbeat.interval.toMillis() + " ms through " + executive.executive + ", metrics at "
                    + server.uri() + "/metrics");
        }
        return 0;
    }
}
