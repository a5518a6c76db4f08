package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.jooq.tables.records.ResourceSnapshotsRecord;
import dev.ctrlstore.store.telemetry.LogEntry;
import dev.ctrlstore.store.telemetry.LogQuery;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.MetricQuery;
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
        query.name().ifPresent(n -> where.add(METRICS.NAME.eq(n)));
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
        query.level().ifPresent(l -> where.add(LOGS.LEVEL.eq(l)));
        // contains() escapes % and _ (and the escape character), so the search text is literal
        query.search().ifPresent(s -> where.add(LOGS.MESSAGE_FOLDED.contains(fold(s))));
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
        query.traceId().ifPresent(t -> where.add(SPANS.TRACE_ID.eq(t)));
        query.operation().ifPresent(o -> where.add(SPANS.OPERATION.eq(o)));
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
        Instant at = Times.micros(Checks.notNull(cutoff, "cutoff"));
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
            insert = insert.values(m.tenantId(), m.instanceId(), m.name(), m.type(), m.value(), m.labels(),
                    m.timestamp());
        }
        insert.execute();
    }

    private static void insertLogRows(DSLContext ctx, List<LogEntry> rows) {
        var insert = ctx.insertInto(LOGS, LOGS.TENANT_ID, LOGS.INSTANCE_ID, LOGS.LEVEL, LOGS.MESSAGE,
                LOGS.MESSAGE_FOLDED, LOGS.FIELDS, LOGS.SOURCE, LOGS.RECORDED_AT);
        for (LogEntry e : rows) {
            insert = insert.values(e.tenantId(), e.instanceId(), e.level(), e.message(), fold(e.message()),
                    e.fields(), e.source(), e.timestamp());
        }
        insert.execute();
    }

    private static void insertSpanRows(DSLContext ctx, List<Span> rows) {
        var insert = ctx.insertInto(SPANS, SPANS.TENANT_ID, SPANS.INSTANCE_ID, SPANS.TRACE_ID, SPANS.SPAN_ID,
                SPANS.PARENT_ID, SPANS.OPERATION, SPANS.DURATION_US, SPANS.STATUS, SPANS.ATTRIBUTES,
                SPANS.RECORDED_AT);
        for (Span s : rows) {
            insert = insert.values(s.tenantId(), s.instanceId(), s.traceId(), s.spanId(), s.parentId(),
                    s.operation(), s.duration(), s.status(), s.attributes(), s.timestamp());
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
