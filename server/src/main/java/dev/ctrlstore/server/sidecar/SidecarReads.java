package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.replication.control.LdbReader;
import dev.ctrlstore.replication.control.LdbRow;
import dev.ctrlstore.replication.replica.LdbStore;
import dev.ctrlstore.server.http.HttpError;
import dev.ctrlstore.server.http.Json;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sidecar's reads without the HTTP stack: request parts in, JSON bytes out, refusals as exceptions the stack maps
 * ({@link dev.ctrlstore.server.http.ErrorMapping}). The Helidon routes call it, and so does the benchmark that
 * measures the same reads on another stack, so both do exactly the same work per request. Thread-safe.
 */
public final class SidecarReads {
    private final LdbStore ldb;
    private final LdbReader reader;
    private final int maxRows;
    private final Duration readDeadline;
    private final DistributionSummary prefixRows;

    SidecarReads(LdbStore ldb, LdbReader reader, int maxRows, Duration readDeadline, MeterRegistry meters) {
        this.ldb = ldb;
        this.reader = reader;
        this.maxRows = maxRows;
        this.readDeadline = readDeadline;
        // ctlstore's get-rows-by-key-prefix-num-rows: how much a prefix read returns, to size max rows by.
        this.prefixRows = DistributionSummary.builder("ctrlstore.sidecar.prefix.rows")
                .description("rows answered by one get-rows-by-key-prefix").register(meters);
    }

    /** {@code GET /v1/tenants/{tenant}/instances/{instance}}: the instance as JSON. */
    public byte[] instance(String tenant, String instance) {
        return ReplicaJson.write(ldb.instances().get(TenantId.parse(tenant), InstanceId.parse(instance)));
    }

    /**
     * {@code POST /get-row-by-key/{family}/{table}}: the row as a JSON object (column to value, bytes as base64,
     * NULL as null), or empty when no row has that key.
     *
     * @param body ctlstore's {@code {"Key":[{"Value":..},{"Binary":"<base64>"}]}}, every key field in key order
     */
    public Optional<byte[]> rowByKey(String family, String table, byte[] body) {
        Object[] key = ControlKeys.parse(body, false);
        return reader.getRowByKey(readDeadline, family, table, key).map(row -> Json.write(row.asMap()));
    }

    /**
     * {@code POST /get-rows-by-key-prefix/{family}/{table}}: the rows whose key starts with the given values, in key
     * order, as a JSON array ({@code []} when none).
     *
     * @throws HttpError 416 when more than the sidecar's max rows match
     */
    public byte[] rowsByKeyPrefix(String family, String table, byte[] body) {
        Object[] prefix = ControlKeys.parse(body, true);
        // One more than allowed tells "exactly max" from "too many" without reading the rest.
        int limit = maxRows == 0 ? Integer.MAX_VALUE : maxRows + 1;
        List<LdbRow> rows = reader.getRowsByKeyPrefix(readDeadline, family, table, limit, prefix);
        if (maxRows > 0 && rows.size() > maxRows) {
            throw new HttpError(416, "more than " + maxRows + " rows of " + family + "." + table + " match this"
                    + " key prefix (the sidecar's max rows); send a longer prefix");
        }
        prefixRows.record(rows.size());
        List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        for (LdbRow row : rows) {
            maps.add(row.asMap());
        }
        return Json.write(maps);
    }
}
