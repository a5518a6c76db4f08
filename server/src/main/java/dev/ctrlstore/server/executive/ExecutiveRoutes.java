package dev.ctrlstore.server.executive;

import dev.ctrlstore.server.http.Bodies;
import dev.ctrlstore.server.http.HttpError;
import dev.ctrlstore.server.http.Json;
import dev.ctrlstore.server.http.PlatformThreads;
import dev.ctrlstore.store.control.ControlStore;
import dev.ctrlstore.store.control.MutationBatch;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.control.WriterLimits;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ctlstore's executive routes (same paths, methods, JSON and headers). Admin routes check the bearer token first;
 * destructive ones then check that they are enabled. Every refusal is an exception the shared error mapping turns
 * into its status.
 */
final class ExecutiveRoutes {
    static final HeaderName WRITER = HeaderNames.create("ctlstore-writer");
    static final HeaderName SECRET = HeaderNames.create("ctlstore-secret");
    /** The ledger seq of a committed mutation request: a replica at this position shows it. */
    static final HeaderName SEQ = HeaderNames.create("ctrlstore-seq");

    private static final HttpMediaType JSON = HttpMediaType.create("application/json");
    private static final HttpMediaType OCTETS = HttpMediaType.create("application/octet-stream");
    private static final int LIMIT = Bodies.DEFAULT_LIMIT;

    private final ControlStore store;
    private final AdminToken admin;
    private final boolean destructive;
    private final MeterRegistry registry;
    private final PlatformThreads threads;

    /** @param threads where handlers run: every route calls the center (JDBC) */
    ExecutiveRoutes(ControlStore store, AdminToken admin, boolean destructive, MeterRegistry registry,
            PlatformThreads threads) {
        this.threads = threads;
        this.store = store;
        this.admin = admin;
        this.destructive = destructive;
        this.registry = registry;
    }

    void register(HttpRouting.Builder r) {
        r.post("/families/{family}", threads.wrap(admin(this::createFamily)))
                .post("/families/{family}/tables/{table}", threads.wrap(admin(this::createTable)))
                .put("/families/{family}/tables/{table}", threads.wrap(admin(this::addFields)))
                .delete("/families/{family}/tables/{table}", threads.wrap(destructive(this::dropTable)))
                .post("/tables", threads.wrap(admin(this::createTables)))
                .get("/schema/table/{family}/{table}", threads.wrap(admin(this::schemaOfTable)))
                .get("/schema/family/{family}", threads.wrap(admin(this::schemaOfFamily)))
                .post("/writers/{writer}", threads.wrap(admin(this::registerWriter)))
                .get("/cookie", threads.wrap(this::cookie))
                .post("/cookie", threads.wrap(this::setCookie))
                .post("/families/{family}/mutations", threads.wrap(this::mutate))
                .get("/limits/tables", threads.wrap(admin(this::tableLimits)))
                .post("/limits/tables/{family}/{table}", threads.wrap(admin(this::setTableLimit)))
                .delete("/limits/tables/{family}/{table}", threads.wrap(admin(this::deleteTableLimit)))
                .get("/limits/writers", threads.wrap(admin(this::writerLimits)))
                .post("/limits/writers/{writer}", threads.wrap(admin(this::setWriterLimit)))
                .delete("/limits/writers/{writer}", threads.wrap(admin(this::deleteWriterLimit)))
                .delete("/clear-rows/families/{family}/tables/{table}", threads.wrap(destructive(this::clearTable)))
                .delete("/clear-rows/families/{family}", threads.wrap(destructive(this::clearFamily)))
                .get("/status", threads.wrap(this::status));
    }

    private Handler admin(Handler h) {
        return (req, res) -> {
            admin.check(req);
            h.handle(req, res);
        };
    }

    private Handler destructive(Handler h) {
        return admin((req, res) -> {
            if (!destructive) {
                throw new HttpError(403, "destructive schema changes (drop table, clear rows) are disabled; start"
                        + " the executive with them enabled, which is meant for test and stage environments");
            }
            h.handle(req, res);
        });
    }

    private void createFamily(ServerRequest req, ServerResponse res) {
        store.createFamily(param(req, "family"));
        res.send();
    }

    private void createTable(ServerRequest req, ServerResponse res) {
        TableDefinition t = ExecutiveJson.table(param(req, "family"), param(req, "table"), Bodies.json(req, LIMIT));
        store.createTables(List.of(t));
        res.send();
    }

