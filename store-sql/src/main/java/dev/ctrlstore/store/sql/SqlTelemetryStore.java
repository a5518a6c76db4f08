package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.jooq.tables.records.LogsRecord;
import dev.ctrlstore.store.jooq.tables.records.MetricsRecord;
import dev.ctrlstore.store.jooq.tables.records.ResourceSnapshotsRecord;
import dev.ctrlstore.store.jooq.tables.records.SpansRecord;
import dev.ctrlstore.store.telemetry.LogEntry;
import dev.ctrlstore.store.telemetry.LogQuery;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.MetricQuery;
import dev.ctrlstore.store.telemetry.ResourceSnapshot;
import dev.ctrlstore.store.telemetry.Span;
import dev.ctrlstore.store.telemetry.TelemetryStore;
import dev.ctrlstore.store.telemetry.TraceQuery;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.ctrlstore.store.jooq.Tables.LOGS;
import static dev.ctrlstore.store.jooq.Tables.METRICS;
import static dev.ctrlstore.store.jooq.Tables.RESOURCE_SNAPSHOTS;
import static dev.ctrlstore.store.jooq.Tables.SPANS;

/**
 * Telemetry in the {@code metrics}, {@code logs}, {@code spans} and {@code resource_snapshots} tables. Each row's
 * {@code seq} (an autoincrement) is its insertion order and breaks timestamp ties, newest first. The tables have no
 * foreign key to instances: rows need no existing instance and outlive a deleted one until purged. Logs also keep
 * {@code message_folded}, the message lower-cased here in Java exactly as {@link LogQuery#messageMatches} does, so
 * a search is the same plain substring test in every dialect (SQLite's {@code lower()} only folds ASCII).
 */
final class SqlTelemetryStore extends SqlSubsystem implements TelemetryStore {
    SqlTelemetryStore(SqlDatabase db, Clock clock) {
        super(db, clock);
    }

    @Override
    public void insertMetrics(List<Metric> metrics) {
        List<Metric> rows = StoreRules.batch(metrics, "metrics");
        transact("telemetry().insertMetrics", tx -> {
            tx.append(rows.stream().map(SqlTelemetryStore::toRecord).toList());
            return null;
        });
    }

