package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.replication.replica.LdbStore;
import dev.ctrlstore.server.http.HttpError;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * How stale the LDB is: {@code GET /get-ledger-latency} reports it, {@code GET /healthcheck} and {@code GET /ping}
 * judge it. Unlike ctlstore's sidecar (200 at any latency), the health routes answer 503 with the latency once it
 * passes the threshold, so a load balancer stops sending reads to a host whose reflector has fallen behind.
 */
final class HealthRoutes {
    private final LdbStore ldb;
    private final Duration threshold;

    HealthRoutes(LdbStore ldb, Duration threshold) {
        this.ldb = ldb;
        this.threshold = threshold;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/get-ledger-latency", (req, res) -> {
            double seconds = seconds(ldb.ledgerLatency());
            res.header("Content-Type", "application/json");
            res.send(("{\"value\":" + seconds + ",\"unit\":\"seconds\"}").getBytes(StandardCharsets.UTF_8));
        });
        routing.get("/healthcheck", (req, res) -> health(res));
        routing.get("/ping", (req, res) -> health(res));
    }

    private void health(ServerResponse res) {
        // No entry applied yet: ledgerLatency throws StoreUnavailableException, which answers 503 with its message.
        Duration latency = ldb.ledgerLatency();
        if (latency.compareTo(threshold) > 0) {
            throw new HttpError(503, String.format(Locale.ROOT, "ledger latency %.3f s is over the threshold of"
                    + " %.3f s: the LDB's reflector is behind or cannot reach the center (the heartbeat keeps the"
                    + " latency low while the center is up)", seconds(latency), seconds(threshold)));
        }
        res.send();
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