    private void addFields(ServerRequest req, ServerResponse res) {
        store.addFields(param(req, "family"), param(req, "table"), ExecutiveJson.addedFields(Bodies.json(req,
                LIMIT)));
        res.send();
    }

    private void dropTable(ServerRequest req, ServerResponse res) {
        store.dropTable(param(req, "family"), param(req, "table"));
        res.send();
    }

    private void createTables(ServerRequest req, ServerResponse res) {
        store.createTables(ExecutiveJson.tables(Bodies.json(req, LIMIT)));
        res.send();
    }

    private void schemaOfTable(ServerRequest req, ServerResponse res) {
        json(res, ExecutiveJson.schema(store.table(param(req, "family"), param(req, "table"))));
    }

    private void schemaOfFamily(ServerRequest req, ServerResponse res) {
        json(res, store.tables(param(req, "family")).stream().map(ExecutiveJson::schema).toList());
    }

    private void registerWriter(ServerRequest req, ServerResponse res) {
        store.registerWriter(param(req, "writer"), Bodies.text(req, LIMIT));
        res.send();
    }

    private void cookie(ServerRequest req, ServerResponse res) {
        byte[] cookie = store.cookie(credentials(req));
        res.headers().contentType(OCTETS);
        res.send(cookie);
    }

    private void setCookie(ServerRequest req, ServerResponse res) {
        WriterCredentials writer = credentials(req);
        store.setCookie(writer, Bodies.bytes(req, LIMIT));
        res.send();
    }

    private void mutate(ServerRequest req, ServerResponse res) {
        WriterCredentials writer = credentials(req);
        MutationBatch batch = ExecutiveJson.mutations(param(req, "family"), Bodies.json(req, LIMIT));
        long seq = store.mutate(writer, batch);
        Counter.builder("ctrlstore.executive.mutations").description("rows changed by committed mutation requests")
                .tag("writer", writer.writer()).register(registry).increment(batch.mutations().size());
        res.header(SEQ, Long.toString(seq));
        res.send();
    }

    private void tableLimits(ServerRequest req, ServerResponse res) {
        json(res, ExecutiveJson.tableLimits(store.tableLimits()));
    }

    private void setTableLimit(ServerRequest req, ServerResponse res) {
        long[] warnMax = ExecutiveJson.tableLimit(Bodies.json(req, LIMIT));
        store.setTableLimit(param(req, "family"), param(req, "table"), warnMax[0], warnMax[1]);
        res.send();
    }

    private void deleteTableLimit(ServerRequest req, ServerResponse res) {
        store.deleteTableLimit(param(req, "family"), param(req, "table"));
        res.send();
    }

    private void writerLimits(ServerRequest req, ServerResponse res) {
        json(res, ExecutiveJson.writerLimits(store.writerLimits()));
    }

    private void setWriterLimit(ServerRequest req, ServerResponse res) {
        WriterLimits.RateLimit limit = ExecutiveJson.writerLimit(Bodies.json(req, LIMIT));
        store.setWriterLimit(param(req, "writer"), limit.amount(), limit.period());
        res.send();
    }

    private void deleteWriterLimit(ServerRequest req, ServerResponse res) {
        store.deleteWriterLimit(param(req, "writer"));
        res.send();
    }

    private void clearTable(ServerRequest req, ServerResponse res) {
        store.clearTable(param(req, "family"), param(req, "table"));
        res.send();
    }

    private void clearFamily(ServerRequest req, ServerResponse res) {
        store.clearFamily(param(req, "family"));
        res.send();
    }

    private void status(ServerRequest req, ServerResponse res) {
        store.ping();
        res.send("ok".getBytes(StandardCharsets.UTF_8));
    }

    private static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    private static WriterCredentials credentials(ServerRequest req) {
        var writer = req.headers().first(WRITER);
        var secret = req.headers().first(SECRET);
        if (writer.isEmpty() || secret.isEmpty()) {
            throw new HttpError(401, "missing header " + (writer.isEmpty() ? WRITER.defaultCase()
                    : SECRET.defaultCase()) + ": send the writer's name in ctlstore-writer and its secret in"
                    + " ctlstore-secret");
        }
        return new WriterCredentials(writer.get(), secret.get());
    }

    private static void json(ServerResponse res, Object body) {
        res.headers().contentType(JSON);
        res.send(Json.write(body));
    }
}
