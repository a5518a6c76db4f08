package dev.ctrlstore.store.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.ctrlstore.store.internal.ChecksTest.invalid;
import static org.assertj.core.api.Assertions.assertThat;

class TimesTest {

    @Test
    @DisplayName("micros truncates nanoseconds (also before 1970) and keeps null and empty")
    void micros() {
        assertThat(Times.micros(Instant.parse("2026-03-14T15:09:26.535897999Z")))
                .isEqualTo(Instant.parse("2026-03-14T15:09:26.535897Z"));
        assertThat(Times.micros(Instant.parse("1969-12-31T23:59:59.999999999Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(Times.micros((Instant) null)).isNull();
        assertThat(Times.micros((Optional<Instant>) null)).isEmpty();
        assertThat(Times.micros(Optional.of(Instant.ofEpochSecond(1, 1_999))))
                .contains(Instant.ofEpochSecond(1, 1_000));
    }

    @Test
    @DisplayName("checked micros: years 1 to 9999 inclusive after truncation; one microsecond outside fails naming"
            + " the field; null stays null, a required instant must be there")
    void range() {
        assertThat(Times.micros(Times.MIN, "instance.createdAt")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(Times.micros(Times.MAX, "instance.createdAt"))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(Times.micros(Times.MAX.plusNanos(999), "since")).isEqualTo(Times.MAX);
        assertThat(invalid(() -> Times.micros(Times.MAX.plusNanos(1_000), "since"), "since"))
                .hasMessageContaining("0001-01-01T00:00:00Z").hasMessageContaining("9999-12-31T23:59:59.999999Z");
        invalid(() -> Times.micros(Times.MIN.minusNanos(1), "until"), "until");
        invalid(() -> Times.micros(Instant.MAX, "until"), "until");
        assertThat(Times.micros((Instant) null, "domain.certExpiry")).isNull();
        assertThat(Times.micros((Optional<Instant>) null, "tenant.suspendedAt")).isEmpty();
        invalid(() -> Times.micros(Optional.of(Instant.MIN), "tenant.suspendedAt"), "tenant.suspendedAt");
        invalid(() -> Times.required(null, "cutoff"), "cutoff");
        invalid(() -> Times.required(Times.MIN.minusSeconds(1), "cutoff"), "cutoff");
    }

    @Test
    @DisplayName("epochMicros and ofEpochMicros are inverse and order-preserving, also before 1970")
    void epochMicros() {
        List<Instant> instants = List.of(Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.EPOCH,
                Instant.parse("1970-01-01T00:00:00.000001Z"), Instant.parse("2026-03-14T15:09:26.535897Z"));
        long previous = Long.MIN_VALUE;
        for (Instant t : instants) {
            long micros = Times.epochMicros(t);
            assertThat(micros).isGreaterThan(previous);
            assertThat(Times.ofEpochMicros(micros)).isEqualTo(t);
            previous = micros;
        }
        assertThat(Times.epochMicros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1);
    }
}
