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
import dev.ctrlstore.store.telemetry.MetricType;
import dev.ctrlstore.store.telemetry.ResourceSnapshot;
import dev.ctrlstore.store.telemetry.Span;
import dev.ctrlstore.store.telemetry.TelemetryStore;
import dev.ctrlstore.store.telemetry.TraceQuery;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

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
    /** Rows per multi-row INSERT: a batch is one transaction, but a statement must stay under the bind limit. */
    private static final int ROWS_PER_STATEMENT = 500;

    SqlTelemetryStore(SqlDatabase db, Clock clock) {
        super(db, clock);
    }

    @Override
    public void insertMetrics(List<Metric> metrics) {
        List<Metric> rows = StoreRules.batch(metrics, "metrics");
        write("telemetry().insertMetrics", ctx -> {
            inChunks(ctx, rows, SqlTelemetryStore::insertMetricRows);
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
                .fetch().stream().map(SqlTelemetryStore::toMetric).toList());
    }

    @Override
    public void insertLogs(List<LogEntry> logs) {
        List<LogEntry> rows = StoreRules.batch(logs, "logs");
        write("telemetry().insertLogs", ctx -> {
            inChunks(ctx, rows, SqlTelemetryStore::insertLogRows);
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
                .fetch().stream().map(SqlTelemetryStore::toLogEntry).toList());
    }

    @Override
    public void insertSpans(List<Span> spans) {
        List<Span> rows = StoreRules.batch(spans, "spans");
        write("telemetry().insertSpans", ctx -> {
            inChunks(ctx, rows, SqlTelemetryStore::insertSpanRows);
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
                .fetch().stream().map(SqlTelemetryStore::toSpan).toList());
    }

    @Override
    public void insertResourceSnapshot(ResourceSnapshot snapshot) {
        Checks.notNull(snapshot, "snapshot");
        write("telemetry().insertResourceSnapshot", ctx -> {
            ctx.executeInsert(toRecord(snapshot));
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
                .fetchOptional(SqlTelemetryStore::toSnapshot));
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
                .fetch().stream().map(SqlTelemetryStore::toSnapshot).toList());
    }

    @Override
    public long purgeBefore(TenantId tenantId, Instant cutoff) {
        Checks.notNull(tenantId, "tenantId");
        Instant at = Times.required(cutoff, "cutoff");
        return write("telemetry().purgeBefore", ctx -> {
            long deleted = ctx.deleteFrom(METRICS)
                    .where(METRICS.TENANT_ID.eq(tenantId), METRICS.RECORDED_AT.lt(at)).execute();
            deleted += ctx.deleteFrom(LOGS)
                    .where(LOGS.TENANT_ID.eq(tenantId), LOGS.RECORDED_AT.lt(at)).execute();
            deleted += ctx.deleteFrom(SPANS)
                    .where(SPANS.TENANT_ID.eq(tenantId), SPANS.RECORDED_AT.lt(at)).execute();
            deleted += ctx.deleteFrom(RESOURCE_SNAPSHOTS)
                    .where(RESOURCE_SNAPSHOTS.TENANT_ID.eq(tenantId), RESOURCE_SNAPSHOTS.RECORDED_AT.lt(at)).execute();
            return deleted;
        });
    }

    /** Inserts the rows in list order (so seq follows it), a statement per chunk, all in the caller's transaction. */
    private static <T> void inChunks(DSLContext ctx, List<T> rows, BiConsumer<DSLContext, List<T>> insert) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            insert.accept(ctx, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
        }
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

    private static void insertMetricRows(DSLContext ctx, List<Metric> rows) {
        var insert = ctx.insertInto(METRICS, METRICS.TENANT_ID, METRICS.INSTANCE_ID, METRICS.NAME,
                METRICS.METRIC_TYPE, METRICS.METRIC_VALUE, METRICS.LABELS, METRICS.RECORDED_AT);
        for (Metric m : rows) {
            insert = insert.values(m.tenantId(), m.instanceId(), m.name(), m.type().wire(), m.value(),
                    Json.STRING_MAP.to(m.labels()), m.timestamp());
        }
        insert.execute();
    }

    private static void insertLogRows(DSLContext ctx, List<LogEntry> rows) {
        var insert = ctx.insertInto(LOGS, LOGS.TENANT_ID, LOGS.INSTANCE_ID, LOGS.LEVEL, LOGS.MESSAGE,
                LOGS.MESSAGE_FOLDED, LOGS.FIELDS, LOGS.SOURCE, LOGS.RECORDED_AT);
        for (LogEntry e : rows) {
            insert = insert.values(e.tenantId(), e.instanceId(), e.level(), e.message(), fold(e.message()),
                    Json.DOCUMENT.to(e.fields()), e.source(), e.timestamp());
        }
        insert.execute();
    }

    private static void insertSpanRows(DSLContext ctx, List<Span> rows) {
        var insert = ctx.insertInto(SPANS, SPANS.TENANT_ID, SPANS.INSTANCE_ID, SPANS.TRACE_ID, SPANS.SPAN_ID,
                SPANS.PARENT_ID, SPANS.OPERATION, SPANS.DURATION_US, SPANS.STATUS, SPANS.ATTRIBUTES,
                SPANS.RECORDED_AT);
        for (Span s : rows) {
            insert = insert.values(s.tenantId(), s.instanceId(), s.traceId(), s.spanId(), s.parentId(),
                    s.operation(), s.duration(), s.status(), Json.STRING_MAP.to(s.attributes()), s.timestamp());
        }
        insert.execute();
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

    private static Metric toMetric(MetricsRecord r) {
        return Metric.builder()
                .tenantId(r.getTenantId())
                .instanceId(r.getInstanceId())
                .name(r.getName())
                .type(MetricType.fromWire(r.getMetricType()))
                .value(r.getMetricValue())
                .labels(Json.STRING_MAP.from(r.getLabels()))
                .timestamp(r.getRecordedAt())
                .build();
    }

    private static LogEntry toLogEntry(LogsRecord r) {
        return LogEntry.builder()
                .tenantId(r.getTenantId())
                .instanceId(r.getInstanceId())
                .level(r.getLevel())
                .message(r.getMessage())
                .fields(Json.DOCUMENT.from(r.getFields()))
                .source(r.getSource())
                .timestamp(r.getRecordedAt())
                .build();
    }

    private static Span toSpan(SpansRecord r) {
        return Span.builder()
                .tenantId(r.getTenantId())
                .instanceId(r.getInstanceId())
                .traceId(r.getTraceId())
                .spanId(r.getSpanId())
                .parentId(r.getParentId())
                .operation(r.getOperation())
                .duration(r.getDurationUs())
                .status(r.getStatus())
                .attributes(Json.STRING_MAP.from(r.getAttributes()))
                .timestamp(r.getRecordedAt())
                .build();
    }

    private static ResourceSnapshot toSnapshot(ResourceSnapshotsRecord r) {
        return ResourceSnapshot.builder()
                .tenantId(r.getTenantId())
                .instanceId(r.getInstanceId())
                .cpuPercent(r.getCpuPercent())
                .memoryUsedMb(r.getMemoryUsedMb())
                .memoryLimitMb(r.getMemoryLimitMb())
                .diskUsedMb(r.getDiskUsedMb())
                .networkInMb(r.getNetworkInMb())
                .networkOutMb(r.getNetworkOutMb())
                .timestamp(r.getRecordedAt())
                .build();
    }
}
