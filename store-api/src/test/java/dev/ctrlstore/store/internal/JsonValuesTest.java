package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ctrlstore.store.internal.ChecksTest.invalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonValuesTest {

    @Test
    @DisplayName("document is a deep copy: changing the source at any depth afterwards does not change it")
    void deepCopy() {
        List<Object> innerList = new ArrayList<>(List.of("a"));
        Map<String, Object> innerMap = new HashMap<>(Map.of("list", innerList));
        Map<String, Object> source = new HashMap<>(Map.of("inner", innerMap, "s", "v"));

        Map<String, Object> copy = JsonValues.document(source, "helm.values");
        innerList.add("b");
        innerMap.put("x", 1);
        source.put("s", "changed");

        assertThat(copy).isEqualTo(Map.of("inner", Map.of("list", List.of("a")), "s", "v"));
    }

    @Test
    @DisplayName("document is unmodifiable at every depth; null becomes an empty map; null values are kept")
    void immutableAtEveryDepth() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("map", Map.of("list", List.of(List.of(Map.of("deep", "x")))));
        source.put("null", null);
        Map<String, Object> copy = JsonValues.document(source, "v");

        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) copy.get("map");
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) map.get("list");
        @SuppressWarnings("unchecked")
        List<Object> listInList = (List<Object>) list.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> deep = (Map<String, Object>) listInList.get(0);

        assertThatThrownBy(() -> copy.put("k", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.put("k", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> listInList.clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> deep.remove("deep")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(copy).containsEntry("null", null).containsKey("null");
        assertThat(JsonValues.document(null, "v")).isEmpty();
    }

    @Test
    @DisplayName("numbers are normalised to Long for integers and Double for fractions, as a JSON reader gives them")
    void numbersNormalised() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("byte", (byte) 1);
        source.put("short", (short) 2);
        source.put("int", 3);
        source.put("long", 9_007_199_254_740_993L);
        source.put("float", 0.5f);
        source.put("double", 0.1);
        source.put("bigInt", BigInteger.valueOf(Long.MIN_VALUE));
        source.put("hugeInt", BigInteger.TWO.pow(70));
        source.put("bigDec", new BigDecimal("1.25"));
        source.put("nested", List.of(7, Map.of("n", (short) 8)));

        Map<String, Object> copy = JsonValues.document(source, "v");

        assertThat(copy.get("byte")).isEqualTo(1L);
        assertThat(copy.get("short")).isEqualTo(2L);
        assertThat(copy.get("int")).isEqualTo(3L);
        assertThat(copy.get("long")).isEqualTo(9_007_199_254_740_993L);
        assertThat(copy.get("float")).isEqualTo(0.5);
        assertThat(copy.get("double")).isEqualTo(0.1);
        assertThat(copy.get("bigInt")).isEqualTo(Long.MIN_VALUE);
        assertThat(copy.get("hugeInt")).isEqualTo(Math.pow(2, 70));
        assertThat(copy.get("bigDec")).isEqualTo(1.25);
        assertThat(copy.get("nested")).isEqualTo(List.of(7L, Map.of("n", 8L)));
        assertThat(JsonValues.document(Map.of("a", 3), "v")).isEqualTo(JsonValues.document(Map.of("a", 3L), "v"));
    }

    @Test
    @DisplayName("values that are not JSON are rejected with the path to the offending value")
    void nonJsonRejected() {
        assertThat(invalid(() -> JsonValues.document(Map.of("when", Instant.EPOCH), "helm.values"),
                "helm.values.when")).hasMessageContaining("java.time.Instant");
        invalid(() -> JsonValues.document(Map.of("a", Map.of("b", List.of("ok", new Object()))), "helm.values"),
                "helm.values.a.b[1]");
        invalid(() -> JsonValues.document(Map.of("set", Set.of(1)), "v"), "v.set");
        invalid(() -> JsonValues.document(Map.of("chars", new char[] {'a'}), "v"), "v.chars");
        invalid(() -> JsonValues.document(Map.of("nested", Map.of(1, "x")), "v"), "v.nested");
    }

    @Test
    @DisplayName("NaN and infinities are rejected, also nested in lists")
    void nanRejected() {
        assertThat(invalid(() -> JsonValues.document(Map.of("x", Double.NaN), "v"), "v.x"))
                .hasMessageContaining("finite");
        invalid(() -> JsonValues.document(Map.of("x", Float.POSITIVE_INFINITY), "v"), "v.x");
        invalid(() -> JsonValues.document(Map.of("l", List.of(1.0, Double.NEGATIVE_INFINITY)), "v"), "v.l[1]");
    }

    @Test
    @DisplayName("a number too large for a double is rejected, not stored as Infinity")
    void hugeNumbersRejected() {
        assertThatThrownBy(() -> JsonValues.document(Map.of("n", BigInteger.TWO.pow(2000)), "doc"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("doc.n");
        assertThatThrownBy(() -> JsonValues.document(Map.of("n", new BigDecimal("1e400")), "doc"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("finite");
    }
}
