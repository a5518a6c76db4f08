package dev.ctrlstore.cli;

import dev.ctrlstore.server.executive.ExecutiveServer;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "executive", mixinStandardHelpOptions = true,
        description = {"The write service: control-table schema, writers, mutations and limits over HTTP, on the "
                + "center's PostgreSQL (with its ledger). Run `ctrlstore migrate` first (or give --migrate).",
                "Stops cleanly on SIGINT/SIGTERM: it stops accepting, and requests in flight finish."})
final class ExecutiveCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "${env:CTRLSTORE_EXECUTIVE_BIND:-127.0.0.1:7480}",
            description = "Where it listens (env CTRLSTORE_EXECUTIVE_BIND). Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:CTRLSTORE_ADMIN_TOKEN}",
            description = "Bearer token required by schema, writer, limit and destructive calls (env "
                    + "CTRLSTORE_ADMIN_TOKEN). Required.")
    String adminToken;

    @Option(names = "--enable-destructive-schema-changes",
            defaultValue = "${env:CTRLSTORE_ENABLE_DESTRUCTIVE_SCHEMA_CHANGES:-false}",
            description = "Allow dropping and clearing tables (env CTRLSTORE_ENABLE_DESTRUCTIVE_SCHEMA_CHANGES). "
                    + "Default: ${DEFAULT-VALUE}")
    boolean destructive;

    @Option(names = "--max-table-size", paramLabel = "BYTES", defaultValue = "${env:CTRLSTORE_MAX_TABLE_SIZE:-104857600}",
            description = "Writes to a table larger than this are refused (env CTRLSTORE_MAX_TABLE_SIZE). "
                    + "Default: ${DEFAULT-VALUE} (100 MiB)")
    long maxTableSize;

    @Option(names = "--warn-table-size", paramLabel = "BYTES",
            defaultValue = "${env:CTRLSTORE_WARN_TABLE_SIZE:-52428800}",
            description = "A table larger than this is reported (env CTRLSTORE_WARN_TABLE_SIZE). "
                    + "Default: ${DEFAULT-VALUE} (50 MiB)")
    long warnTableSize;

    @Option(names = "--writer-limit", paramLabel = "ROWS", defaultValue = "${env:CTRLSTORE_WRITER_LIMIT:-1000}",
            description = "Rows a writer may write per period, unless it has its own limit (env "
                    + "CTRLSTORE_WRITER_LIMIT). Default: ${DEFAULT-VALUE}")
    long writerLimit;

    @Option(names = "--writer-limit-period", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:CTRLSTORE_WRITER_LIMIT_PERIOD:-1m}",
            description = "The period of --writer-limit (env CTRLSTORE_WRITER_LIMIT_PERIOD). Default: ${DEFAULT-VALUE}")
    Duration writerLimitPeriod;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "${env:CTRLSTORE_POOL_SIZE:-10}",
            description = "Connections to the center (env CTRLSTORE_POOL_SIZE). Default: ${DEFAULT-VALUE}")
    int poolSize;

    @Option(names = "--migrate", description = "Migrate the center's schema before serving.")
    boolean migrate;

    @Override
    public Integer call() throws InterruptedException {
        String url = center.requireUrl();
        if (adminToken == null || adminToken.isBlank()) {
            throw new Main.UsageException("the admin token is needed: give --admin-token or set CTRLSTORE_ADMIN_TOKEN "
                    + "(e.g. from `openssl rand -base64 24`)");
        }
        Bind b = Bind.parse("--bind", bind);
        ControlSettings settings;
        try {
            settings = ControlSettings.defaults().withTableSizes(warnTableSize, maxTableSize)
                    .withWriterLimit(writerLimit, writerLimitPeriod);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Parts parts = new Parts()) {
            PostgresStore centerStore = parts.add(center.postgres().poolSize(poolSize).ledger(LedgerMode.SYNC).build());
            if (migrate) {
                centerStore.migrate();
            }
            ExecutiveServer server = parts.add(ExecutiveServer.builder().store(centerStore.control(settings))
                    .host(b.host()).port(b.port()).adminToken(adminToken).destructiveSchemaChanges(destructive)
                    .meterRegistry(registry).build().start());
            parts.ready("executive ready: " + server.uri() + " over " + url + " (metrics at " + server.uri()
                    + "/metrics)");
        }
        return 0;
    }
}
