package dev.ctrlstore.store.instance;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.TenantId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InstanceFilterTest {
    private static final Instance WEB = Instance.builder().tenantId(TenantId.generate()).name("web").slug("web")
            .state(InstanceState.RUNNING).providerName("k8s").datacenterId("dc-1")
            .labels(Map.of("env", "prod", "team", "a", "empty", "")).build();

    @Test
    @DisplayName("matches requires every criterion; labels are ANDed and exact; a missing label never matches")
    void matches() {
        assertThat(InstanceFilter.all().matches(WEB)).isTrue();
        assertThat(InstanceFilter.all().withState(InstanceState.RUNNING).matches(WEB)).isTrue();
        assertThat(InstanceFilter.all().withState(InstanceState.STOPPED).matches(WEB)).isFalse();
        assertThat(InstanceFilter.all().withProviderName("k8s").matches(WEB)).isTrue();
        assertThat(InstanceFilter.all().withProviderName("K8s").matches(WEB)).isFalse();
        assertThat(InstanceFilter.all().withDatacenterId("dc-1").matches(WEB)).isTrue();
        assertThat(InstanceFilter.all().withDatacenterId("").matches(WEB)).isFalse();
        assertThat(InstanceFilter.all().withLabels(Map.of("env", "prod", "team", "a")).matches(WEB)).isTrue();
        assertThat(InstanceFilter.all().withLabels(Map.of("env", "prod", "team", "b")).matches(WEB)).isFalse();
        assertThat(InstanceFilter.all().withLabels(Map.of("empty", "")).matches(WEB)).isTrue();
        assertThat(InstanceFilter.all().withLabels(Map.of("missing", "")).matches(WEB)).isFalse();
        assertThat(InstanceFilter.all().withState(InstanceState.RUNNING).withProviderName("k8s")
                .withDatacenterId("dc-2").matches(WEB)).isFalse();
    }

    @Test
    @DisplayName("a selector holds at most MAX_LABELS labels; one more fails naming filter.labels")
    void labelLimit() {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < InstanceFilter.MAX_LABELS; i++) {
            labels.put("k" + i, "v");
        }
        assertThat(InstanceFilter.all().withLabels(labels).labels()).hasSize(InstanceFilter.MAX_LABELS);
        labels.put("one-more", "v");
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> InstanceFilter.all().withLabels(labels));
        assertThat(e.field()).isEqualTo("filter.labels");
        assertThat(e).hasMessageContaining("at most 32 labels, got 33");
    }

    @Test
    @DisplayName("null criteria fail naming the field; the labels are copied")
    void nullsAndCopies() {
        invalid(() -> InstanceFilter.all().withState(null), "filter.state");
        invalid(() -> InstanceFilter.all().withProviderName(null), "filter.providerName");
        invalid(() -> InstanceFilter.all().withDatacenterId(null), "filter.datacenterId");
        Map<String, String> labels = new HashMap<>(Map.of("env", "prod"));
        InstanceFilter f = InstanceFilter.all().withLabels(labels);
        labels.put("env", "dev");

        assertThat(f.labels()).containsOnly(Map.entry("env", "prod"));
        assertThat(InstanceFilter.all().withLabels(null).labels()).isEmpty();
        assertThat(new InstanceFilter(null, null, null, null)).isEqualTo(InstanceFilter.all());
    }

    private static void invalid(ThrowingCallable call, String field) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class, call);
        assertThat(e).as("expected InvalidArgumentException on %s", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(field);
    }
}
