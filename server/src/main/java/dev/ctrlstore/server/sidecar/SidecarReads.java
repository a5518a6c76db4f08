package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.replication.replica.LdbStore;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;

/**
 * The sidecar's reads without the HTTP stack: request parts in, JSON bytes out, refusals as exceptions the stack maps
 * ({@link dev.ctrlstore.server.http.ErrorMapping}). The Helidon routes call it, and so does the benchmark that
 * measures the same reads on another stack, so both do exactly the same work per request. Thread-safe.
 */
public final class SidecarReads {
    private final LdbStore ldb;

    SidecarReads(LdbStore ldb) {
        this.ldb = ldb;
    }

    /** {@code GET /v1/tenants/{tenant}/instances/{instance}}: the instance as JSON. */
    public byte[] instance(String tenant, String instance) {
        return ReplicaJson.write(ldb.instances().get(TenantId.parse(tenant), InstanceId.parse(instance)));
    }
}
