package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.replication.replica.LdbStore;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.WireValue;
import dev.ctrlstore.store.id.CertificateId;
import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.RouteId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceState;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The typed replica's reads over HTTP, answered by {@link LdbStore} from the LDB: one object by id, or the objects of
 * an instance. Every path is scoped to a tenant, so an id of another tenant is a 404 like a missing one.
 *
 * <pre>
 * GET /v1/tenants/{tenant}/instances?state=&amp;limit=&amp;cursor=     a page of instances
 * GET /v1/tenants/{tenant}/instances/{instance}                    one instance
 * GET /v1/tenants/{tenant}/instances/{instance}/releases?limit=&amp;cursor=
 * GET /v1/tenants/{tenant}/instances/{instance}/{routes|domains|certificates|checks}
 * GET /v1/tenants/{tenant}/{releases|routes|domains|certificates|checks}/{id}
 * </pre>
 */
final class ReplicaRoutes {
    private static final String TENANT = "/v1/tenants/{tenant}";

    private final LdbStore ldb;
    private final Freshness freshness;

    ReplicaRoutes(LdbStore ldb, Freshness freshness) {
        this.ldb = ldb;
        this.freshness = freshness;
    }

    void register(HttpRouting.Builder routing) {
        routing.get(TENANT + "/instances", (req, res) -> answer(req, res, (t, q) -> page(ldb.instances().list(t,
                instanceFilter(q), pageRequest(q)))));
        byId(routing, "instances/{id}", (t, id) -> ldb.instances().get(t, InstanceId.parse(id)));
        byInstance(routing, "releases", (t, i, q) -> page(ldb.deployments().listReleases(t, i, pageRequest(q))));
        byId(routing, "releases/{id}", (t, id) -> ldb.deployments().getRelease(t, ReleaseId.parse(id)));
        byInstance(routing, "routes", (t, i, q) -> ldb.network().listRoutes(t, i));
        byId(routing, "routes/{id}", (t, id) -> ldb.network().getRoute(t, RouteId.parse(id)));
        byInstance(routing, "domains", (t, i, q) -> ldb.network().listDomains(t, i));
        byId(routing, "domains/{id}", (t, id) -> ldb.network().getDomain(t, DomainId.parse(id)));
        byInstance(routing, "certificates", (t, i, q) -> ldb.network().listCertificates(t, i));
        byId(routing, "certificates/{id}", (t, id) -> ldb.network().getCertificate(t, CertificateId.parse(id)));
        byInstance(routing, "checks", (t, i, q) -> ldb.health().listChecks(t, i));
        byId(routing, "checks/{id}", (t, id) -> ldb.health().getCheck(t, HealthCheckId.parse(id)));
    }

    private interface InstanceRead {
        Object read(TenantId tenant, InstanceId instance, UriQuery query);
    }

    private void byId(HttpRouting.Builder routing, String path, BiFunction<TenantId, String, Object> read) {
        routing.get(TENANT + "/" + path, (req, res) -> answer(req, res,
                (t, q) -> read.apply(t, req.path().pathParameters().get("id"))));
    }

    private void byInstance(HttpRouting.Builder routing, String what, InstanceRead read) {
        routing.get(TENANT + "/instances/{instance}/" + what, (req, res) -> answer(req, res, (t, q) -> {
            InstanceId instance = InstanceId.parse(req.path().pathParameters().get("instance"));
            // An unknown instance is a 404, not an empty list: a typo in the id must not look like "no routes".
            ldb.instances().get(t, instance);
            return read.read(t, instance, q);
        }));
    }

    private void answer(ServerRequest req, ServerResponse res, BiFunction<TenantId, UriQuery, Object> read) {
        UriQuery query = req.query();
        freshness.await(query, res);
        TenantId tenant = TenantId.parse(req.path().pathParameters().get("tenant"));
        Object body = read.apply(tenant, query);
        res.header("Content-Type", "application/json");
        res.send(ReplicaJson.write(body));
    }

    private static Map<String, Object> page(Page<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor().orElse(null));
        return body;
    }

    private static PageRequest pageRequest(UriQuery query) {
        int limit = (int) Freshness.number(query, "limit", PageRequest.MIN_LIMIT, PageRequest.MAX_LIMIT,
                PageRequest.DEFAULT_LIMIT);
        String cursor = query.contains("cursor") ? query.get("cursor") : null;
        return new PageRequest(limit, cursor);
    }

    private static InstanceFilter instanceFilter(UriQuery query) {
        InstanceFilter filter = InstanceFilter.all();
        if (query.contains("state")) {
            filter = filter.withState(WireValue.parse(InstanceState.class, query.get("state"), "state"));
        }
        return filter;
    }
}
