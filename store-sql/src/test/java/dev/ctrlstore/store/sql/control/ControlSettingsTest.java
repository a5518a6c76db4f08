package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.InvalidArgumentException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings' defaults and the bounds each knob is checked against. */
class ControlSettingsTest {
    private static final ControlSettings DEFAULTS = ControlSettings.defaults();

    @Test
    @DisplayName("the defaults: 50/100 MiB tables, 1000 rows a minute, 5 s sizes, 600,000 iterations, 5 min memory")
    void defaults() {
        assertThat(DEFAULTS).isEqualTo(new ControlSettings(50L << 20, 100L << 20, 1000, Duration.ofMinutes(1),
                Duration.ofSeconds(5), 600_000, Duration.ofMinutes(5)));
    }

    @Test
    @DisplayName("out-of-bounds knobs are refused, naming the bound")
    void bounds() {
        assertThatThrownBy(() -> DEFAULTS.withTableSizes(10, 5)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("warn size <= max size");
        assertThatThrownBy(() -> DEFAULTS.withTableSizes(0, 0)).hasMessageContaining("positive max size");
        assertThatThrownBy(() -> DEFAULTS.withWriterLimit(-1, Duration.ofMinutes(1)))
                .hasMessageContaining("0 or more, got -1");
        assertThatThrownBy(() -> DEFAULTS.withWriterLimit(1, Duration.ofMillis(999)))
                .hasMessageContaining("whole seconds from 1 s to 24 h");
        assertThatThrownBy(() -> DEFAULTS.withWriterLimit(1, Duration.ofHours(24).plusSeconds(1)))
                .hasMessageContaining("whole seconds from 1 s to 24 h");
        assertThatThrownBy(() -> DEFAULTS.withSizeRefresh(Duration.ofSeconds(-1)))
                .hasMessageContaining("sizeRefresh must be zero or positive");
        assertThatThrownBy(() -> DEFAULTS.withSecrets(999, Duration.ZERO))
                .hasMessageContaining("at least 1000, got 999");
        assertThat(DEFAULTS.withWriterLimit(0, Duration.ofHours(24)).writerLimit()).isZero();
    }
}
