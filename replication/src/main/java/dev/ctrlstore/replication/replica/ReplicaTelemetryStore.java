package dev.ctrlstore.replication.replica;

import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.telemetry.LogEntry;
import dev.ctrlstore.store.telemetry.LogQuery;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.MetricQuery;
import dev.ctrlstore.store.telemetry.ResourceSnapshot;
import dev.ctrlstore.store.telemetry.Span;
import dev.ctrlstore.store.telemetry.TelemetryStore;
import dev.ctrlstore.store.telemetry.TraceQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Telemetry is history and stays at the center: every read is refused, every write goes to the read-only file. */
final class ReplicaTelemetryStore implements TelemetryStore {
    private final TelemetryStore local;
    private final Refusals refuse;

    ReplicaTelemetryStore(TelemetryStore local, Refusals refuse) {
        this.local = local;
        this.refuse = refuse;
    }

    @Override
    public void insertMetrics(List<Metric> metrics) {
        local.insertMetrics(metrics);
    }

    @Override
    public List<Metric> queryMetrics(TenantId tenantId, MetricQuery query) {
        throw refuse.telemetry("telemetry().queryMetrics", ResourceKind.METRIC);
    }

    @Override
    public void insertLogs(List<LogEntry> logs) {
        local.insertLogs(logs);
    }

    @Override
    public List<LogEntry> queryLogs(TenantId tenantId, LogQuery query) {
        throw refuse.telemetry("telemetry().queryLogs", ResourceKind.LOG_ENTRY);
    }

    @Override
    public void insertSpans(List<Span> spans) {
        local.insertSpans(spans);
    }

    @Override
    public List<Span> querySpans(TenantId tenantId, TraceQuery query) {
        throw refuse.telemetry("telemetry().querySpans", ResourceKind.TRACE);
    }

    @Override
    public void insertResourceSnapshot(ResourceSnapshot snapshot) {
        local.insertResourceSnapshot(snapshot);
    }

    @Override
    public Optional<ResourceSnapshot> latestResourceSnapshot(TenantId tenantId, InstanceId instanceId) {
        throw refuse.telemetry("telemetry().latestResourceSnapshot", ResourceKind.RESOURCE_SNAPSHOT);
    }

    @Override
    public List<ResourceSnapshot> listResourceSnapshots(TenantId tenantId, InstanceId instanceId, TimeWindow window) {
        throw refuse.telemetry("telemetry().listResourceSnapshots", ResourceKind.RESOURCE_SNAPSHOT);
    }

    @Override
    public long purgeBefore(TenantId tenantId, Instant cutoff) {
        return local.purgeBefore(tenantId, cutoff);
    }
}
