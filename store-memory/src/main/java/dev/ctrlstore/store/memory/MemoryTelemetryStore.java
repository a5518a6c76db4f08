package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.telemetry.LogEntry;
import dev.ctrlstore.store.telemetry.LogQuery;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.MetricQuery;
import dev.ctrlstore.store.telemetry.ResourceSnapshot;
import dev.ctrlstore.store.telemetry.Span;
import dev.ctrlstore.store.telemetry.TelemetryStore;
import dev.ctrlstore.store.telemetry.TraceQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Telemetry in memory: per kind, each tenant's rows in insertion order, each tagged with a store-wide insertion
 * sequence number that breaks timestamp ties (the SQL backends use an autoincrement row id). Rows are immutable
 * records, so they are handed out as they are. No instance hook: telemetry outlives its instance until purged.
 */
final class MemoryTelemetryStore implements TelemetryStore {
    private final MemoryState state;
    private final Table<Metric> metrics = new Table<>(Metric::timestamp);
    private final Table<LogEntry> logs = new Table<>(LogEntry::timestamp);
    private final Table<Span> spans = new Table<>(Span::timestamp);
    private final Table<ResourceSnapshot> snapshots = new Table<>(ResourceSnapshot::timestamp);
    /** Guarded by the write lock. */
    private long sequence;

    MemoryTelemetryStore(MemoryState state) {
        this.state = state;
    }

    @Override
    public void insertMetrics(List<Metric> batch) {
        List<Metric> rows = StoreRules.batch(batch, "metrics");
        state.write(() -> rows.forEach(m -> metrics.add(m.tenantId(), m)));
    }

    @Override
    public List<Metric> queryMetrics(TenantId tenantId, MetricQuery query) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(query, "query");
        return state.read(() -> metrics.newestFirst(tenantId, query::matches, query.window()));
    }

    @Override
    public void insertLogs(List<LogEntry> batch) {
        List<LogEntry> rows = StoreRules.batch(batch, "logs");
        state.write(() -> rows.forEach(e -> logs.add(e.tenantId(), e)));
    }

    @Override
    public List<LogEntry> queryLogs(TenantId tenantId, LogQuery query) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(query, "query");
        return state.read(() -> logs.newestFirst(tenantId, query::matches, query.window()));
    }

    @Override
    public void insertSpans(List<Span> batch) {
        List<Span> rows = StoreRules.batch(batch, "spans");
        state.write(() -> rows.forEach(s -> spans.add(s.tenantId(), s)));
    }

    @Override
    public List<Span> querySpans(TenantId tenantId, TraceQuery query) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(query, "query");
        return state.read(() -> spans.newestFirst(tenantId, query::matches, query.window()));
    }

    @Override
    public void insertResourceSnapshot(ResourceSnapshot snapshot) {
        Checks.notNull(snapshot, "snapshot");
        state.write(() -> snapshots.add(snapshot.tenantId(), snapshot));
    }

    @Override
    public Optional<ResourceSnapshot> latestResourceSnapshot(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return state.read(() -> snapshots.newestFirst(tenantId, s -> s.instanceId().equals(instanceId),
                TimeWindow.latest(1)).stream().findFirst());
    }

    @Override
    public List<ResourceSnapshot> listResourceSnapshots(TenantId tenantId, InstanceId instanceId,
            TimeWindow window) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        Checks.notNull(window, "window");
        return state.read(() -> snapshots.newestFirst(tenantId,
                s -> s.instanceId().equals(instanceId) && window.contains(s.timestamp()), window));
    }

    @Override
    public long purgeBefore(TenantId tenantId, Instant cutoff) {
        Checks.notNull(tenantId, "tenantId");
        Instant at = Times.required(cutoff, "cutoff");
        return state.write(() -> metrics.purge(tenantId, at) + logs.purge(tenantId, at) + spans.purge(tenantId, at)
                + snapshots.purge(tenantId, at));
    }

    private record Row<T>(long seq, T value) {
    }

    /** One kind of row, per tenant in insertion order. Every method runs under the state's lock. */
    private final class Table<T> {
        private final Map<TenantId, List<Row<T>>> byTenant = new HashMap<>();
        private final Function<T, Instant> timestamp;
        private final Comparator<Row<T>> newestFirst;

        Table(Function<T, Instant> timestamp) {
            this.timestamp = timestamp;
            Comparator<Row<T>> byTime = Comparator.comparing(r -> timestamp.apply(r.value()));
            this.newestFirst = byTime.thenComparingLong(Row::seq).reversed();
        }

        void add(TenantId tenantId, T value) {
            byTenant.computeIfAbsent(tenantId, t -> new ArrayList<>()).add(new Row<>(++sequence, value));
        }

        List<T> newestFirst(TenantId tenantId, Predicate<T> filter, TimeWindow window) {
            return byTenant.getOrDefault(tenantId, List.of()).stream()
                    .filter(r -> filter.test(r.value()))
                    .sorted(newestFirst)
                    .limit(window.limit())
                    .map(Row::value)
                    .toList();
        }

        long purge(TenantId tenantId, Instant cutoff) {
            List<Row<T>> rows = byTenant.get(tenantId);
            if (rows == null) {
                return 0;
            }
            int before = rows.size();
            rows.removeIf(r -> timestamp.apply(r.value()).isBefore(cutoff));
            if (rows.isEmpty()) {
                byTenant.remove(tenantId);
            }
            return before - rows.size();
        }
    }
}
