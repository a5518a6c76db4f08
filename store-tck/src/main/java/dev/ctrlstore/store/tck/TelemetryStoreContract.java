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

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst)))
                .as("[T-1a] telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst)) must contain exactly tiny, "
                        + "plain, full").containsExactly(tiny, plain, full);
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
        assertThat(got)
                .as("[T-1b] got (telemetry().queryLogs(tenant, LogQuery.forInstance(…))) must contain exactly bare, "
                        + "full").containsExactly(bare, full);
        assertThat(got.get(1).message())
                .as("[T-1b] got.get(1).message() from telemetry().queryLogs(tenant, LogQuery.forInstance(…)) must have "
                        + "size LONG_TEXT").hasSize(LONG_TEXT);
        assertThat(got.get(0).fields())
                .as("[T-1b] got.get(0).fields() from telemetry().queryLogs(tenant, LogQuery.forInstance(…)) must be "
                        + "empty").isEmpty();
        assertThat(got.get(0).source())
                .as("[T-1b] got.get(0).source() from telemetry().queryLogs(tenant, LogQuery.forInstance(…)) must be "
                        + "empty").isEmpty();
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
        assertThat(got)
                .as("[T-1c] got (telemetry().querySpans(tenant, TraceQuery.forInstance(…))) must contain exactly root, "
                        + "child").containsExactly(root, child);
        assertThat(got.get(1).duration())
                .as("[T-1c] got.get(1).duration() from telemetry().querySpans(tenant, TraceQuery.forInstance(…)) must "
                        + "equal Duration.ofSeconds(3, 123_456_000)")
                .isEqualTo(Duration.ofSeconds(3, 123_456_000));
        assertThat(got.get(0).parentId())
                .as("[T-1c] got.get(0).parentId() from telemetry().querySpans(tenant, TraceQuery.forInstance(…)) must "
                        + "be empty").isEmpty();
        assertThat(got.get(0).isRoot())
                .as("[T-1c] got.get(0).isRoot() from telemetry().querySpans(tenant, TraceQuery.forInstance(…)) must be "
                        + "true").isTrue();
        assertThat(got.get(0).status())
                .as("[T-1c] got.get(0).status() from telemetry().querySpans(tenant, TraceQuery.forInstance(…)) must be "
                        + "empty").isEmpty();
    }

    @Test
    @DisplayName("T-1d a resource snapshot reads back with every field, through latest and list")
    void snapshotRoundTrip() {
        ResourceSnapshot full = new ResourceSnapshot(tenant, inst, 387.25, Long.MAX_VALUE, 4096, 123_456_789L,
                0.001, 1e12, at(2));
        ResourceSnapshot zero = snapshot(tenant, inst, 0, at(1));

        telemetry().insertResourceSnapshot(zero);
        telemetry().insertResourceSnapshot(full);

        assertThat(telemetry().latestResourceSnapshot(tenant, inst))
                .as("[T-1d] telemetry().latestResourceSnapshot(tenant, inst) must contain full").contains(full);
        assertThat(telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()))
                .as("[T-1d] telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()) must contain exactly "
                        + "full, zero").containsExactly(full, zero);
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
                .as("[T-1e] telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst)) mapped by Metric::type "
                        + "must contain exactly …")
                .extracting(Metric::type)
                .containsExactly(MetricType.HISTOGRAM, MetricType.COUNTER, MetricType.GAUGE);
        assertThat(Arrays.stream(MetricType.values()).map(MetricType::wire))
                .as("[T-1e] Arrays.stream(MetricType.values()).map(MetricType::wire) must contain exactly \"gauge\", "
                        + "\"counter\", \"histogram\"")
                .containsExactly("gauge", "counter", "histogram");
        assertThat(MetricType.fromWire("histogram"))
                .as("[T-1e] MetricType.fromWire(\"histogram\") must equal "
                        + "MetricType.HISTOGRAM").isEqualTo(MetricType.HISTOGRAM);
        assertInvalidArgument("[T-1e] MetricType.fromWire(\"Gauge\") must throw InvalidArgumentException naming "
                        + "metricType",
                () -> MetricType.fromWire("Gauge"), "metricType");
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
        assertThat(times(got.metrics(), Metric::timestamp))
                .as("[T-2] times(got.metrics(), Metric::timestamp) must equal expected").isEqualTo(expected);
        assertThat(times(got.logs(), LogEntry::timestamp))
                .as("[T-2] times(got.logs(), LogEntry::timestamp) must equal expected").isEqualTo(expected);
        assertThat(times(got.spans(), Span::timestamp))
                .as("[T-2] times(got.spans(), Span::timestamp) must equal expected").isEqualTo(expected);
        assertThat(times(got.snapshots(), ResourceSnapshot::timestamp))
                .as("[T-2] times(got.snapshots(), ResourceSnapshot::timestamp) must equal "
                        + "expected").isEqualTo(expected);
        assertThat(telemetry().latestResourceSnapshot(tenant, inst).orElseThrow().timestamp())
                .as("[T-2] telemetry().latestResourceSnapshot(tenant, inst).orElseThrow().timestamp() must equal "
                        + "expected.get(0)")
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
        assertThat(got)
                .as("[T-3] got (telemetry().queryLogs(tenant, LogQuery.forInstance(…))) must equal "
                        + "expected").isEqualTo(expected);
        assertThat(got.get("int"))
                .as("[T-3] got.get(\"int\") from telemetry().queryLogs(tenant, LogQuery.forInstance(…)) must be a "
                        + "Long").isInstanceOf(Long.class);
        assertThat(got.get("double"))
                .as("[T-3] got.get(\"double\") from telemetry().queryLogs(tenant, LogQuery.forInstance(…)) must be a "
                        + "Double").isInstanceOf(Double.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> gotInner = (Map<String, Object>) got.get("nested");
        assertThat(gotInner).as("[T-3] gotInner must contain the key \"null\"").containsKey("null");
        assertThat((List<?>) gotInner.get("list"))
                .as("[T-3] (List<?>) gotInner.get(\"list\")").element(0).isInstanceOf(Long.class);
        assertThat((List<?>) gotInner.get("list"))
                .as("[T-3] (List<?>) gotInner.get(\"list\")").element(1).isInstanceOf(Double.class);
        assertThatThrownBy(() -> gotInner.put("x", 1),
                "[T-3] gotInner.put(\"x\", 1) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
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
        assertThat(times(got.metrics(), Metric::timestamp))
                .as("[T-4] times(got.metrics(), Metric::timestamp) must equal expected").isEqualTo(expected);
        assertThat(times(got.logs(), LogEntry::timestamp))
                .as("[T-4] times(got.logs(), LogEntry::timestamp) must equal expected").isEqualTo(expected);
        assertThat(times(got.spans(), Span::timestamp))
                .as("[T-4] times(got.spans(), Span::timestamp) must equal expected").isEqualTo(expected);
        assertThat(times(got.snapshots(), ResourceSnapshot::timestamp))
                .as("[T-4] times(got.snapshots(), ResourceSnapshot::timestamp) must equal "
                        + "expected").isEqualTo(expected);
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
        assertThat(values(got.metrics()))
                .as("[T-5a] values(got.metrics()) must contain exactly 4d, 3d, 2d, 1d, "
                        + "0d").containsExactly(4d, 3d, 2d, 1d, 0d);
        assertThat(got.logs())
                .as("[T-5a] got.logs() mapped by LogEntry::message must contain exactly \"2\", \"1\", \"0\"")
                .extracting(LogEntry::message).containsExactly("2", "1", "0");
        assertThat(got.spans())
                .as("[T-5a] got.spans() mapped by Span::spanId must contain exactly \"2\", \"1\", \"0\"")
                .extracting(Span::spanId).containsExactly("2", "1", "0");
    }

    @Test
    @DisplayName("T-5b snapshots with equal timestamps: the later inserted is the latest and is listed first")
    void equalTimestampSnapshots() {
        telemetry().insertResourceSnapshot(snapshot(tenant, inst, 1, T0));
        telemetry().insertResourceSnapshot(snapshot(tenant, inst, 2, T0));
        telemetry().insertResourceSnapshot(snapshot(tenant, inst, 3, T0));

        assertThat(telemetry().latestResourceSnapshot(tenant, inst))
                .as("[T-5b] telemetry().latestResourceSnapshot(tenant, inst)")
                .map(ResourceSnapshot::memoryUsedMb).contains(3L);
        assertThat(telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()))
                .as("[T-5b] telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()) mapped by "
                        + "ResourceSnapshot::memoryUsedMb must contain exactly 3L, 2L, 1L")
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
                Metric::timestamp))
                .as("[T-6a] times(telemetry().queryMetrics(…), Metric::timestamp) must equal "
                        + "inClosed").isEqualTo(inClosed);
        assertThat(times(telemetry().queryLogs(tenant, LogQuery.forInstance(inst).withWindow(closed)),
                LogEntry::timestamp))
                .as("[T-6a] times(telemetry().queryLogs(…), LogEntry::timestamp) must equal "
                        + "inClosed").isEqualTo(inClosed);
        assertThat(times(telemetry().querySpans(tenant, TraceQuery.forInstance(inst).withWindow(closed)),
                Span::timestamp))
                .as("[T-6a] times(telemetry().querySpans(…), Span::timestamp) must equal inClosed").isEqualTo(inClosed);
        assertThat(times(telemetry().listResourceSnapshots(tenant, inst, closed), ResourceSnapshot::timestamp))
                .as("[T-6a] times(telemetry().listResourceSnapshots(…), ResourceSnapshot::timestamp) must equal "
                        + "inClosed")
                .isEqualTo(inClosed);
        assertThat(times(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst).withWindow(sinceOnly)),
                Metric::timestamp))
                .as("[T-6a] times(telemetry().queryMetrics(…), Metric::timestamp) must contain exactly at(4), "
                        + "at(3)").containsExactly(at(4), at(3));
        assertThat(times(telemetry().queryLogs(tenant, LogQuery.forInstance(inst).withWindow(untilOnly)),
                LogEntry::timestamp))
                .as("[T-6a] times(telemetry().queryLogs(…), LogEntry::timestamp) must contain exactly at(1), "
                        + "at(0)").containsExactly(at(1), at(0));
        assertThat(times(telemetry().listResourceSnapshots(tenant, inst, sinceOnly), ResourceSnapshot::timestamp))
                .as("[T-6a] times(telemetry().listResourceSnapshots(…), ResourceSnapshot::timestamp) must contain "
                        + "exactly at(4), at(3)")
                .containsExactly(at(4), at(3));
        assertThat(telemetry().querySpans(tenant, TraceQuery.forInstance(inst)
                .withWindow(TimeWindow.between(at(1).plusNanos(1000), at(2).minusNanos(1000)))))
                .as("[T-6a] telemetry().querySpans(tenant, TraceQuery.forInstance(…).withWindow(…)) must be "
                        + "empty").isEmpty();
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
                .latest(4)))))
                .as("[T-6b] values(telemetry().queryMetrics(tenant, MetricQuery.forInstance(…).withWindow(…))) must "
                        + "contain exactly 4d, 3d, 11d, 10d").containsExactly(4d, 3d, 11d, 10d);
        assertThat(times(telemetry().queryLogs(tenant, LogQuery.forInstance(inst).withWindow(two)),
                LogEntry::timestamp))
                .as("[T-6b] times(telemetry().queryLogs(…), LogEntry::timestamp) must contain exactly at(4), "
                        + "at(3)").containsExactly(at(4), at(3));
        assertThat(times(telemetry().querySpans(tenant, TraceQuery.forInstance(inst).withWindow(two)),
                Span::timestamp))
                .as("[T-6b] times(telemetry().querySpans(…), Span::timestamp) must contain exactly at(4), "
                        + "at(3)").containsExactly(at(4), at(3));
        assertThat(times(telemetry().listResourceSnapshots(tenant, inst, two), ResourceSnapshot::timestamp))
                .as("[T-6b] times(telemetry().listResourceSnapshots(tenant, inst, two), ResourceSnapshot::timestamp) "
                        + "must contain exactly at(4), at(3)")
                .containsExactly(at(4), at(3));
        assertThat(times(telemetry().queryLogs(tenant, LogQuery.forInstance(inst)
                .withWindow(TimeWindow.between(at(0), at(2)).withLimit(1))), LogEntry::timestamp))
                .as("[T-6b] times(telemetry().queryLogs(…), LogEntry::timestamp) must contain exactly at(2)")
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

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst)))
                .as("[T-7] telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst)) must contain exactly mem, "
                        + "upper, cpu1").containsExactly(mem, upper, cpu1);
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all().withName("cpu")))
                .as("[T-7] telemetry().queryMetrics(tenant, MetricQuery.all().withName(\"cpu\")) must contain exactly "
                        + "cpu2, cpu1").containsExactly(cpu2, cpu1);
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst).withName("cpu")))
                .as("[T-7] telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst).withName(\"cpu\")) must "
                        + "contain exactly cpu1")
                .containsExactly(cpu1);
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all().withName("cp")))
                .as("[T-7] telemetry().queryMetrics(tenant, MetricQuery.all().withName(\"cp\")) must be "
                        + "empty").isEmpty();
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst2).withName("mem")))
                .as("[T-7] telemetry().queryMetrics(tenant, MetricQuery.forInstance(inst2).withName(\"mem\")) must be "
                        + "empty").isEmpty();
    }

    @Test
    @DisplayName("T-8a a log query filters by exact, case-sensitive level and by instance, combined with AND")
    void logLevelFilter() {
        LogEntry warn = log(tenant, inst, "warn", "a", at(1));
        LogEntry upper = log(tenant, inst, "WARN", "b", at(2));
        LogEntry info = log(tenant, inst, "info", "c", at(3));
        LogEntry warn2 = log(tenant, inst2, "warn", "d", at(4));
        telemetry().insertLogs(List.of(warn, upper, info, warn2));

        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withLevel("warn")))
                .as("[T-8a] telemetry().queryLogs(tenant, LogQuery.all().withLevel(\"warn\")) must contain exactly "
                        + "warn2, warn").containsExactly(warn2, warn);
        assertThat(telemetry().queryLogs(tenant, LogQuery.forInstance(inst).withLevel("warn")))
                .as("[T-8a] telemetry().queryLogs(tenant, LogQuery.forInstance(inst).withLevel(\"warn\")) must contain "
                        + "exactly warn").containsExactly(warn);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withLevel("WARN")))
                .as("[T-8a] telemetry().queryLogs(tenant, LogQuery.all().withLevel(\"WARN\")) must contain exactly "
                        + "upper").containsExactly(upper);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withLevel("war")))
                .as("[T-8a] telemetry().queryLogs(tenant, LogQuery.all().withLevel(\"war\")) must be empty").isEmpty();
    }

    @Test
    @DisplayName("T-8b a log search matches a substring of the message, ignoring case, also outside ASCII")
    void logSearchIgnoresCase() {
        LogEntry shout = log(tenant, inst, "error", "Connection REFUSED by upstream", at(1));
        LogEntry quiet = log(tenant, inst, "info", "connection refused", at(2));
        LogEntry other = log(tenant, inst, "info", "all good", at(3));
        LogEntry umlaut = log(tenant, inst, "info", "Grüße aus ZÜRICH", at(4));
        telemetry().insertLogs(List.of(shout, quiet, other, umlaut));

        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("refused")))
                .as("[T-8b] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"refused\")) must contain exactly "
                        + "quiet, shout").containsExactly(quiet, shout);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("CONNECTION Refused")))
                .as("[T-8b] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"CONNECTION Refused\")) must "
                        + "contain exactly quiet, shout")
                .containsExactly(quiet, shout);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("zürich")))
                .as("[T-8b] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"zürich\")) must contain exactly "
                        + "umlaut").containsExactly(umlaut);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("GRÜSSE")))
                .as("[T-8b] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"GRÜSSE\")) must be "
                        + "empty").isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("refused!")))
                .as("[T-8b] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"refused!\")) must be "
                        + "empty").isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("refused").withLevel("error")))
                .as("[T-8b] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"refused\").withLevel(\"error\")) "
                        + "must contain exactly shout")
                .containsExactly(shout);
        assertThat(telemetry().queryLogs(tenant, LogQuery.forInstance(inst2).withSearch("refused")))
                .as("[T-8b] telemetry().queryLogs(tenant, LogQuery.forInstance(inst2).withSearch(\"refused\")) must be "
                        + "empty").isEmpty();
    }

    @Test
    @DisplayName("T-8c a log search is literal text: %, _, * and \\ match only themselves")
    void logSearchIsLiteral() {
        LogEntry percent = log(tenant, inst, "info", "disk 100% full", at(1));
        LogEntry underscore = log(tenant, inst, "info", "snake_case name", at(2));
        LogEntry backslash = log(tenant, inst, "info", "C:\\temp", at(3));
        LogEntry plain = log(tenant, inst, "info", "plain words", at(4));
        telemetry().insertLogs(List.of(percent, underscore, backslash, plain));

        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("%")))
                .as("[T-8c] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"%\")) must contain exactly "
                        + "percent").containsExactly(percent);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("_")))
                .as("[T-8c] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"_\")) must contain exactly "
                        + "underscore").containsExactly(underscore);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("\\")))
                .as("[T-8c] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"\\\\\")) must contain exactly "
                        + "backslash").containsExactly(backslash);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("k%c")))
                .as("[T-8c] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"k%c\")) must be empty").isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("p_ain")))
                .as("[T-8c] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"p_ain\")) must be "
                        + "empty").isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("*")))
                .as("[T-8c] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"*\")) must be empty").isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("\\t")))
                .as("[T-8c] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"\\\\t\")) must contain exactly "
                        + "backslash").containsExactly(backslash);
    }

    @Test
    @DisplayName("T-9 a trace query filters by exact trace id, exact operation and instance, combined with AND")
    void traceFilters() {
        Span a1 = span(tenant, inst, "A", "1", "GET /a", at(1));
        Span a2 = span(tenant, inst, "A", "2", "db.query", at(2));
        Span a3 = span(tenant, inst2, "A", "3", "GET /a", at(3));
        Span b1 = span(tenant, inst, "B", "1", "GET /a", at(4));
        telemetry().insertSpans(List.of(a1, a2, a3, b1));

        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace("A")))
                .as("[T-9] telemetry().querySpans(tenant, TraceQuery.forTrace(\"A\")) must contain exactly a3, a2, "
                        + "a1").containsExactly(a3, a2, a1);
        assertThat(telemetry().querySpans(tenant, TraceQuery.forInstance(inst).withOperation("GET /a")))
                .as("[T-9] telemetry().querySpans(tenant, TraceQuery.forInstance(inst).withOperation(\"GET /a\")) must "
                        + "contain exactly b1, a1")
                .containsExactly(b1, a1);
        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace("A").withInstance(inst)
                .withOperation("db.query")))
                .as("[T-9] telemetry().querySpans(tenant, TraceQuery.forTrace(…).withInstance(…).withOperation(…)) "
                        + "must contain exactly a2").containsExactly(a2);
        assertThat(telemetry().querySpans(tenant, TraceQuery.all().withOperation("get /a")))
                .as("[T-9] telemetry().querySpans(tenant, TraceQuery.all().withOperation(\"get /a\")) must be "
                        + "empty").isEmpty();
        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace("a")))
                .as("[T-9] telemetry().querySpans(tenant, TraceQuery.forTrace(\"a\")) must be empty").isEmpty();
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
                .as("[T-10] telemetry().queryMetrics(tenant, MetricQuery.all()) mapped by Metric::instanceId must "
                        + "contain exactly inst2, inst")
                .extracting(Metric::instanceId).containsExactly(inst2, inst);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all()))
                .as("[T-10] telemetry().queryLogs(tenant, LogQuery.all()) mapped by LogEntry::instanceId must contain "
                        + "exactly inst2, inst")
                .extracting(LogEntry::instanceId).containsExactly(inst2, inst);
        assertThat(telemetry().querySpans(tenant, TraceQuery.all()))
                .as("[T-10] telemetry().querySpans(tenant, TraceQuery.all()) mapped by Span::instanceId must contain "
                        + "exactly inst2, inst")
                .extracting(Span::instanceId).containsExactly(inst2, inst);
        assertThat(telemetry().queryMetrics(otherTenant, MetricQuery.all()))
                .as("[T-10] telemetry().queryMetrics(otherTenant, MetricQuery.all()) mapped by Metric::instanceId must "
                        + "contain exactly inst, foreign")
                .extracting(Metric::instanceId).containsExactly(inst, foreign);
        assertThat(telemetry().queryLogs(otherTenant, LogQuery.all()))
                .as("[T-10] telemetry().queryLogs(otherTenant, LogQuery.all()) must all match … and have size 2")
                .allMatch(e -> e.tenantId().equals(otherTenant))
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
        assertThat(values(mine.metrics()))
                .as("[T-11a] values(mine.metrics()) must contain exactly 1d").containsExactly(1d);
        assertThat(mine.logs())
                .as("[T-11a] mine.logs() mapped by LogEntry::message must contain exactly \"line 1\"")
                .extracting(LogEntry::message).containsExactly("line 1");
        assertThat(mine.spans())
                .as("[T-11a] mine.spans() mapped by Span::traceId must contain exactly \"trace-1\"")
                .extracting(Span::traceId).containsExactly("trace-1");
        assertThat(values(theirs.metrics()))
                .as("[T-11a] values(theirs.metrics()) must contain exactly 2d").containsExactly(2d);
        assertThat(theirs.logs())
                .as("[T-11a] theirs.logs() mapped by LogEntry::message must contain exactly \"line 2\"")
                .extracting(LogEntry::message).containsExactly("line 2");
        assertThat(theirs.spans())
                .as("[T-11a] theirs.spans() mapped by Span::traceId must contain exactly \"trace-2\"")
                .extracting(Span::traceId).containsExactly("trace-2");
        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace("trace-2")))
                .as("[T-11a] telemetry().querySpans(tenant, TraceQuery.forTrace(\"trace-2\")) must be empty").isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withSearch("line 2")))
                .as("[T-11a] telemetry().queryLogs(tenant, LogQuery.all().withSearch(\"line 2\")) must be "
                        + "empty").isEmpty();
        assertThat(telemetry().queryMetrics(third, MetricQuery.all()))
                .as("[T-11a] telemetry().queryMetrics(third, MetricQuery.all()) must be empty").isEmpty();
        assertThat(telemetry().queryLogs(third, LogQuery.all()))
                .as("[T-11a] telemetry().queryLogs(third, LogQuery.all()) must be empty").isEmpty();
        assertThat(telemetry().querySpans(third, TraceQuery.all()))
                .as("[T-11a] telemetry().querySpans(third, TraceQuery.all()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("T-11b snapshot reads see only the given tenant's snapshots, even for the same instance id")
    void snapshotTenantIsolation() {
        ResourceSnapshot mine = snapshot(tenant, inst, 1, at(1));
        ResourceSnapshot theirs = snapshot(otherTenant, inst, 2, at(2));
        telemetry().insertResourceSnapshot(mine);
        telemetry().insertResourceSnapshot(theirs);

        assertThat(telemetry().latestResourceSnapshot(tenant, inst))
                .as("[T-11b] telemetry().latestResourceSnapshot(tenant, inst) must contain mine").contains(mine);
        assertThat(telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()))
                .as("[T-11b] telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()) must contain exactly "
                        + "mine").containsExactly(mine);
        assertThat(telemetry().latestResourceSnapshot(otherTenant, inst))
                .as("[T-11b] telemetry().latestResourceSnapshot(otherTenant, inst) must contain "
                        + "theirs").contains(theirs);
        assertThat(telemetry().listResourceSnapshots(otherTenant, inst, TimeWindow.latest()))
                .as("[T-11b] telemetry().listResourceSnapshots(otherTenant, inst, TimeWindow.latest()) must contain "
                        + "exactly theirs").containsExactly(theirs);
        assertThat(telemetry().latestResourceSnapshot(TenantId.generate(), inst))
                .as("[T-11b] telemetry().latestResourceSnapshot(TenantId.generate(), inst) must be empty").isEmpty();
        assertThat(telemetry().listResourceSnapshots(TenantId.generate(), inst, TimeWindow.latest()))
                .as("[T-11b] telemetry().listResourceSnapshots(TenantId.generate(), inst, TimeWindow.latest()) must be "
                        + "empty").isEmpty();
    }

    @Test
    @DisplayName("T-12 the latest snapshot has the greatest timestamp, not the last insert; none gives empty")
    void latestSnapshot() {
        assertThat(telemetry().latestResourceSnapshot(tenant, inst))
                .as("[T-12] telemetry().latestResourceSnapshot(tenant, inst) must be empty").isEmpty();
        ResourceSnapshot newer = snapshot(tenant, inst, 2, at(5));
        ResourceSnapshot late = snapshot(tenant, inst, 1, at(1));
        telemetry().insertResourceSnapshot(newer);
        telemetry().insertResourceSnapshot(late);
        telemetry().insertResourceSnapshot(snapshot(tenant, inst2, 3, at(9)));

        assertThat(telemetry().latestResourceSnapshot(tenant, inst))
                .as("[T-12] telemetry().latestResourceSnapshot(tenant, inst) must contain newer").contains(newer);
        assertThat(telemetry().latestResourceSnapshot(tenant, InstanceId.generate()))
                .as("[T-12] telemetry().latestResourceSnapshot(tenant, InstanceId.generate()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("T-13 listing snapshots returns only that instance's, within the window, newest first")
    void listSnapshots() {
        for (int n = 0; n < 4; n++) {
            telemetry().insertResourceSnapshot(snapshot(tenant, inst, n, at(n)));
            telemetry().insertResourceSnapshot(snapshot(tenant, inst2, 10 + n, at(n)));
        }

        assertThat(telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()))
                .as("[T-13] telemetry().listResourceSnapshots(tenant, inst, TimeWindow.latest()) mapped by "
                        + "ResourceSnapshot::memoryUsedMb must contain exactly 3L, 2L, 1L, 0L")
                .extracting(ResourceSnapshot::memoryUsedMb).containsExactly(3L, 2L, 1L, 0L);
        assertThat(telemetry().listResourceSnapshots(tenant, inst2, TimeWindow.between(at(1), at(2))))
                .as("[T-13] telemetry().listResourceSnapshots(tenant, inst2, TimeWindow.between(at(1), at(2))) mapped "
                        + "by ResourceSnapshot::memoryUsedMb must contain exactly 12L, 11L")
                .extracting(ResourceSnapshot::memoryUsedMb).containsExactly(12L, 11L);
        assertThat(telemetry().listResourceSnapshots(tenant, InstanceId.generate(), TimeWindow.latest()))
                .as("[T-13] telemetry().listResourceSnapshots(tenant, InstanceId.generate(), TimeWindow.latest()) must "
                        + "be empty").isEmpty();
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
        assertThat(values(kept.metrics()))
                .as("[T-14] values(kept.metrics()) must contain exactly 1d").containsExactly(1d);
        assertThat(kept.logs()).as("[T-14] kept.logs() must have size 1").hasSize(1);
        assertThat(kept.spans()).as("[T-14] kept.spans() must have size 1").hasSize(1);
        assertThat(kept.snapshots()).as("[T-14] kept.snapshots() must have size 1").hasSize(1);
        assertThat(telemetry().latestResourceSnapshot(tenant, real.id()))
                .as("[T-14] telemetry().latestResourceSnapshot(tenant, real.id()) must be present").isPresent();
        assertThat(values(everything(tenant, never).metrics()))
                .as("[T-14] values(everything(tenant, never).metrics()) must contain exactly 2d").containsExactly(2d);
        Everything none = everything(tenant, InstanceId.generate());
        assertThat(none.metrics()).as("[T-14] none.metrics() must be empty").isEmpty();
        assertThat(none.logs()).as("[T-14] none.logs() must be empty").isEmpty();
        assertThat(none.spans()).as("[T-14] none.spans() must be empty").isEmpty();
        assertThat(none.snapshots()).as("[T-14] none.snapshots() must be empty").isEmpty();
    }

    // ---- retention ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T-15a purge deletes the tenant's rows of all four kinds strictly before the cutoff and counts them")
    void purgeBefore() {
        for (int n = 1; n <= 3; n++) {
            insertOneOfEach(tenant, n == 3 ? inst2 : inst, n, at(n));
        }

        assertThat(telemetry().purgeBefore(tenant, at(2)))
                .as("[T-15a] telemetry().purgeBefore(tenant, at(2)) must equal 4").isEqualTo(4);

        List<Instant> left = List.of(at(2));
        Everything got = everything(tenant, inst);
        assertThat(times(got.metrics(), Metric::timestamp))
                .as("[T-15a] times(got.metrics(), Metric::timestamp) must equal left").isEqualTo(left);
        assertThat(times(got.logs(), LogEntry::timestamp))
                .as("[T-15a] times(got.logs(), LogEntry::timestamp) must equal left").isEqualTo(left);
        assertThat(times(got.spans(), Span::timestamp))
                .as("[T-15a] times(got.spans(), Span::timestamp) must equal left").isEqualTo(left);
        assertThat(times(got.snapshots(), ResourceSnapshot::timestamp))
                .as("[T-15a] times(got.snapshots(), ResourceSnapshot::timestamp) must equal left").isEqualTo(left);
        assertThat(everything(tenant, inst2).metrics())
                .as("[T-15a] everything(tenant, inst2).metrics() must have size 1").hasSize(1);
        assertThat(telemetry().purgeBefore(tenant, at(2)))
                .as("[T-15a] telemetry().purgeBefore(tenant, at(2)) must be 0").isZero();
        assertThat(telemetry().purgeBefore(tenant, at(100)))
                .as("[T-15a] telemetry().purgeBefore(tenant, at(100)) must equal 8").isEqualTo(8);
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all()))
                .as("[T-15a] telemetry().queryMetrics(tenant, MetricQuery.all()) must be empty").isEmpty();
        assertThat(telemetry().latestResourceSnapshot(tenant, inst))
                .as("[T-15a] telemetry().latestResourceSnapshot(tenant, inst) must be empty").isEmpty();
    }

    @Test
    @DisplayName("T-15b the purge cutoff is truncated to microseconds: a row in the cutoff's microsecond stays")
    void purgeCutoffMicros() {
        insertOneOfEach(tenant, inst, 1, T0);

        assertThat(telemetry().purgeBefore(tenant, T0.plusNanos(999)))
                .as("[T-15b] telemetry().purgeBefore(tenant, T0.plusNanos(999)) must be 0").isZero();
        assertThat(everything(tenant, inst).logs())
                .as("[T-15b] everything(tenant, inst).logs() must have size 1").hasSize(1);
        assertThat(telemetry().purgeBefore(tenant, T0.plusNanos(1000)))
                .as("[T-15b] telemetry().purgeBefore(tenant, T0.plusNanos(1000)) must equal 4").isEqualTo(4);
    }

    @Test
    @DisplayName("T-16 purge touches only the given tenant: other tenants' rows stay and are not counted")
    void purgeTenantIsolation() {
        insertOneOfEach(tenant, inst, 1, at(1));
        insertOneOfEach(otherTenant, inst, 2, at(1));
        insertOneOfEach(otherTenant, inst2, 3, at(1));

        assertThat(telemetry().purgeBefore(TenantId.generate(), at(100)))
                .as("[T-16] telemetry().purgeBefore(TenantId.generate(), at(100)) must be 0").isZero();
        assertThat(telemetry().purgeBefore(tenant, at(100)))
                .as("[T-16] telemetry().purgeBefore(tenant, at(100)) must equal 4").isEqualTo(4);

        Everything theirs = everything(otherTenant, inst);
        assertThat(values(theirs.metrics()))
                .as("[T-16] values(theirs.metrics()) must contain exactly 2d").containsExactly(2d);
        assertThat(theirs.logs()).as("[T-16] theirs.logs() must have size 1").hasSize(1);
        assertThat(theirs.spans()).as("[T-16] theirs.spans() must have size 1").hasSize(1);
        assertThat(theirs.snapshots()).as("[T-16] theirs.snapshots() must have size 1").hasSize(1);
        assertThat(telemetry().queryMetrics(otherTenant, MetricQuery.all()))
                .as("[T-16] telemetry().queryMetrics(otherTenant, MetricQuery.all()) must have size 2").hasSize(2);
        assertThat(telemetry().purgeBefore(otherTenant, at(100)))
                .as("[T-16] telemetry().purgeBefore(otherTenant, at(100)) must equal 8").isEqualTo(8);
    }

    // ---- batches and bad input ------------------------------------------------------------------------------

    @Test
    @DisplayName("T-17a an empty batch does nothing and a batch of exactly 10,000 rows is stored whole")
    void batchBounds() {
        telemetry().insertMetrics(List.of());
        telemetry().insertLogs(List.of());
        telemetry().insertSpans(List.of());
        assertThat(telemetry().purgeBefore(tenant, at(100_000)))
                .as("[T-17a] telemetry().purgeBefore(tenant, at(100_000)) must be 0").isZero();

        int max = TelemetryStore.MAX_BATCH;
        assertThat(max).as("[T-17a] max must equal 10_000").isEqualTo(10_000);
        telemetry().insertMetrics(IntStream.range(0, max).mapToObj(n -> metric(tenant, inst, "m", n, at(n))).toList());
        telemetry().insertLogs(IntStream.range(0, max).mapToObj(n -> log(tenant, inst, "info", "l" + n, at(n)))
                .toList());
        telemetry().insertSpans(IntStream.range(0, max).mapToObj(n -> span(tenant, inst, "t", "s" + n, "op", at(n)))
                .toList());

        assertThat(values(telemetry().queryMetrics(tenant, MetricQuery.all().withWindow(TimeWindow.latest(2)))))
                .as("[T-17a] values(telemetry().queryMetrics(tenant, MetricQuery.all().withWindow(…))) must contain "
                        + "exactly max - 1d, max - 2d")
                .containsExactly(max - 1d, max - 2d);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withWindow(TimeWindow.between(at(0), at(0)))))
                .as("[T-17a] telemetry().queryLogs(tenant, LogQuery.all().withWindow(TimeWindow.between(at(0), "
                        + "at(0)))) mapped by LogEntry::message must contain exactly \"l0\"")
                .extracting(LogEntry::message).containsExactly("l0");
        assertThat(telemetry().purgeBefore(tenant, at(max)))
                .as("[T-17a] telemetry().purgeBefore(tenant, at(max)) must equal 3L * max").isEqualTo(3L * max);
    }

    @Test
    @DisplayName("T-17b a batch of more than 10,000 rows is rejected naming metrics, logs or spans; nothing is stored")
    void oversizedBatch() {
        int over = TelemetryStore.MAX_BATCH + 1;
        List<Metric> metrics = IntStream.range(0, over).mapToObj(n -> metric(tenant, inst, "m", n, at(n))).toList();
        List<LogEntry> logs = IntStream.range(0, over).mapToObj(n -> log(tenant, inst, "info", "l", at(n))).toList();
        List<Span> spans = IntStream.range(0, over).mapToObj(n -> span(tenant, inst, "t", "s", "op", at(n))).toList();

        assertThat(assertInvalidArgument("[T-17b] telemetry().insertMetrics(metrics) must throw "
                        + "InvalidArgumentException naming metrics",
                () -> telemetry().insertMetrics(metrics), "metrics"))
                .as("[T-17b] assertInvalidArgument(() -> telemetry().insertMetrics(metrics), \"metrics\") must have a "
                        + "message containing \"10000\" and have a message containing String.valueOf(over)")
                .hasMessageContaining("10000").hasMessageContaining(String.valueOf(over));
        assertInvalidArgument("[T-17b] telemetry().insertLogs(logs) must throw InvalidArgumentException naming logs",
                () -> telemetry().insertLogs(logs), "logs");
        assertInvalidArgument("[T-17b] telemetry().insertSpans(spans) must throw InvalidArgumentException naming spans",
                () -> telemetry().insertSpans(spans), "spans");

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all()))
                .as("[T-17b] telemetry().queryMetrics(tenant, MetricQuery.all()) must be empty").isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all()))
                .as("[T-17b] telemetry().queryLogs(tenant, LogQuery.all()) must be empty").isEmpty();
        assertThat(telemetry().querySpans(tenant, TraceQuery.all()))
                .as("[T-17b] telemetry().querySpans(tenant, TraceQuery.all()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("T-18 a batch holding a null row is rejected naming the element; none of its rows is stored")
    void batchAllOrNothing() {
        assertInvalidArgument("[T-18] telemetry().insertMetrics(Arrays.asList(metric(tenant, inst, \"m\", 1, at(1)), "
                        + "null)) must throw InvalidArgumentException naming metrics[1]",
                () -> telemetry().insertMetrics(Arrays.asList(metric(tenant, inst, "m", 1, at(1)),
                null)), "metrics[1]");
        assertInvalidArgument("[T-18] telemetry().insertLogs(Arrays.asList(log(…), log(…), null)) must throw "
                        + "InvalidArgumentException naming logs[2]",
                () -> telemetry().insertLogs(Arrays.asList(log(tenant, inst, "info", "x", at(1)),
                log(otherTenant, inst, "info", "y", at(1)), null)), "logs[2]");
        assertInvalidArgument("[T-18] telemetry().insertSpans(Arrays.asList(null, span(tenant, inst, \"t\", \"s\", "
                        + "\"op\", at(1)))) must throw InvalidArgumentException naming spans[0]",
                () -> telemetry().insertSpans(Arrays.asList(null, span(tenant, inst, "t", "s", "op",
                at(1)))), "spans[0]");

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all()))
                .as("[T-18] telemetry().queryMetrics(tenant, MetricQuery.all()) must be empty").isEmpty();
        assertThat(telemetry().queryLogs(tenant, LogQuery.all()))
                .as("[T-18] telemetry().queryLogs(tenant, LogQuery.all()) must be empty").isEmpty();
        assertThat(telemetry().queryLogs(otherTenant, LogQuery.all()))
                .as("[T-18] telemetry().queryLogs(otherTenant, LogQuery.all()) must be empty").isEmpty();
        assertThat(telemetry().querySpans(tenant, TraceQuery.all()))
                .as("[T-18] telemetry().querySpans(tenant, TraceQuery.all()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("T-19 a null argument to any method is rejected naming the parameter")
    void nullArguments() {
        TelemetryStore t = telemetry();
        assertInvalidArgument("[T-19] t.insertMetrics(null) must throw InvalidArgumentException naming metrics",
                () -> t.insertMetrics(null), "metrics");
        assertInvalidArgument("[T-19] t.insertLogs(null) must throw InvalidArgumentException naming logs",
                () -> t.insertLogs(null), "logs");
        assertInvalidArgument("[T-19] t.insertSpans(null) must throw InvalidArgumentException naming spans",
                () -> t.insertSpans(null), "spans");
        assertInvalidArgument("[T-19] t.queryMetrics(null, MetricQuery.all()) must throw InvalidArgumentException "
                        + "naming tenantId",
                () -> t.queryMetrics(null, MetricQuery.all()), "tenantId");
        assertInvalidArgument("[T-19] t.queryMetrics(tenant, null) must throw InvalidArgumentException naming query",
                () -> t.queryMetrics(tenant, null), "query");
        assertInvalidArgument("[T-19] t.queryLogs(null, LogQuery.all()) must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> t.queryLogs(null, LogQuery.all()), "tenantId");
        assertInvalidArgument("[T-19] t.queryLogs(tenant, null) must throw InvalidArgumentException naming query",
                () -> t.queryLogs(tenant, null), "query");
        assertInvalidArgument("[T-19] t.querySpans(null, TraceQuery.all()) must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> t.querySpans(null, TraceQuery.all()), "tenantId");
        assertInvalidArgument("[T-19] t.querySpans(tenant, null) must throw InvalidArgumentException naming query",
                () -> t.querySpans(tenant, null), "query");
        assertInvalidArgument("[T-19] t.insertResourceSnapshot(null) must throw InvalidArgumentException naming "
                        + "snapshot",
                () -> t.insertResourceSnapshot(null), "snapshot");
        assertInvalidArgument("[T-19] t.latestResourceSnapshot(null, inst) must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> t.latestResourceSnapshot(null, inst), "tenantId");
        assertInvalidArgument("[T-19] t.latestResourceSnapshot(tenant, null) must throw InvalidArgumentException "
                        + "naming instanceId",
                () -> t.latestResourceSnapshot(tenant, null), "instanceId");
        assertInvalidArgument("[T-19] t.listResourceSnapshots(null, inst, TimeWindow.latest()) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> t.listResourceSnapshots(null, inst, TimeWindow.latest()), "tenantId");
        assertInvalidArgument("[T-19] t.listResourceSnapshots(tenant, null, TimeWindow.latest()) must throw "
                        + "InvalidArgumentException naming instanceId",
                () -> t.listResourceSnapshots(tenant, null, TimeWindow.latest()), "instanceId");
        assertInvalidArgument("[T-19] t.listResourceSnapshots(tenant, inst, null) must throw InvalidArgumentException "
                        + "naming window",
                () -> t.listResourceSnapshots(tenant, inst, null), "window");
        assertInvalidArgument("[T-19] t.purgeBefore(null, T0) must throw InvalidArgumentException naming tenantId",
                () -> t.purgeBefore(null, T0), "tenantId");
        assertInvalidArgument("[T-19] t.purgeBefore(tenant, null) must throw InvalidArgumentException naming cutoff",
                () -> t.purgeBefore(tenant, null), "cutoff");
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

        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all().withName(s255)))
                .as("[T-20] telemetry().queryMetrics(tenant, MetricQuery.all().withName(s255)) must contain exactly "
                        + "metric").containsExactly(metric);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all().withLevel(s255)))
                .as("[T-20] telemetry().queryLogs(tenant, LogQuery.all().withLevel(s255)) must contain exactly "
                        + "log").containsExactly(log);
        assertThat(telemetry().querySpans(tenant, TraceQuery.forTrace(s255).withOperation(s255)))
                .as("[T-20] telemetry().querySpans(tenant, TraceQuery.forTrace(s255).withOperation(s255)) must contain "
                        + "exactly span")
                .containsExactly(span);

        String s256 = text(256);
        assertInvalidArgument("[T-20] metric.toBuilder().name(s256).build() must throw InvalidArgumentException naming "
                        + "metric.name",
                () -> metric.toBuilder().name(s256).build(), "metric.name");
        assertInvalidArgument("[T-20] log.toBuilder().level(s256).build() must throw InvalidArgumentException naming "
                        + "logEntry.level",
                () -> log.toBuilder().level(s256).build(), "logEntry.level");
        assertInvalidArgument("[T-20] log.toBuilder().source(s256).build() must throw InvalidArgumentException naming "
                        + "logEntry.source",
                () -> log.toBuilder().source(s256).build(), "logEntry.source");
        assertInvalidArgument("[T-20] log.toBuilder().message(text(LONG_TEXT + 1)).build() must throw "
                        + "InvalidArgumentException naming logEntry.message",
                () -> log.toBuilder().message(text(LONG_TEXT + 1)).build(), "logEntry.message");
        assertInvalidArgument("[T-20] span.toBuilder().traceId(s256).build() must throw InvalidArgumentException "
                        + "naming span.traceId",
                () -> span.toBuilder().traceId(s256).build(), "span.traceId");
        assertInvalidArgument("[T-20] span.toBuilder().operation(s256).build() must throw InvalidArgumentException "
                        + "naming span.operation",
                () -> span.toBuilder().operation(s256).build(), "span.operation");
        assertInvalidArgument("[T-20] MetricQuery.all().withName(s256) must throw InvalidArgumentException naming "
                        + "query.name",
                () -> MetricQuery.all().withName(s256), "query.name");
        assertInvalidArgument("[T-20] InstanceId.parse(tenant.value()) must throw InvalidArgumentException naming "
                        + "instanceId",
                () -> InstanceId.parse(tenant.value()), "instanceId");
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all()))
                .as("[T-20] telemetry().queryMetrics(tenant, MetricQuery.all()) must have size 1").hasSize(1);
        assertThat(telemetry().queryLogs(tenant, LogQuery.all()))
                .as("[T-20] telemetry().queryLogs(tenant, LogQuery.all()) must have size 1").hasSize(1);
        assertThat(telemetry().querySpans(tenant, TraceQuery.all()))
                .as("[T-20] telemetry().querySpans(tenant, TraceQuery.all()) must have size 1").hasSize(1);
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
        assertThat(got.metrics()).as("[T-21] got.metrics() must contain exactly m").containsExactly(m);
        assertThat(got.logs()).as("[T-21] got.logs() must have size 1").hasSize(1);
        assertThat(got.spans()).as("[T-21] got.spans() must have size 1").hasSize(1);
        assertThatThrownBy(() -> got.metrics().add(m),
                "[T-21] got.metrics().add(m) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.logs().clear(),
                "[T-21] got.logs().clear() must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.spans().remove(0),
                "[T-21] got.spans().remove(0) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.snapshots().clear(),
                "[T-21] got.snapshots().clear() must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.metrics().get(0).labels().put("k", "v"),
                "[T-21] got.metrics().get(0).labels().put(\"k\", \"v\") must throw UnsupportedOperationException")
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(everything(tenant, inst).metrics())
                .as("[T-21] everything(tenant, inst).metrics() must contain exactly m").containsExactly(m);
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
            assertThat(values(got.metrics())).as("[T-22] values(got.metrics()) must equal expectedValues: metrics of "
                            + "%s", id).isEqualTo(expectedValues);
            assertThat(got.logs())
                    .extracting(LogEntry::message)
                    .as("[T-22] got.logs() mapped by LogEntry::message must be this thread's messages, newest first: "
                            + "logs of %s", id)
                    .isEqualTo(IntStream.range(0, batches).mapToObj(n -> String.valueOf(batches - 1 - n)).toList());
        }
        assertThat(telemetry().queryMetrics(tenant, MetricQuery.all().withWindow(TimeWindow.latest(1000))))
                .as("[T-22] telemetry().queryMetrics(tenant, MetricQuery.all().withWindow(TimeWindow.latest(1000))) "
                        + "must have size threads * batches * 2")
                .hasSize(threads * batches * 2);
    }
}
