package dev.ctrlstore.store.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
