package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.server.http.Bodies;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Optional;

/**
 * ctlstore's sidecar reads of control tables, wire-compatible with its clients: {@code POST /get-row-by-key/{family}/
 * {table}} (200 with the row, or 404 with header {@code X-Ctlstore: Not Found} and an empty body) and
 * {@code POST /get-rows-by-key-prefix/{family}/{table}} (200 with an array, 416 over max rows). Unknown family or
 * table: 404 with a message; a malformed key: 400.
 */
final class ControlRoutes {
    private final SidecarReads reads;
    private final Freshness freshness;

    ControlRoutes(SidecarReads reads, Freshness freshness) {
        this.reads = reads;
        this.freshness = freshness;
    }

    void register(HttpRouting.Builder routing) {
        routing.post("/get-row-by-key/{family}/{table}", (req, res) -> {
            freshness.await(req.query(), res);
            Optional<byte[]> row = reads.rowByKey(param(req, "family"), param(req, "table"), body(req));
            if (row.isEmpty()) {
                res.status(404);
                res.header("X-Ctlstore", "Not Found");
                res.send();
                return;
            }
            json(res, row.get());
        });
        routing.post("/get-rows-by-key-prefix/{family}/{table}", (req, res) -> {
            freshness.await(req.query(), res);
            json(res, reads.rowsByKeyPrefix(param(req, "family"), param(req, "table"), body(req)));
        });
    }

    private static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    private static byte[] body(ServerRequest req) {
        return Bodies.bytes(req, Bodies.DEFAULT_LIMIT);
    }

    private static void json(ServerResponse res, byte[] body) {
        res.header("Content-Type", "application/json");
        res.send(body);
    }
}
