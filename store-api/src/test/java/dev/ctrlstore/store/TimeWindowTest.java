package dev.ctrlstore.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TimeWindowTest {
    private static final Instant T = Instant.parse("2026-03-14T15:09:26.535897Z");

    @Test
    @DisplayName("since after until is rejected on field since; equal bounds are a valid one-instant window")
    void sinceNotAfterUntil() {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> TimeWindow.between(T.plusNanos(1_000), T));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("since");
        assertThat(e.getMessage()).contains(T.toString());

        TimeWindow point = TimeWindow.between(T, T);
        assertThat(point.contains(T)).isTrue();
        assertThat(point.contains(T.plusNanos(1_000))).isFalse();
        assertThat(point.contains(T.minusNanos(1_000))).isFalse();
    }

    @Test
    @DisplayName("bounds lie in years 1 to 9999: the ends are accepted, one microsecond outside fails naming the bound")
    void boundsWithinTheValueDomain() {
        Instant min = Instant.parse("0001-01-01T00:00:00Z");
        Instant max = Instant.parse("9999-12-31T23:59:59.999999Z");
        assertThat(TimeWindow.between(min, max).until()).contains(max);
        for (var bad : new Object[][] {{min.minusNanos(1_000), max, "since"}, {min, max.plusNanos(1_000), "until"},
                {Instant.MIN, max, "since"}, {min, Instant.MAX, "until"}}) {
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> TimeWindow.between((Instant) bad[0], (Instant) bad[1]));
            assertThat(e).as("between(%s, %s)", bad[0], bad[1]).isNotNull();
            assertThat(e.field()).isEqualTo(bad[2]);
        }
    }

    @Test
    @DisplayName("bounds are inclusive, optional, truncated to microseconds; the limit is 1 to 1000")
    void boundsAndLimit() {
        TimeWindow w = new TimeWindow(Optional.of(T.plusNanos(999)), null, 10);
        assertThat(w.since()).contains(T);
        assertThat(w.until()).isEmpty();
        assertThat(w.contains(T)).isTrue();
        assertThat(w.contains(Instant.MAX)).isTrue();
        assertThat(w.contains(T.minusNanos(1_000))).isFalse();
        assertThat(TimeWindow.latest().limit()).isEqualTo(TimeWindow.DEFAULT_LIMIT);
        assertThat(TimeWindow.latest().contains(Instant.EPOCH)).isTrue();
        assertThat(TimeWindow.latest(1000).withLimit(1).limit()).isEqualTo(1);
        for (int bad : new int[] {0, 1001}) {
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> TimeWindow.latest(bad));
            assertThat(e).isNotNull();
            assertThat(e.field()).isEqualTo("limit");
        }
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> TimeWindow.between(T, T).withLimit(0));
        assertThat(e).isNotNull();
    }
}
