package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TelemetryRecordsTest {
    private static final TenantId TENANT = TenantId.generate();
    private static final InstanceId INSTANCE = InstanceId.generate();
    private static final Instant T = Instant.parse("2026-03-14T15:09:26.535897Z");

    private static void invalid(ThrowingCallable call, String field) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class, call);
        assertThat(e).as("expected InvalidArgumentException naming %s", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(field);
    }

    private static Metric.Builder metric() {
        return Metric.builder().tenantId(TENANT).instanceId(INSTANCE).name("cpu").timestamp(T);
    }

    private static LogEntry.Builder log() {
        return LogEntry.builder().tenantId(TENANT).instanceId(INSTANCE).level("info").timestamp(T);
    }

    private static Span.Builder span() {
        return Span.builder().tenantId(TENANT).instanceId(INSTANCE).traceId("t").spanId("s").operation("op")
                .timestamp(T);
    }

    private static ResourceSnapshot.Builder snapshot() {
        return ResourceSnapshot.builder().tenantId(TENANT).instanceId(INSTANCE).timestamp(T);
    }

    @Test
    void metricDefaultsAndNormalisation() {
        Map<String, String> labels = new HashMap<>(Map.of("k", "v"));
        Metric m = metric().value(-0.0).labels(labels).timestamp(T.plusNanos(999)).build();
        labels.put("k2", "v2");

        assertThat(m.type()).isEqualTo(MetricType.GAUGE);
        assertThat(m.value()).isEqualTo(0.0).isEqualTo(metric().value(0.0).build().value());
        assertThat(m).isEqualTo(metric().labels(Map.of("k", "v")).build());
        assertThat(m.labels()).containsExactly(Map.entry("k", "v"));
        assertThat(m.timestamp()).isEqualTo(T);
        assertThat(metric().labels(null).build().labels()).isEmpty();
        assertThat(m.toBuilder().build()).isEqualTo(m);
    }

    @Test
    void metricRejectsBadFields() {
        invalid(() -> metric().tenantId(null).build(), "metric.tenantId");
        invalid(() -> metric().instanceId(null).build(), "metric.instanceId");
        invalid(() -> metric().name(" ").build(), "metric.name");
        invalid(() -> metric().name("x".repeat(256)).build(), "metric.name");
        invalid(() -> metric().type(null).build(), "metric.type");
        invalid(() -> metric().value(Double.NaN).build(), "metric.value");
        invalid(() -> metric().value(Double.NEGATIVE_INFINITY).build(), "metric.value");
        invalid(() -> metric().labels(Map.of(" ", "v")).build(), "metric.labels key");
        invalid(() -> metric().timestamp(null).build(), "metric.timestamp");
    }

    @Test
    void eventTimesMustLieInYearsOneToNineThousandNineHundredNinetyNine() {
        assertThat(metric().timestamp(Instant.parse("9999-12-31T23:59:59.999999999Z")).build().timestamp())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(metric().timestamp(Instant.parse("0001-01-01T00:00:00Z")).build().timestamp())
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        invalid(() -> metric().timestamp(Instant.parse("+10000-01-01T00:00:00Z")).build(), "metric.timestamp");
        invalid(() -> log().timestamp(Instant.parse("0000-12-31T23:59:59.999999Z")).build(), "logEntry.timestamp");
        invalid(() -> span().timestamp(Instant.MAX).build(), "span.timestamp");
        invalid(() -> snapshot().timestamp(Instant.MIN).build(), "resourceSnapshot.timestamp");
    }

    @Test
    void logEntryNormalisesAndChecksFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("n", 1);
        fields.put("list", List.of(1.5f));
        LogEntry e = log().message(null).source(null).fields(fields).build();
        fields.put("later", "x");

        assertThat(e.message()).isEmpty();
        assertThat(e.source()).isEmpty();
        assertThat(e.fields()).isEqualTo(Map.of("n", 1L, "list", List.of(1.5d)));
        invalid(() -> log().level("").build(), "logEntry.level");
        invalid(() -> log().level(null).build(), "logEntry.level");
        invalid(() -> log().message("x".repeat((1 << 20) + 1)).build(), "logEntry.message");
        invalid(() -> log().source("x".repeat(256)).build(), "logEntry.source");
        invalid(() -> log().fields(Map.of("o", new Object())).build(), "logEntry.fields.o");
        invalid(() -> log().fields(Map.of("d", Double.NaN)).build(), "logEntry.fields.d");
    }

    @Test
    void spanNormalisesAndChecksFields() {
        Span s = span().parentId(null).status(null).duration(Duration.ofNanos(1_999)).build();

        assertThat(s.parentId()).isEmpty();
        assertThat(s.isRoot()).isTrue();
        assertThat(s.status()).isEmpty();
        assertThat(s.duration()).isEqualTo(Duration.ofNanos(1_000));
        assertThat(span().parentId("p").build().isRoot()).isFalse();
        invalid(() -> span().duration(Duration.ofNanos(-1)).build(), "span.duration");
        invalid(() -> span().duration(null).build(), "span.duration");
        invalid(() -> span().traceId(" ").build(), "span.traceId");
        invalid(() -> span().spanId(null).build(), "span.spanId");
        invalid(() -> span().operation("").build(), "span.operation");
        invalid(() -> span().parentId("x".repeat(256)).build(), "span.parentId");
        invalid(() -> span().attributes(Map.of("k", "v")).tenantId(null).build(), "span.tenantId");
    }

    @Test
    void snapshotAmountsMustBeFiniteAndNotNegative() {
        assertThat(snapshot().cpuPercent(-0.0).networkInMb(-0.0).build())
                .isEqualTo(snapshot().build());
        assertThat(snapshot().cpuPercent(800).build().cpuPercent()).isEqualTo(800);
        invalid(() -> snapshot().cpuPercent(-0.1).build(), "resourceSnapshot.cpuPercent");
        invalid(() -> snapshot().cpuPercent(Double.POSITIVE_INFINITY).build(), "resourceSnapshot.cpuPercent");
        invalid(() -> snapshot().memoryUsedMb(-1).build(), "resourceSnapshot.memoryUsedMb");
        invalid(() -> snapshot().memoryLimitMb(-1).build(), "resourceSnapshot.memoryLimitMb");
        invalid(() -> snapshot().diskUsedMb(-1).build(), "resourceSnapshot.diskUsedMb");
        invalid(() -> snapshot().networkInMb(Double.NaN).build(), "resourceSnapshot.networkInMb");
        invalid(() -> snapshot().networkOutMb(-1).build(), "resourceSnapshot.networkOutMb");
        invalid(() -> snapshot().instanceId(null).build(), "resourceSnapshot.instanceId");
    }

    @Test
    void metricTypeWireNames() {
        assertThat(MetricType.fromWire("gauge")).isEqualTo(MetricType.GAUGE);
        assertThat(MetricType.fromWire("counter")).isEqualTo(MetricType.COUNTER);
        assertThat(MetricType.fromWire("histogram")).isEqualTo(MetricType.HISTOGRAM);
        invalid(() -> MetricType.fromWire("summary"), "metricType");
    }

    @Test
    void queriesNormaliseAndCheckCriteria() {
        MetricQuery m = new MetricQuery(null, null, TimeWindow.latest());
        assertThat(m).isEqualTo(MetricQuery.all());
        assertThat(new LogQuery(null, null, null, TimeWindow.latest())).isEqualTo(LogQuery.all());
        assertThat(new TraceQuery(null, null, null, TimeWindow.latest())).isEqualTo(TraceQuery.all());
        assertThat(MetricQuery.forInstance(INSTANCE).instanceId()).contains(INSTANCE);
        assertThat(LogQuery.all().withSearch(" ").search()).contains(" ");

        invalid(() -> new MetricQuery(Optional.empty(), Optional.empty(), null), "query.window");
        invalid(() -> new LogQuery(Optional.empty(), Optional.empty(), Optional.empty(), null), "query.window");
        invalid(() -> new TraceQuery(Optional.empty(), Optional.empty(), Optional.empty(), null), "query.window");
        invalid(() -> MetricQuery.all().withName(" "), "query.name");
        invalid(() -> MetricQuery.all().withInstance(null), "query.instanceId");
        invalid(() -> LogQuery.all().withLevel(""), "query.level");
        invalid(() -> LogQuery.all().withSearch(""), "query.search");
        invalid(() -> LogQuery.all().withSearch(null), "query.search");
        invalid(() -> TraceQuery.forTrace(" "), "query.traceId");
        invalid(() -> TraceQuery.all().withOperation("x".repeat(256)), "query.operation");
    }

    @Test
    void queriesMatchOnEveryCriterionAndTheWindowBounds() {
        Metric m = metric().build();
        assertThat(MetricQuery.forInstance(INSTANCE).withName("cpu").matches(m)).isTrue();
        assertThat(MetricQuery.forInstance(InstanceId.generate()).matches(m)).isFalse();
        assertThat(MetricQuery.all().withName("CPU").matches(m)).isFalse();
        assertThat(MetricQuery.all().withWindow(TimeWindow.between(T, T)).matches(m)).isTrue();
        assertThat(MetricQuery.all().withWindow(TimeWindow.between(T.plusNanos(1000), T.plusSeconds(1)))
                .matches(m)).isFalse();

        Span s = span().build();
        assertThat(TraceQuery.forTrace("t").withOperation("op").withInstance(INSTANCE).matches(s)).isTrue();
        assertThat(TraceQuery.forTrace("T").matches(s)).isFalse();
        assertThat(TraceQuery.all().withOperation("OP").matches(s)).isFalse();

        LogEntry e = log().message("Disk FULL").build();
        assertThat(LogQuery.all().withLevel("info").withSearch("disk full").matches(e)).isTrue();
        assertThat(LogQuery.all().withLevel("INFO").matches(e)).isFalse();
        assertThat(LogQuery.all().withSearch("disk  full").matches(e)).isFalse();
    }

    @Test
    void searchIgnoresCaseIndependentlyOfTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertThat(LogQuery.messageMatches("TITLE IN CAPS", "title")).isTrue();
            assertThat(LogQuery.messageMatches("Grüße aus ZÜRICH", "zürich")).isTrue();
            assertThat(LogQuery.messageMatches("100% done", "%")).isTrue();
            assertThat(LogQuery.messageMatches("plain", "p_ain")).isFalse();
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void searchTextNoMessageCanHoldMatchesNothing() {
        // half of a surrogate pair is a substring of the message's UTF-16, yet no stored text can hold it alone
        assertThat(LogQuery.messageMatches("launched \ud83d\ude80", "\ud83d")).isFalse();
        assertThat(LogQuery.messageMatches("launched \ud83d\ude80", "\ud83d\ude80")).isTrue();
        LogQuery q = LogQuery.all().withSearch("\u0000").withLevel("in\u0000fo");
        assertThat(q.search()).contains("\u0000");
        assertThat(q.level()).contains("in\u0000fo");
        assertThat(MetricQuery.all().withName("\ud800").name()).contains("\ud800");
        assertThat(TraceQuery.all().withTraceId("\u0000").withOperation("\udc00").operation()).contains("\udc00");
    }

    @Test
    void storedTextAndLabelsStayWithinTheValueDomain() {
        Metric.Builder m = Metric.builder().tenantId(TenantId.generate()).instanceId(InstanceId.generate())
                .name("cpu").timestamp(Instant.EPOCH);
        String euro255 = "\u20ac".repeat(255);
        assertThat(m.labels(Map.of(euro255, euro255)).build().labels()).containsEntry(euro255, euro255);
        invalid(() -> m.labels(Map.of("k", euro255 + "x")).build(), "metric.labels[k]");
        invalid(() -> m.labels(Map.of()).name("c\u0000pu").build(), "metric.name");
        invalid(() -> LogEntry.builder().tenantId(TenantId.generate()).instanceId(InstanceId.generate())
                .level("info").message("a\ud800").timestamp(Instant.EPOCH).build(), "logEntry.message");
    }
}
