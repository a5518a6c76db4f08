package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.telemetry.LogEntry;
import dev.ctrlstore.store.telemetry.LogQuery;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.MetricQuery;
import dev.ctrlstore.store.telemetry.MetricType;
import dev.ctrlstore.store.telemetry.ResourceSnapshot;
import dev.ctrlstore.store.telemetry.Span;
import dev.ctrlstore.store.telemetry.TelemetryStore;
import dev.ctrlstore.store.telemetry.TraceQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import static dev.ctrlstore.store.tck.StoreAssertions.assertInvalidArgument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules T-n of the telemetry store (metrics, logs, spans, resource snapshots): append-only history with caller-given
 * event times, read newest first within a time window, strictly per tenant, purged by retention. The rules are listed
 * in {@code tck-rules/telemetry.md}.
 *
 * <p>If these fail, check the tenant predicate of every telemetry read and purge, the (timestamp desc, insertion
 * desc) order and where the limit is applied, and that batches are validated before anything is written.
 */
public abstract class TelemetryStoreContract extends ContractSupport {
    private static final Instant T0 = TestClock.START;
    private static final int LONG_TEXT = 1 << 20;

    private final InstanceId inst = InstanceId.generate();
    private final InstanceId inst2 = InstanceId.generate();

    private TelemetryStore telemetry() {
        return store.telemetry();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Metric metric(TenantId t, InstanceId i, String name, double value, Instant ts) {
        return Metric.builder().tenantId(t).instanceId(i).name(name).value(value).timestamp(ts).build();
    }

    private static LogEntry log(TenantId t, InstanceId i, String level, String message, Instant ts) {
        return LogEntry.builder().tenantId(t).instanceId(i).level(level).message(message).timestamp(ts).build();
    }

    private static Span span(TenantId t, InstanceId i, String traceId, String spanId, String operation,
            Instant ts) {
        return Span.builder().tenantId(t).instanceId(i).traceId(traceId).spanId(spanId).operation(operation)
                .timestamp(ts).build();
    }

    private static ResourceSnapshot snapshot(TenantId t, InstanceId i, long memoryUsedMb, Instant ts) {
        return ResourceSnapshot.builder().tenantId(t).instanceId(i).memoryUsedMb(memoryUsedMb).timestamp(ts).build();
    }

    /** One row of each kind for (tenant, instance) at {@code ts}; the metric's value and snapshot's memory = n. */
    private void insertOneOfEach(TenantId t, InstanceId i, int n, Instant ts) {
        telemetry().insertMetrics(List.of(metric(t, i, "cpu", n, ts)));
        telemetry().insertLogs(List.of(log(t, i, "info", "line " + n, ts)));
        telemetry().insertSpans(List.of(span(t, i, "trace-" + n, "span-" + n, "op", ts)));
        telemetry().insertResourceSnapshot(snapshot(t, i, n, ts));
    }

    /** Every row the tenant has of one instance, per kind, at most 1,000 of each. */
    private record Everything(List<Metric> metrics, List<LogEntry> logs, List<Span> spans,
            List<ResourceSnapshot> snapshots) {
    }

    private Everything everything(TenantId t, InstanceId i) {
        TimeWindow all = TimeWindow.latest(1000);
        return new Everything(
                telemetry().queryMetrics(t, MetricQuery.forInstance(i).withWindow(all)),
                telemetry().queryLogs(t, LogQuery.forInstance(i).withWindow(all)),
                telemetry().querySpans(t, TraceQuery.forInstance(i).withWindow(all)),
                telemetry().listResourceSnapshots(t, i, all));
    }

    private static <T> List<Instant> times(List<T> rows, Function<T, Instant> timestamp) {
        return rows.stream().map(timestamp).toList();
    }

    private static List<Double> values(List<Metric> metrics) {
        return metrics.stream().map(Metric::value).toList();
    }

    private static Map<String, String> labels(int n) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(UNICODE, UNICODE);
        m.put("empty", "");
        for (int i = 0; i < n; i++) {
            m.put("label-" + i, "value " + i);
        }
        return m;
    }