    @Override
    public List<Metric> queryMetrics(TenantId tenantId, MetricQuery query) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(query, "query");
        List<Condition> where = new ArrayList<>();
        where.add(METRICS.TENANT_ID.eq(tenantId));
        query.instanceId().ifPresent(i -> where.add(METRICS.INSTANCE_ID.eq(i)));
        query.name().ifPresent(n -> where.add(Lookups.eq(METRICS.NAME, n)));
        where.add(within(METRICS.RECORDED_AT, query.window()));
        return read(ctx -> ctx.selectFrom(METRICS)
                .where(where)
                .orderBy(METRICS.RECORDED_AT.desc(), METRICS.SEQ.desc())
                .limit(query.window().limit())
                .fetch().stream().map(r -> toMetric(Row.of(r))).toList());
    }

    @Override
    public void insertLogs(List<LogEntry> logs) {
        List<LogEntry> rows = StoreRules.batch(logs, "logs");
        transact("telemetry().insertLogs", tx -> {
            tx.append(rows.stream().map(SqlTelemetryStore::toRecord).toList());
            return null;
        });
    }

    @Override
    public List<LogEntry> queryLogs(TenantId tenantId, LogQuery query) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(query, "query");
        List<Condition> where = new ArrayList<>();
        where.add(LOGS.TENANT_ID.eq(tenantId));
        query.instanceId().ifPresent(i -> where.add(LOGS.INSTANCE_ID.eq(i)));
        query.level().ifPresent(l -> where.add(Lookups.eq(LOGS.LEVEL, l)));
        // contains() escapes % and _ (and the escape character), so the search text is literal
        query.search().ifPresent(s -> where.add(Lookups.contains(LOGS.MESSAGE_FOLDED, fold(s))));
        where.add(within(LOGS.RECORDED_AT, query.window()));
        return read(ctx -> ctx.selectFrom(LOGS)
                .where(where)
                .orderBy(LOGS.RECORDED_AT.desc(), LOGS.SEQ.desc())
                .limit(query.window().limit())
                .fetch().stream().map(r -> toLogEntry(Row.of(r))).toList());
    }

    @Override
    public void insertSpans(List<Span> spans) {
        List<Span> rows = StoreRules.batch(spans, "spans");
        transact("telemetry().insertSpans", tx -> {
            tx.append(rows.stream().map(SqlTelemetryStore::toRecord).toList());
            return null;
        });
    }

    @Override
    public List<Span> querySpans(TenantId tenantId, TraceQuery query) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(query, "query");
        List<Condition> where = new ArrayList<>();
        where.add(SPANS.TENANT_ID.eq(tenantId));
        query.instanceId().ifPresent(i -> where.add(SPANS.INSTANCE_ID.eq(i)));
        query.traceId().ifPresent(t -> where.add(Lookups.eq(SPANS.TRACE_ID, t)));
        query.operation().ifPresent(o -> where.add(Lookups.eq(SPANS.OPERATION, o)));
        where.add(within(SPANS.RECORDED_AT, query.window()));
        return read(ctx -> ctx.selectFrom(SPANS)
                .where(where)
                .orderBy(SPANS.RECORDED_AT.desc(), SPANS.SEQ.desc())
                .limit(query.window().limit())
                .fetch().stream().map(r -> toSpan(Row.of(r))).toList());
    }

    @Override
    public void insertResourceSnapshot(ResourceSnapshot snapshot) {
        Checks.notNull(snapshot, "snapshot");
        transact("telemetry().insertResourceSnapshot", tx -> {
            tx.insert(toRecord(snapshot));
            return null;
        });
    }

    @Override
    public Optional<ResourceSnapshot> latestResourceSnapshot(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return read(ctx -> ctx.selectFrom(RESOURCE_SNAPSHOTS)
                .where(RESOURCE_SNAPSHOTS.TENANT_ID.eq(tenantId), RESOURCE_SNAPSHOTS.INSTANCE_ID.eq(instanceId))
                .orderBy(RESOURCE_SNAPSHOTS.RECORDED_AT.desc(), RESOURCE_SNAPSHOTS.SEQ.desc())
                .limit(1)
                .fetchOptional(r -> toSnapshot(Row.of(r))));
    }

    @Override
    public List<ResourceSnapshot> listResourceSnapshots(TenantId tenantId, InstanceId instanceId,
            TimeWindow window) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        Checks.notNull(window, "window");
        return read(ctx -> ctx.selectFrom(RESOURCE_SNAPSHOTS)
                .where(RESOURCE_SNAPSHOTS.TENANT_ID.eq(tenantId), RESOURCE_SNAPSHOTS.INSTANCE_ID.eq(instanceId),
                        within(RESOURCE_SNAPSHOTS.RECORDED_AT, window))
                .orderBy(RESOURCE_SNAPSHOTS.RECORDED_AT.desc(), RESOURCE_SNAPSHOTS.SEQ.desc())
                .limit(window.limit())
                .fetch().stream().map(r -> toSnapshot(Row.of(r))).toList());
    }

    @Override
    public long purgeBefore(TenantId tenantId, Instant cutoff) {
        Checks.notNull(tenantId, "tenantId");
        Instant at = Times.required(cutoff, "cutoff");
        return transact("telemetry().purgeBefore", tx -> {
            long deleted = tx.purge(METRICS, METRICS.TENANT_ID.eq(tenantId).and(METRICS.RECORDED_AT.lt(at)));
            deleted += tx.purge(LOGS, LOGS.TENANT_ID.eq(tenantId).and(LOGS.RECORDED_AT.lt(at)));
            deleted += tx.purge(SPANS, SPANS.TENANT_ID.eq(tenantId).and(SPANS.RECORDED_AT.lt(at)));
            deleted += tx.purge(RESOURCE_SNAPSHOTS, RESOURCE_SNAPSHOTS.TENANT_ID.eq(tenantId)
                    .and(RESOURCE_SNAPSHOTS.RECORDED_AT.lt(at)));
            return deleted;
        });
    }

    /** The window's bounds, both inclusive, as {@link TimeWindow#contains}; its limit is applied by the caller. */
    private static Condition within(Field<Instant> time, TimeWindow window) {
        Condition c = DSL.noCondition();
        if (window.since().isPresent()) {
            c = c.and(time.ge(window.since().get()));
        }
        if (window.until().isPresent()) {
            c = c.and(time.le(window.until().get()));
        }
        return c;
    }

    /** The case folding of {@link LogQuery#messageMatches}, applied to stored messages and search text alike. */
    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static MetricsRecord toRecord(Metric m) {
        MetricsRecord r = newRecord(METRICS);
        r.setTenantId(m.tenantId());
        r.setInstanceId(m.instanceId());
        r.setName(m.name());
        r.setMetricType(m.type());
        r.setMetricValue(m.value());
        r.setLabels(m.labels());
        r.setRecordedAt(m.timestamp());
        return r;
    }

    private static LogsRecord toRecord(LogEntry e) {
        LogsRecord r = newRecord(LOGS);
        r.setTenantId(e.tenantId());
        r.setInstanceId(e.instanceId());
        r.setLevel(e.level());
        r.setMessage(e.message());
        r.setMessageFolded(fold(e.message()));
        r.setFields(e.fields());
        r.setSource(e.source());
        r.setRecordedAt(e.timestamp());
        return r;
    }

    private static SpansRecord toRecord(Span s) {
        SpansRecord r = newRecord(SPANS);
        r.setTenantId(s.tenantId());
        r.setInstanceId(s.instanceId());
        r.setTraceId(s.traceId());
        r.setSpanId(s.spanId());
        r.setParentId(s.parentId());
        r.setOperation(s.operation());
        r.setDurationUs(s.duration());
        r.setStatus(s.status());
        r.setAttributes(s.attributes());
        r.setRecordedAt(s.timestamp());
        return r;
    }

    private static ResourceSnapshotsRecord toRecord(ResourceSnapshot s) {
        ResourceSnapshotsRecord r = new ResourceSnapshotsRecord();
        r.setTenantId(s.tenantId());
        r.setInstanceId(s.instanceId());
        r.setCpuPercent(s.cpuPercent());
        r.setMemoryUsedMb(s.memoryUsedMb());
        r.setMemoryLimitMb(s.memoryLimitMb());
        r.setDiskUsedMb(s.diskUsedMb());
        r.setNetworkInMb(s.networkInMb());
        r.setNetworkOutMb(s.networkOutMb());
        r.setRecordedAt(s.timestamp());
        return r;
    }

    private static Metric toMetric(Row r) {
        return Metric.builder()
                .tenantId(r.get(METRICS.TENANT_ID))
                .instanceId(r.get(METRICS.INSTANCE_ID))
                .name(r.get(METRICS.NAME))
                .type(r.get(METRICS.METRIC_TYPE))
                .value(r.get(METRICS.METRIC_VALUE))
                .labels(r.get(METRICS.LABELS))
                .timestamp(r.get(METRICS.RECORDED_AT))
                .build();
    }

    private static LogEntry toLogEntry(Row r) {
        return LogEntry.builder()
                .tenantId(r.get(LOGS.TENANT_ID))
                .instanceId(r.get(LOGS.INSTANCE_ID))
                .level(r.get(LOGS.LEVEL))
                .message(r.get(LOGS.MESSAGE))
                .fields(r.get(LOGS.FIELDS))
                .source(r.get(LOGS.SOURCE))
                .timestamp(r.get(LOGS.RECORDED_AT))
                .build();
    }

    private static Span toSpan(Row r) {
        return Span.builder()
                .tenantId(r.get(SPANS.TENANT_ID))
                .instanceId(r.get(SPANS.INSTANCE_ID))
                .traceId(r.get(SPANS.TRACE_ID))
                .spanId(r.get(SPANS.SPAN_ID))
                .parentId(r.get(SPANS.PARENT_ID))
                .operation(r.get(SPANS.OPERATION))
                .duration(r.get(SPANS.DURATION_US))
                .status(r.get(SPANS.STATUS))
                .attributes(r.get(SPANS.ATTRIBUTES))
                .timestamp(r.get(SPANS.RECORDED_AT))
                .build();
    }

    private static ResourceSnapshot toSnapshot(Row r) {
        return ResourceSnapshot.builder()
                .tenantId(r.get(RESOURCE_SNAPSHOTS.TENANT_ID))
                .instanceId(r.get(RESOURCE_SNAPSHOTS.INSTANCE_ID))
                .cpuPercent(r.get(RESOURCE_SNAPSHOTS.CPU_PERCENT))
                .memoryUsedMb(r.get(RESOURCE_SNAPSHOTS.MEMORY_USED_MB))
                .memoryLimitMb(r.get(RESOURCE_SNAPSHOTS.MEMORY_LIMIT_MB))
                .diskUsedMb(r.get(RESOURCE_SNAPSHOTS.DISK_USED_MB))
                .networkInMb(r.get(RESOURCE_SNAPSHOTS.NETWORK_IN_MB))
                .networkOutMb(r.get(RESOURCE_SNAPSHOTS.NETWORK_OUT_MB))
                .timestamp(r.get(RESOURCE_SNAPSHOTS.RECORDED_AT))
                .build();
    }
}
