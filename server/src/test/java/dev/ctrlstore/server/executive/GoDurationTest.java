package dev.ctrlstore.server.executive;

import dev.ctrlstore.server.http.HttpError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({"0,0", "1m,60000000000", "1h30m,5400000000000", "1.5s,1500000000", "500ms,500000000",
            "2us,2000", "2µs,2000", "7ns,7", ".5m,30000000000", "1h0m0.25s,3600250000000"})
    @DisplayName("Go duration text parses to its nanoseconds")
    void parses(String text, long nanos) {
        assertThat(GoDuration.parse("period", text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "m", "1d", "-1m", "1m ", "1.5.5s", "1mm", "99999999999h"})
    @DisplayName("anything else is a 400 naming the text")
    void refuses(String text) {
        assertThatThrownBy(() -> GoDuration.parse("\"period\"", text)).isInstanceOfSatisfying(HttpError.class,
                e -> assertThat(e.status()).isEqualTo(400)).hasMessageContaining("\"" + text + "\"");
    }
}