    // ---- round trips ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("T-1a a metric sample reads back with every field: name, type, value, labels and timestamp")
    void metricRoundTrip() {
        Metric full = Metric.builder().tenantId(tenant).instanceId(inst).name("requests " + UNICODE)
                .type(MetricType.COUNTER).value(-1234.5678e-3).labels(labels(200)).timestamp(at(1)).build();
        Metric plain = Metric.builder().tenantId(tenant).instanceId(inst).name("mem").type(MetricType.HISTOGRAM)
                .value(Double.MAX_VALUE).timestamp(at(2)).build();
        Metric tiny = metric(tenant, inst, "tiny", 1e-300, at(3));

        telemetry().insertMetrics(List.of(full, plain, tiny));

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst))).containsExactly(tiny, plain, full);
    }

    @Test
    @DisplayName("T-1b a log entry reads back with every field, a message of 1,048,576 characters included")
    void logRoundTrip() {
        LogEntry full = LogEntry.builder().tenantId(tenant).instanceId(inst).level("WARN " + UNICODE)
                .message(UNICODE + text(LONG_TEXT - UNICODE.length())).fields(Map.of("user", UNICODE, "n", 7L))
                .source("stderr " + UNICODE).timestamp(at(1)).build();
        LogEntry bare = log(tenant, inst, "debug", "", at(2));

        telemetry().insertLogs(List.of(full, bare));

        List<LogEntry> got = telemetry().queryLogs(tenant, LogQuery.forInstance(inst));
        assertThat(got).containsExactly(bare, full);
        assertThat(got.get(1).message()).hasSize(LONG_TEXT);
        assertThat(got.get(0).fields()).isEmpty();
        assertThat(got.get(0).source()).isEmpty();
    }

    @Test
    @DisplayName("T-1c a span reads back with every field; a root span has parentId \"\"; duration keeps micros")
    void spanRoundTrip() {
        Span child = Span.builder().tenantId(tenant).instanceId(inst).traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .spanId("00f067aa0ba902b7").parentId("a3ce929d0e0e4736").operation("GET /health " + UNICODE)
                .duration(Duration.ofSeconds(3, 123_456_789)).status("error").attributes(labels(50))
                .timestamp(at(1)).build();
        Span root = span(tenant, inst, "4bf92f3577b34da6a3ce929d0e0e4736", "a3ce929d0e0e4736", "handler", at(2))
                .toBuilder().duration(Duration.ofDays(400)).build();

        telemetry().insertSpans(List.of(child, root));

        List<Span> got = telemetry().querySpans(tenant, TraceQuery.forInstance(inst));
        assertThat(got).containsExactly(root, child);
        assertThat(got.get(1).duration()).isEqualTo(Duration.ofSeconds(3, 123_456_000));
        assertThat(got.get(0).parentId()).isEmpty();
        assertThat(got.get(0).isRoot()).isTrue();
        assertThat(got.get(0).status()).isEmpty();
    }

    @Test
    @DisplayName("T-1d a resource snapshot reads back with every field, through latest and list")
    void snapshotRoundTrip() {
        ResourceSnapshot full = new ResourceSnapshot(tenant, inst, 387.25, Long.MAX_VALUE, 4096, 123_456_789L,
                0.001, 1e12, at(2));
        ResourceSnapshot zero = snapshot(tenant, inst, 0, at(1));

        telemetry().insertResourceSnapshot(zero);
        telemetry().insertResourceSnapshot(full);

        assertThat(telemetry().latestResourceSnapshot(tenant, inst)).contains(full);
        assertThat(telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest())).containsExactly(full, zero);
    }

    @Test
    @DisplayName("T-1e every metric type reads back as itself, with the wire names gauge, counter and histogram")
    void metricTypes() {
        List<Metric> batch = new ArrayList<>();
        for (MetricType type : MetricType.values()) {
            batch.add(metric(tenant, inst, "m", 1, at(type.ordinal())).toBuilder().type(type).build());
        }
        telemetry().insertMetrics(batch);

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst)))
                .extracting(Metric::type)
                .containsExactly(MetricType.HISTOGRAM, MetricType.COUNTER, MetricType.GAUGE);
        assertThat(Arrays.stream(MetricType.values()).map(MetricType::wire))
                .containsExactly("gauge", "counter", "histogram");
        assertThat(MetricType.fromWire("histogram")).isEqualTo(MetricType.HISTOGRAM);
        assertInvalidArgument(() -> MetricType.fromWire("Gauge"), "metricType");
    }

    @Test
    @DisplayName("T-2 event times keep microseconds (nanos truncated), before 1970 and at the ends of years 1-9999")
    void microsecondPrecision() {
        Instant[] given = {
            T0.plusNanos(999), Instant.parse("1969-12-31T23:59:59.999999500Z"),
            Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z")};
        List<Instant> expected = List.of(Instant.parse("9999-12-31T23:59:59.999999Z"), T0,
                Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("0001-01-01T00:00:00Z"));

        for (int n = 0; n < given.length; n++) {
            insertOneOfEach(tenant, inst, n, given[n]);
        }

        Everything got = everything(tenant, inst);
        assertThat(times(got.metrics(), Metric::timestamp)).isEqualTo(expected);
        assertThat(times(got.logs(), LogEntry::timestamp)).isEqualTo(expected);
        assertThat(times(got.spans(), Span::timestamp)).isEqualTo(expected);
        assertThat(times(got.snapshots(), ResourceSnapshot::timestamp)).isEqualTo(expected);
        assertThat(telemetry().latestResourceSnapshot(tenant, inst).orElseThrow().timestamp())
                .isEqualTo(expected.get(0));
    }

    @Test
    @DisplayName("T-3 log fields round-trip as JSON: nested maps and lists, integers as Long, fractions as Double")
    void jsonFields() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("null", null);
        inner.put("list", List.of(1, 2.5f, "x", true, List.of(), Map.of()));
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("int", 42);
        given.put("long", Long.MAX_VALUE);
        given.put("negative", -7);
        given.put("double", 2.0);
        given.put("float", 0.5f);
        given.put("bool", false);
        given.put(UNICODE, UNICODE);
        given.put("nested", inner);

        telemetry().insertLogs(List.of(log(tenant, inst, "info", "m", at(1)).toBuilder().fields(given).build()));

        Map<String, Object> expectedInner = new LinkedHashMap<>();
        expectedInner.put("null", null);
        expectedInner.put("list", List.of(1L, 2.5d, "x", true, List.of(), Map.of()));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("int", 42L);
        expected.put("long", Long.MAX_VALUE);
        expected.put("negative", -7L);
        expected.put("double", 2.0d);
        expected.put("float", 0.5d);
        expected.put("bool", false);
        expected.put(UNICODE, UNICODE);
        expected.put("nested", expectedInner);

        Map<String, Object> got = telemetry().queryLogs(tenant, LogQuery.forInstance(inst)).get(0).fields();
        assertThat(got).isEqualTo(expected);
        assertThat(got.get("int")).isInstanceOf(Long.class);
        assertThat(got.get("double")).isInstanceOf(Double.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> gotInner = (Map<String, Object>) got.get("nested");
        assertThat(gotInner).containsKey("null");
        assertThat((List<?>) gotInner.get("list")).element(0).isInstanceOf(Long.class);
        assertThat((List<?>) gotInner.get("list")).element(1).isInstanceOf(Double.class);
        assertThatThrownBy(() -> gotInner.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- order, windows, limits ----------------------------------------------------------------------------

    @Test
    @DisplayName("T-4 every read returns rows newest first by timestamp, whatever order they were inserted in")
    void newestFirst() {
        int[] order = {2, 0, 3, 1};
        for (int n : order) {
            insertOneOfEach(tenant, inst, n, at(n));
        }

        List<Instant> expected = List.of(at(3), at(2), at(1), at(0));
        Everything got = everything(tenant, inst);
        assertThat(times(got.metrics(), Metric::timestamp)).isEqualTo(expected);
        assertThat(times(got.logs(), LogEntry::timestamp)).isEqualTo(expected);
        assertThat(times(got.spans(), Span::timestamp)).isEqualTo(expected);
        assertThat(times(got.snapshots(), ResourceSnapshot::timestamp)).isEqualTo(expected);
    }

    @Test
    @DisplayName("T-5a rows with equal timestamps come later-inserted first, within one batch and across batches")
    void equalTimestampsByInsertion() {
        telemetry().insertMetrics(List.of(metric(tenant, inst, "m", 0, T0), metric(tenant, inst, "m", 1, T0)));
        telemetry().insertMetrics(List.of(metric(tenant, inst, "m", 2, T0)));
        telemetry().insertMetrics(List.of(metric(tenant, inst, "m", 3, T0), metric(tenant, inst, "m", 4, T0)));
        telemetry().insertLogs(List.of(log(tenant, inst, "info", "0", T0), log(tenant, inst, "info", "1", T0)));
        telemetry().insertLogs(List.of(log(tenant, inst, "info", "2", T0)));
        telemetry().insertSpans(List.of(span(tenant, inst, "t", "0", "op", T0),
                span(tenant, inst, "t", "1", "op", T0)));
        telemetry().insertSpans(List.of(span(tenant, inst, "t", "2", "op", T0)));

        Everything got = everything(tenant, inst);
        assertThat(values(got.metrics())).containsExactly(4d, 3d, 2d, 1d, 0d);
        assertThat(got.logs()).extracting(LogEntry::message).containsExactly("2", "1", "0");
        assertThat(got.spans()).extracting(Span::spanId).containsExactly("2", "1", "0");
    }

    @Test
    @DisplayName("T-5b snapshots with equal timestamps: the later inserted is the latest and is listed first")
    void equalTimestampSnapshots() {
        telemetry().insertResourceSnapshot(snapshot(tenant, inst, 1, T0));
        telemetry().insertResourceSnapshot(snapshot(tenant, inst, 2, T0));
        telemetry().insertResourceSnapshot(snapshot(tenant, inst, 3, T0));

        assertThat(telemetry().latestResourceSnapshot(tenant, inst)).map(ResourceSnapshot::memoryUsedMb).contains(3L);
        assertThat(telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()))
                .extracting(ResourceSnapshot::memoryUsedMb).containsExactly(3L, 2L, 1L);
    }

    @Test
    @DisplayName("T-6a a window includes rows exactly at since and at until, and either bound may be left open")
    void windowInclusive() {
        for (int n = 0; n < 5; n++) {
            insertOneOfEach(tenant, inst, n, at(n));
        }
        TimeWindow closed = TimeWindow.between(at(1), at(3));
        TimeWindow sinceOnly = new TimeWindow(Optional.of(at(3)), Optional.empty(), 100);
        TimeWindow untilOnly = new TimeWindow(Optional.empty(), Optional.of(at(1)), 100);
        List<Instant> inClosed = List.of(at(3), at(2), at(1));

        assertThat(times(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst).withWindow(closed)),
                Metric::timestamp)).isEqualTo(inClosed);
        assertThat(times(telemetry().queryLogs(tenant, LogQuery.forInstance(inst).withWindow(closed)),
                LogEntry::timestamp)).isEqualTo(inClosed);
        assertThat(times(telemetry().querySpans(tenant, TraceQuery.forInstance(inst).withWindow(closed)),
                Span::timestamp)).isEqualTo(inClosed);
        assertThat(times(telemetry().listResourceSnapshots(tenant, inst, closed), ResourceSnapshot::timestamp))
                .isEqualTo(inClosed);
        assertThat(times(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst).withWindow(sinceOnly)),
                Metric::timestamp)).containsExactly(at(4), at(3));
        assertThat(times(telemetry().queryLogs(tenant, LogQuery.forInstance(inst).withWindow(untilOnly)),
                LogEntry::timestamp)).containsExactly(at(1), at(0));
        assertThat(times(telemetry().listResourceSnapshots(tenant, inst, sinceOnly), ResourceSnapshot::timestamp))
                .containsExactly(at(4), at(3));
        assertThat(telemetry().querySpans(tenant, TraceQuery.forInstance(inst)
                .withWindow(TimeWindow.between(at(1).plusNanos(1000), at(2).minusNanos(1000))))).isEmpty();
    }

    @Test
    @DisplayName("T-6b a window's limit keeps the newest rows, also when the oldest kept row ties with dropped ones")
    void limitKeepsNewest() {
        int[] order = {4, 0, 2, 1, 3};
        for (int n : order) {
            insertOneOfEach(tenant, inst, n, at(n));
        }
        telemetry().insertMetrics(List.of(metric(tenant, inst, "cpu", 10, at(2)), metric(tenant, inst, "cpu", 11,
                at(2))));
        TimeWindow two = TimeWindow.latest(2);

        assertThat(values(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst).withWindow(TimeWindow
                .latest(4))))).containsExactly(4d, 3d, 11d, 10d);
        assertThat(times(telemetry().queryLogs(tenant, LogQuery.forInstance(inst).withWindow(two)),
                LogEntry::timestamp)).containsExactly(at(4), at(3));
        assertThat(times(telemetry().querySpans(tenant, TraceQuery.forInstance(inst).withWindow(two)),
                Span::timestamp)).containsExactly(at(4), at(3));
        assertThat(times(telemetry().listResourceSnapshots(tenant, inst, two), ResourceSnapshot::timestamp))
                .containsExactly(at(4), at(3));
        assertThat(times(telemetry().queryLogs(tenant, LogQuery.forInstance(inst)
                .withWindow(TimeWindow.between(at(0), at(2)).withLimit(1))), LogEntry::timestamp))
                .containsExactly(at(2));
    }

    // ---- filters --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T-7 a metric query filters by instance and exact, case-sensitive name, combined with AND")
    void metricFilters() {
        Metric cpu1 = metric(tenant, inst, "cpu", 1, at(1));
        Metric upper = metric(tenant, inst, "CPU", 2, at(2));
        Metric mem = metric(tenant, inst, "mem", 3, at(3));
        Metric cpu2 = metric(tenant, inst2, "cpu", 4, at(4));
        telemetry().insertMetrics(List.of(cpu1, upper, mem, cpu2));

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst))).containsExactly(mem, upper, cpu1);
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all().withName("cpu"))).containsExactly(cpu2, cpu1);
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst).withName("cpu")))
                .containsExactly(cpu1);
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all().withName("cp"))).isEmpty();
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst2).withName("mem"))).isEmpty();
    }

    @Test
    @DisplayName("T-8a a log query filters by exact, case-sensitive level and by instance, combined with AND")
    void logLevelFilter() {
        LogEntry warn = log(tenant, inst, "warn", "a", at(1));
        LogEntry upper = log(tenant, inst, "WARN", "b", at(2));
        LogEntry info = log(tenant, inst, "info", "c", at(3));
        LogEntry warn2 = log(tenant, inst2, "warn", "d", at(4));
        telemetry().insertLogs(List.of(warn, upper, info, warn2));

        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withLevel("warn"))).containsExactly(warn2, warn);
        assertThat(telemetry().queryLogs(tenant, LogQuery.forInstance(inst).withLevel("warn"))).containsExactly(warn);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withLevel("WARN"))).containsExactly(upper);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withLevel("war"))).isEmpty();
    }

    @Test
    @DisplayName("T-8b a log search matches a substring of the message, ignoring case, also outside ASCII")
    void logSearchIgnoresCase() {
        LogEntry shout = log(tenant, inst, "error", "Connection REFUSED by upstream", at(1));
        LogEntry quiet = log(tenant, inst, "info", "connection refused", at(2));
        LogEntry other = log(tenant, inst, "info", "all good", at(3));
        LogEntry umlaut = log(tenant, inst, "info", "Grüße aus ZÜRICH", at(4));
        telemetry().insertLogs(List.of(shout, quiet, other, umlaut));

        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("refused"))).containsExactly(quiet, shout);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("CONNECTION Refused")))
                .containsExactly(quiet, shout);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("zürich"))).containsExactly(umlaut);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("GRÜSSE"))).isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("refused!"))).isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("refused").withLevel("error")))
                .containsExactly(shout);
        assertThat(telemetry().queryLogs(tenant, LogQuery.forInstance(inst2).withSearch("refused"))).isEmpty();
    }

    @Test
    @DisplayName("T-8c a log search is literal text: %, _, * and \\ match only themselves")
    void logSearchIsLiteral() {
        LogEntry percent = log(tenant, inst, "info", "disk 100% full", at(1));
        LogEntry underscore = log(tenant, inst, "info", "snake_case name", at(2));
        LogEntry backslash = log(tenant, inst, "info", "C:\\temp", at(3));
        LogEntry plain = log(tenant, inst, "info", "plain words", at(4));
        telemetry().insertLogs(List.of(percent, underscore, backslash, plain));

        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("%"))).containsExactly(percent);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("_"))).containsExactly(underscore);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("\\"))).containsExactly(backslash);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("k%c"))).isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("p_ain"))).isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("*"))).isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("\\t"))).containsExactly(backslash);
    }

    @Test
    @DisplayName("T-9 a trace query filters by exact trace id, exact operation and instance, combined with AND")
    void traceFilters() {
        Span a1 = span(tenant, inst, "A", "1", "GET /a", at(1));
        Span a2 = span(tenant, inst, "A", "2", "db.query", at(2));
        Span a3 = span(tenant, inst2, "A", "3", "GET /a", at(3));
        Span b1 = span(tenant, inst, "B", "1", "GET /a", at(4));
        telemetry().insertSpans(List.of(a1, a2, a3, b1));

        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace("A"))).containsExactly(a3, a2, a1);
        assertThat(telemetry().querySpans(tenant, TraceQuery.forInstance(inst).withOperation("GET /a")))
                .containsExactly(b1, a1);
        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace("A").withInstance(inst)
                .withOperation("db.query"))).containsExactly(a2);
        assertThat(telemetry().querySpans(tenant, TraceQuery.all().withOperation("get /a"))).isEmpty();
        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace("a"))).isEmpty();
    }

    // ---- tenants and instances ------------------------------------------------------------------------------

    @Test
    @DisplayName("T-10 a query without an instance covers every instance of the tenant and nothing of other tenants")
    void instancelessQuery() {
        InstanceId foreign = InstanceId.generate();
        insertOneOfEach(tenant, inst, 1, at(1));
        insertOneOfEach(tenant, inst2, 2, at(2));
        insertOneOfEach(otherTenant, foreign, 3, at(3));
        insertOneOfEach(otherTenant, inst, 4, at(4));

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all()))
                .extracting(Metric::instanceId).containsExactly(inst2, inst);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all()))
                .extracting(LogEntry::instanceId).containsExactly(inst2, inst);
        assertThat(telemetry().querySpans(tenant, TraceQuery.all()))
                .extracting(Span::instanceId).containsExactly(inst2, inst);
        assertThat(telemetry().queryMetrics(otherTenant, MetricQuery.all()))
                .extracting(Metric::instanceId).containsExactly(inst, foreign);
        assertThat(telemetry().queryLogs(otherTenant, LogQuery.all())).allMatch(e -> e.tenantId().equals(otherTenant))
                .hasSize(2);
    }

    @Test
    @DisplayName("T-11a every query returns only the given tenant's rows, even for the same instance id")
    void queryTenantIsolation() {
        insertOneOfEach(tenant, inst, 1, at(1));
        insertOneOfEach(otherTenant, inst, 2, at(2));
        TenantId third = TenantId.generate();

        Everything mine = everything(tenant, inst);
        Everything theirs = everything(otherTenant, inst);
        assertThat(values(mine.metrics())).containsExactly(1d);
        assertThat(mine.logs()).extracting(LogEntry::message).containsExactly("line 1");
        assertThat(mine.spans()).extracting(Span::traceId).containsExactly("trace-1");
        assertThat(values(theirs.metrics())).containsExactly(2d);
        assertThat(theirs.logs()).extracting(LogEntry::message).containsExactly("line 2");
        assertThat(theirs.spans()).extracting(Span::traceId).containsExactly("trace-2");
        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace("trace-2"))).isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("line 2"))).isEmpty();
        assertThat(telemetry().queryMetrics(third, MetricQuery.all())).isEmpty();
        assertThat(telemetry().queryLogs(third, LogQuery.all())).isEmpty();
        assertThat(telemetry().querySpans(third, TraceQuery.all())).isEmpty();
    }

    @Test
    @DisplayName("T-11b snapshot reads see only the given tenant's snapshots, even for the same instance id")
    void snapshotTenantIsolation() {
        ResourceSnapshot mine = snapshot(tenant, inst, 1, at(1));
        ResourceSnapshot theirs = snapshot(otherTenant, inst, 2, at(2));
        telemetry().insertResourceSnapshot(mine);
        telemetry().insertResourceSnapshot(theirs);

        assertThat(telemetry().latestResourceSnapshot(tenant, inst)).contains(mine);
        assertThat(telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest())).containsExactly(mine);
        assertThat(telemetry().latestResourceSnapshot(otherTenant, inst)).contains(theirs);
        assertThat(telemetry().listResourceSnapshots(otherTenant, inst, TimeWindow.latest())).containsExactly(theirs);
        assertThat(telemetry().latestResourceSnapshot(TenantId.generate(), inst)).isEmpty();
        assertThat(telemetry().listResourceSnapshots(TenantId.generate(), inst, TimeWindow.latest())).isEmpty();
    }

    @Test
    @DisplayName("T-12 the latest snapshot has the greatest timestamp, not the last insert; none gives empty")
    void latestSnapshot() {
        assertThat(telemetry().latestResourceSnapshot(tenant, inst)).isEmpty();
        ResourceSnapshot newer = snapshot(tenant, inst, 2, at(5));
        ResourceSnapshot late = snapshot(tenant, inst, 1, at(1));
        telemetry().insertResourceSnapshot(newer);
        telemetry().insertResourceSnapshot(late);
        telemetry().insertResourceSnapshot(snapshot(tenant, inst2, 3, at(9)));

        assertThat(telemetry().latestResourceSnapshot(tenant, inst)).contains(newer);
        assertThat(telemetry().latestResourceSnapshot(tenant, InstanceId.generate())).isEmpty();
    }

    @Test
    @DisplayName("T-13 listing snapshots returns only that instance's, within the window, newest first")
    void listSnapshots() {
        for (int n = 0; n < 4; n++) {
            telemetry().insertResourceSnapshot(snapshot(tenant, inst, n, at(n)));
            telemetry().insertResourceSnapshot(snapshot(tenant, inst2, 10 + n, at(n)));
        }

        assertThat(telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()))
                .extracting(ResourceSnapshot::memoryUsedMb).containsExactly(3L, 2L, 1L, 0L);
        assertThat(telemetry().listResourceSnapshots(tenant, inst2, TimeWindow.between(at(1), at(2))))
                .extracting(ResourceSnapshot::memoryUsedMb).containsExactly(12L, 11L);
        assertThat(telemetry().listResourceSnapshots(tenant, InstanceId.generate(), TimeWindow.latest())).isEmpty();
    }

    @Test
    @DisplayName("T-14 telemetry needs no existing instance, survives the instance's delete, and reads never throw")
    void instancesNeedNotExist() {
        Instance real = insertInstance(tenant);
        InstanceId never = InstanceId.generate();
        insertOneOfEach(tenant, real.id(), 1, at(1));
        insertOneOfEach(tenant, never, 2, at(2));

        store.instances().delete(tenant, real.id());

        Everything kept = everything(tenant, real.id());
        assertThat(values(kept.metrics())).containsExactly(1d);
        assertThat(kept.logs()).hasSize(1);
        assertThat(kept.spans()).hasSize(1);
        assertThat(kept.snapshots()).hasSize(1);
        assertThat(telemetry().latestResourceSnapshot(tenant, real.id())).isPresent();
        assertThat(values(everything(tenant, never).metrics())).containsExactly(2d);
        Everything none = everything(tenant, InstanceId.generate());
        assertThat(none.metrics()).isEmpty();
        assertThat(none.logs()).isEmpty();
        assertThat(none.spans()).isEmpty();
        assertThat(none.snapshots()).isEmpty();
    }

    // ---- retention ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T-15a purge deletes the tenant's rows of all four kinds strictly before the cutoff and counts them")
    void purgeBefore() {
        for (int n = 1; n <= 3; n++) {
            insertOneOfEach(tenant, n == 3 ? inst2 : inst, n, at(n));
        }

        assertThat(telemetry().purgeBefore(tenant, at(2))).isEqualTo(4);

        List<Instant> left = List.of(at(2));
        Everything got = everything(tenant, inst);
        assertThat(times(got.metrics(), Metric::timestamp)).isEqualTo(left);
        assertThat(times(got.logs(), LogEntry::timestamp)).isEqualTo(left);
        assertThat(times(got.spans(), Span::timestamp)).isEqualTo(left);
        assertThat(times(got.snapshots(), ResourceSnapshot::timestamp)).isEqualTo(left);
        assertThat(everything(tenant, inst2).metrics()).hasSize(1);
        assertThat(telemetry().purgeBefore(tenant, at(2))).isZero();
        assertThat(telemetry().purgeBefore(tenant, at(100))).isEqualTo(8);
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all())).isEmpty();
        assertThat(telemetry().latestResourceSnapshot(tenant, inst)).isEmpty();
    }

    @Test
    @DisplayName("T-15b the purge cutoff is truncated to microseconds: a row in the cutoff's microsecond stays")
    void purgeCutoffMicros() {
        insertOneOfEach(tenant, inst, 1, T0);

        assertThat(telemetry().purgeBefore(tenant, T0.plusNanos(999))).isZero();
        assertThat(everything(tenant, inst).logs()).hasSize(1);
        assertThat(telemetry().purgeBefore(tenant, T0.plusNanos(1000))).isEqualTo(4);
    }

    @Test
    @DisplayName("T-16 purge touches only the given tenant: other tenants' rows stay and are not counted")
    void purgeTenantIsolation() {
        insertOneOfEach(tenant, inst, 1, at(1));
        insertOneOfEach(otherTenant, inst, 2, at(1));
        insertOneOfEach(otherTenant, inst2, 3, at(1));

        assertThat(telemetry().purgeBefore(TenantId.generate(), at(100))).isZero();
        assertThat(telemetry().purgeBefore(tenant, at(100))).isEqualTo(4);

        Everything theirs = everything(otherTenant, inst);
        assertThat(values(theirs.metrics())).containsExactly(2d);
        assertThat(theirs.logs()).hasSize(1);
        assertThat(theirs.spans()).hasSize(1);
        assertThat(theirs.snapshots()).hasSize(1);
        assertThat(telemetry().queryMetrics(otherTenant, MetricQuery.all())).hasSize(2);
        assertThat(telemetry().purgeBefore(otherTenant, at(100))).isEqualTo(8);
    }

    // ---- batches and bad input ------------------------------------------------------------------------------

    @Test
    @DisplayName("T-17a an empty batch does nothing and a batch of exactly 10,000 rows is stored whole")
    void batchBounds() {
        telemetry().insertMetrics(List.of());
        telemetry().insertLogs(List.of());
        telemetry().insertSpans(List.of());
        assertThat(telemetry().purgeBefore(tenant, at(100_000))).isZero();

        int max = TelemetryStore.MAX_BATCH;
        assertThat(max).isEqualTo(10_000);
        telemetry().insertMetrics(IntStream.range(0, max).mapToObj(n -> metric(tenant, inst, "m", n, at(n))).toList());
        telemetry().insertLogs(IntStream.range(0, max).mapToObj(n -> log(tenant, inst, "info", "l" + n, at(n)))
                .toList());
        telemetry().insertSpans(IntStream.range(0, max).mapToObj(n -> span(tenant, inst, "t", "s" + n, "op", at(n)))
                .toList());

        assertThat(values(telemetry().queryMetrics(tenant, MetricQuery.all().withWindow(TimeWindow.latest(2)))))
                .containsExactly(max - 1d, max - 2d);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withWindow(TimeWindow.between(at(0), at(0)))))
                .extracting(LogEntry::message).containsExactly("l0");
        assertThat(telemetry().purgeBefore(tenant, at(max))).isEqualTo(3L * max);
    }

    @Test
    @DisplayName("T-17b a batch of more than 10,000 rows is rejected naming metrics, logs or spans; nothing is stored")
    void oversizedBatch() {
        int over = TelemetryStore.MAX_BATCH + 1;
        List<Metric> metrics = IntStream.range(0, over).mapToObj(n -> metric(tenant, inst, "m", n, at(n))).toList();
        List<LogEntry> logs = IntStream.range(0, over).mapToObj(n -> log(tenant, inst, "info", "l", at(n))).toList();
        List<Span> spans = IntStream.range(0, over).mapToObj(n -> span(tenant, inst, "t", "s", "op", at(n))).toList();

        assertThat(assertInvalidArgument(() -> telemetry().insertMetrics(metrics), "metrics"))
                .hasMessageContaining("10000").hasMessageContaining(String.valueOf(over));
        assertInvalidArgument(() -> telemetry().insertLogs(logs), "logs");
        assertInvalidArgument(() -> telemetry().insertSpans(spans), "spans");

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all())).isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all())).isEmpty();
        assertThat(telemetry().querySpans(tenant, TraceQuery.all())).isEmpty();
    }

    @Test
    @DisplayName("T-18 a batch holding a null row is rejected naming the element; none of its rows is stored")
    void batchAllOrNothing() {
        assertInvalidArgument(() -> telemetry().insertMetrics(Arrays.asList(metric(tenant, inst, "m", 1, at(1)),
                null)), "metrics[1]");
        assertInvalidArgument(() -> telemetry().insertLogs(Arrays.asList(log(tenant, inst, "info", "x", at(1)),
                log(otherTenant, inst, "info", "y", at(1)), null)), "logs[2]");
        assertInvalidArgument(() -> telemetry().insertSpans(Arrays.asList(null, span(tenant, inst, "t", "s", "op",
                at(1)))), "spans[0]");

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all())).isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all())).isEmpty();
        assertThat(telemetry().queryLogs(otherTenant, LogQuery.all())).isEmpty();
        assertThat(telemetry().querySpans(tenant, TraceQuery.all())).isEmpty();
    }

    @Test
    @DisplayName("T-19 a null argument to any method is rejected naming the parameter")
    void nullArguments() {
        TelemetryStore t = telemetry();
        assertInvalidArgument(() -> t.insertMetrics(null), "metrics");
        assertInvalidArgument(() -> t.insertLogs(null), "logs");
        assertInvalidArgument(() -> t.insertSpans(null), "spans");
        assertInvalidArgument(() -> t.queryMetrics(null, MetricQuery.all()), "tenantId");
        assertInvalidArgument(() -> t.queryMetrics(tenant, null), "query");
        assertInvalidArgument(() -> t.queryLogs(null, LogQuery.all()), "tenantId");
        assertInvalidArgument(() -> t.queryLogs(tenant, null), "query");
        assertInvalidArgument(() -> t.querySpans(null, TraceQuery.all()), "tenantId");
        assertInvalidArgument(() -> t.querySpans(tenant, null), "query");
        assertInvalidArgument(() -> t.insertResourceSnapshot(null), "snapshot");
        assertInvalidArgument(() -> t.latestResourceSnapshot(null, inst), "tenantId");
        assertInvalidArgument(() -> t.latestResourceSnapshot(tenant, null), "instanceId");
        assertInvalidArgument(() -> t.listResourceSnapshots(null, inst, TimeWindow.latest()), "tenantId");
        assertInvalidArgument(() -> t.listResourceSnapshots(tenant, null, TimeWindow.latest()), "instanceId");
        assertInvalidArgument(() -> t.listResourceSnapshots(tenant, inst, null), "window");
        assertInvalidArgument(() -> t.purgeBefore(null, T0), "tenantId");
        assertInvalidArgument(() -> t.purgeBefore(tenant, null), "cutoff");
    }

    @Test
    @DisplayName("T-20 strings at their maximum length are stored whole; one character more is rejected by name")
    void maximumLengths() {
        String s255 = UNICODE + text(255 - UNICODE.length());
        Metric metric = metric(tenant, inst, s255, 1, at(1)).toBuilder().labels(Map.of(s255, s255)).build();
        LogEntry log = log(tenant, inst, s255, "m", at(1)).toBuilder().source(s255).build();
        Span span = Span.builder().tenantId(tenant).instanceId(inst).traceId(s255).spanId(s255).parentId(s255)
                .operation(s255).status(s255).attributes(Map.of(s255, s255)).timestamp(at(1)).build();
        telemetry().insertMetrics(List.of(metric));
        telemetry().insertLogs(List.of(log));
        telemetry().insertSpans(List.of(span));

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all().withName(s255))).containsExactly(metric);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withLevel(s255))).containsExactly(log);
        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace(s255).withOperation(s255)))
                .containsExactly(span);

        String s256 = text(256);
        assertInvalidArgument(() -> metric.toBuilder().name(s256).build(), "metric.name");
        assertInvalidArgument(() -> log.toBuilder().level(s256).build(), "logEntry.level");
        assertInvalidArgument(() -> log.toBuilder().source(s256).build(), "logEntry.source");
        assertInvalidArgument(() -> log.toBuilder().message(text(LONG_TEXT + 1)).build(), "logEntry.message");
        assertInvalidArgument(() -> span.toBuilder().traceId(s256).build(), "span.traceId");
        assertInvalidArgument(() -> span.toBuilder().operation(s256).build(), "span.operation");
        assertInvalidArgument(() -> MetricQuery.all().withName(s256), "query.name");
        assertInvalidArgument(() -> InstanceId.parse(tenant.value()), "instanceId");
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all())).hasSize(1);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all())).hasSize(1);
        assertThat(telemetry().querySpans(tenant, TraceQuery.all())).hasSize(1);
    }

    // ---- copies and concurrency -----------------------------------------------------------------------------

    @Test
    @DisplayName("T-21 returned lists are unmodifiable, and changing a batch list after insert changes nothing stored")
    void copies() {
        Metric m = metric(tenant, inst, "cpu", 1, at(1));
        List<Metric> metrics = new ArrayList<>(List.of(m));
        List<LogEntry> logs = new ArrayList<>(List.of(log(tenant, inst, "info", "x", at(1))));
        List<Span> spans = new ArrayList<>(List.of(span(tenant, inst, "t", "s", "op", at(1))));
        telemetry().insertMetrics(metrics);
        telemetry().insertLogs(logs);
        telemetry().insertSpans(spans);
        telemetry().insertResourceSnapshot(snapshot(tenant, inst, 1, at(1)));

        metrics.set(0, metric(tenant, inst, "changed", 2, at(2)));
        metrics.add(metric(tenant, inst, "added", 3, at(3)));
        logs.clear();
        spans.clear();

        Everything got = everything(tenant, inst);
        assertThat(got.metrics()).containsExactly(m);
        assertThat(got.logs()).hasSize(1);
        assertThat(got.spans()).hasSize(1);
        assertThatThrownBy(() -> got.metrics().add(m)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.logs().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.spans().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.snapshots().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.metrics().get(0).labels().put("k", "v"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(everything(tenant, inst).metrics()).containsExactly(m);
    }

    @Test
    @DisplayName("T-22 batches inserted from 8 threads at once all land, each thread's rows in its insertion order")
    void concurrentInserts() throws Exception {
        int threads = 8;
        int batches = 50;
        List<InstanceId> instances = IntStream.range(0, threads).mapToObj(n -> InstanceId.generate()).toList();
        concurrently(threads, thread -> {
            InstanceId id = instances.get(thread);
            for (int b = 0; b < batches; b++) {
                telemetry().insertMetrics(List.of(metric(tenant, id, "m", 2 * b, T0),
                        metric(tenant, id, "m", 2 * b + 1, T0)));
                telemetry().insertLogs(List.of(log(tenant, id, "info", String.valueOf(b), T0)));
            }
        });

        List<Double> expectedValues = IntStream.range(0, 2 * batches).map(n -> 2 * batches - 1 - n)
                .mapToObj(n -> (double) n).toList();
        for (InstanceId id : instances) {
            Everything got = everything(tenant, id);
            assertThat(values(got.metrics())).as("metrics of %s", id).isEqualTo(expectedValues);
            assertThat(got.logs()).extracting(LogEntry::message).as("logs of %s", id)
                    .isEqualTo(IntStream.range(0, batches).mapToObj(n -> String.valueOf(batches - 1 - n)).toList());
        }
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all().withWindow(TimeWindow.latest(1000))))
                .hasSize(threads * batches * 2);
    }
}
