package dev.ctrlstore.cli;

import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.server.http.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "reflector", mixinStandardHelpOptions = true,
        description = {"Follows a center's ledger into a local LDB (created on first start). The center may be a "
                + "PostgreSQL read replica (it then polls: no notifications arrive there).",
                "Stops cleanly on SIGINT/SIGTERM: the batch being applied commits or rolls back."})
final class ReflectorCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Mixin
    LdbOption ldb;

    @Option(names = "--poll-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:CTRLSTORE_POLL_INTERVAL:-1s}",
            description = "How often to look for new entries without a notification (env CTRLSTORE_POLL_INTERVAL). "
                    + "Default: ${DEFAULT-VALUE}")
    Duration pollInterval;

    @Option(names = "--listen", negatable = true, defaultValue = "${env:CTRLSTORE_LISTEN:-true}",
            fallbackValue = "true",
            description = "Wake on the center's notifications; --no-listen on a read replica (env CTRLSTORE_LISTEN). "
                    + "Default: ${DEFAULT-VALUE}")
    boolean listen;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws InterruptedException {
        try (Parts parts = new Parts()) {
            Reflector reflector = parts.add(start(center, ldb, pollInterval, listen, metrics.registry));
            HttpServer server = parts.add(metrics.start("reflector"));
            parts.ready("reflector ready: " + center.url + " -> " + reflector.ldb() + " (at seq "
                    + reflector.state().position() + "), metrics at " + server.uri() + "/metrics");
        }
        return 0;
    }

    static Reflector start(CenterOptions center, LdbOption ldb, Duration pollInterval, boolean listen,
            io.micrometer.core.instrument.MeterRegistry registry) {
        String url = center.requireUrl();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new Main.UsageException("--center-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db),"
                    + " got '" + url + "'");
        }
        JdbcLedgerSource.Builder source = JdbcLedgerSource.builder().jdbcUrl(url).listen(listen);
        if (center.user != null) {
            source.user(center.user);
        }
        if (center.password != null) {
            source.password(center.password);
        }
        Reflector.Builder b = Reflector.builder().ldb(ldb.ldb).source(source.build()).pollInterval(pollInterval);
        if (registry != null) {
            b.meterRegistry(registry);
        }
        return b.build().start();
    }
}
