package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.FieldType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.ctrlstore.store.control.FieldType.BINARY;
import static dev.ctrlstore.store.control.FieldType.BYTESTRING;
import static dev.ctrlstore.store.control.FieldType.DECIMAL;
import static dev.ctrlstore.store.control.FieldType.INTEGER;
import static dev.ctrlstore.store.control.FieldType.STRING;
import static dev.ctrlstore.store.control.FieldType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every value a field takes converts to what the ledger carries; every other value is refused, naming the field. */
class ControlValuesTest {

    static Stream<Arguments> accepted() {
        long twoTo53Plus1 = (1L << 53) + 1;
        return Stream.of(
                Arguments.of(INTEGER, 42L, 42L),
                Arguments.of(INTEGER, 7, 7L),
                Arguments.of(INTEGER, BigInteger.valueOf(twoTo53Plus1), twoTo53Plus1),
                Arguments.of(INTEGER, new BigDecimal("9007199254740993"), twoTo53Plus1),
                Arguments.of(INTEGER, new BigDecimal("9223372036854775807"), Long.MAX_VALUE),
                Arguments.of(INTEGER, new BigInteger("-9223372036854775808"), Long.MIN_VALUE),
                Arguments.of(INTEGER, new BigDecimal("12.000"), 12L),
                Arguments.of(INTEGER, new BigDecimal("1E+3"), 1000L),
                Arguments.of(DECIMAL, new BigDecimal("1.5"), 1.5),
                Arguments.of(DECIMAL, 3L, 3.0),
                Arguments.of(DECIMAL, -0.25, -0.25),
                Arguments.of(STRING, "x".repeat(191), "x".repeat(191)),
                Arguments.of(STRING, "😀".repeat(191), "😀".repeat(191)),
                Arguments.of(TEXT, "long ".repeat(10_000), "long ".repeat(10_000)),
                Arguments.of(TEXT, "", ""));
    }

    @ParameterizedTest(name = "{0} takes {1}")
    @MethodSource("accepted")
    @DisplayName("values that fit convert exactly")
    void accepted(FieldType type, Object value, Object stored) {
        assertThat(ControlValues.convert("t field f", type, value)).isEqualTo(stored);
    }

    @Test
    @DisplayName("binary and bytestring take base64 and store its bytes; null stays null")
    void bytesAndNull() {
        byte[] bytes = new byte[255];
        bytes[0] = 1;
        String b64 = Base64.getEncoder().encodeToString(bytes);
        assertThat((byte[]) ControlValues.convert("f", BYTESTRING, b64)).isEqualTo(bytes);
        assertThat((byte[]) ControlValues.convert("f", BINARY, Base64.getEncoder().encodeToString(new byte[5000])))
                .hasSize(5000);
        assertThat(ControlValues.convert("f", INTEGER, null)).isNull();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(INTEGER, new BigDecimal("1.5"), "is not an integer"),
                Arguments.of(INTEGER, "1", "is not an integer"),
                Arguments.of(INTEGER, true, "is not an integer"),
                Arguments.of(INTEGER, new BigInteger("9223372036854775808"), "is not an integer"),
                Arguments.of(INTEGER, new BigDecimal("-9223372036854775809"), "is not an integer"),
                Arguments.of(INTEGER, Double.NaN, "is not an integer"),
                Arguments.of(INTEGER, 0.5, "is not an integer"),
                Arguments.of(DECIMAL, new BigDecimal("1e400"), "is not a finite number"),
                Arguments.of(DECIMAL, Double.POSITIVE_INFINITY, "is not a finite number"),
                Arguments.of(DECIMAL, "1.5", "is not a finite number"),
                Arguments.of(DECIMAL, false, "is not a finite number"),
                Arguments.of(STRING, "x".repeat(192), "is 192 characters long"),
                Arguments.of(STRING, "a\u0000b", "U+0000 at index 1"),
                Arguments.of(STRING, "a\uD800b", "unpaired surrogate at index 1"),
                Arguments.of(STRING, 5L, "is not a string"),
                Arguments.of(TEXT, "\u0000", "U+0000"),
                Arguments.of(TEXT, "x\uDC00", "unpaired surrogate"),
                Arguments.of(BINARY, "not base64!", "is not base64"),
                Arguments.of(BINARY, 12L, "is not a base64 string"),
                Arguments.of(BYTESTRING, Base64.getEncoder().encodeToString(new byte[256]), "is 256 bytes long"),
                Arguments.of(INTEGER, Map.of("a", 1), "nested JSON object"),
                Arguments.of(TEXT, List.of("a"), "nested JSON array"));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("refused")
    @DisplayName("values that do not fit are INVALID, naming the field and what it takes")
    void refused(FieldType type, Object value, String problem) {
        assertThatThrownBy(() -> ControlValues.convert("flags.rollouts field f", type, value))
                .isInstanceOfSatisfying(ControlException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlException.Reason.INVALID))
                .hasMessageContaining("flags.rollouts field f: ")
                .hasMessageContaining(problem)
                .hasMessageContaining(type.apiName() + " fields take");
    }
}
