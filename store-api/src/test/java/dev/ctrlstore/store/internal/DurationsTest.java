package dev.ctrlstore.store.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import static dev.ctrlstore.store.internal.ChecksTest.invalid;
import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @Test
    @DisplayName("durations are kept to microseconds, from zero to Long.MAX_VALUE microseconds inclusive")
    void range() {
        assertThat(Durations.nonNegative(Duration.ZERO, "span.duration")).isZero();
        assertThat(Durations.nonNegative(Duration.ofNanos(1_999), "span.duration")).isEqualTo(Duration.ofNanos(1_000));
        Duration max = Duration.of(Long.MAX_VALUE, ChronoUnit.MICROS);
        assertThat(Durations.MAX).isEqualTo(max);
        assertThat(Durations.nonNegative(max, "span.duration")).isEqualTo(max);
        assertThat(Durations.nonNegative(max.plusNanos(999), "span.duration")).isEqualTo(max);
        assertThat(invalid(() -> Durations.nonNegative(max.plusNanos(1_000), "span.duration"), "span.duration"))
                .hasMessageContaining("Long.MAX_VALUE microseconds");
        invalid(() -> Durations.nonNegative(Duration.ofSeconds(Long.MAX_VALUE), "check.interval"), "check.interval");
        invalid(() -> Durations.nonNegative(Duration.ofNanos(-1), "check.timeout"), "check.timeout");
        invalid(() -> Durations.nonNegative(null, "result.latency"), "result.latency");
    }
}
