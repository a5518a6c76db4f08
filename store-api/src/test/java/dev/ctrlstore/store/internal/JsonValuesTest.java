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
    @DisplayName("documents nest at most 32 levels (the document is level 1), in maps and lists alike")
    void depth() {
        assertThat(depthOf(JsonValues.document(nested(32, false), "auditEntry.details"))).isEqualTo(32);
        assertThat(depthOf(JsonValues.document(nested(32, true), "auditEntry.details"))).isEqualTo(32);
        assertThat(invalid(() -> JsonValues.document(nested(33, false), "auditEntry.details"), "auditEntry.details"))
                .hasMessageContaining("at most 32 levels").hasMessageContaining("auditEntry.details.k.k");
        invalid(() -> JsonValues.document(nested(33, true), "logEntry.fields"), "logEntry.fields");
    }

    @Test
    @DisplayName("a document nested far deeper than any stack allows is rejected, not a StackOverflowError")
    void deepDocumentsDoNotOverflowTheStack() {
        Map<String, Object> deep = nested(200_000, true);
        invalid(() -> JsonValues.document(deep, "helm.values"), "helm.values");
        // a long flat list of small maps is no problem either
        List<Object> wide = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            wide.add(Map.of("i", i));
        }
        assertThat((List<?>) JsonValues.document(Map.of("wide", wide), "v").get("wide")).hasSize(50_000);
    }

    @Test
    @DisplayName("documents are at most 1,048,576 characters as compact JSON text, escapes counted")
    void size() {
        // {"k":"…"} is 8 characters around the string
        String fits = "x".repeat(JsonValues.MAX_CHARS - 8);
        assertThat(JsonValues.document(Map.of("k", fits), "helm.values").get("k")).isEqualTo(fits);
        assertThat(invalid(() -> JsonValues.document(Map.of("k", fits + "x"), "helm.values"), "helm.values"))
                .hasMessageContaining("at most 1048576 characters as JSON text");
        // {"k":[1,2,…]}: a list of single digits is 2 characters per element, less one comma, plus 8 around it
        List<Object> digits = new ArrayList<>();
        for (int i = 0; i < (JsonValues.MAX_CHARS - 7) / 2; i++) {
            digits.add(7);
        }
        assertThat((List<?>) JsonValues.document(Map.of("k", digits), "v").get("k")).hasSize(digits.size());
        digits.add(7);
        invalid(() -> JsonValues.document(Map.of("k", digits), "v"), "v");
        assertThat(JsonValues.stringLength("a\"\\\n\u0001\u20ac")).isEqualTo(2 + 1 + 2 + 2 + 2 + 6 + 1);
        Map<String, Object> scalars = new LinkedHashMap<>();
        scalars.put("n", null);
        scalars.put("t", true);
        scalars.put("f", false);
        scalars.put("l", -12L);
        scalars.put("d", 0.5);
        // {"n":null,"t":true,"f":false,"l":-12,"d":0.5} is 45 characters, and ,"p":"…" adds 7 around its string
        scalars.put("p", "x".repeat(JsonValues.MAX_CHARS - 52));
        assertThat(JsonValues.document(scalars, "v")).hasSize(6);
        scalars.put("p", "x".repeat(JsonValues.MAX_CHARS - 51));
        invalid(() -> JsonValues.document(scalars, "v"), "v");
    }

    @Test
    @DisplayName("text in documents, keys and values at any depth, must be storable")
    void storableText() {
        invalid(() -> JsonValues.document(Map.of("a", Map.of("b", List.of("ok", "x\u0000"))), "auditEntry.details"),
                "auditEntry.details.a.b[1]");
        invalid(() -> JsonValues.document(Map.of("a", Map.of("\ud800", 1)), "auditEntry.details"),
                "auditEntry.details.a key");
        assertThat(JsonValues.document(Map.of("\ud83d\ude80", "\u0001"), "v")).containsEntry("\ud83d\ude80", "\u0001");
    }

    /** {@code depth} levels: the document, then maps (or lists) inside each other, the innermost holding "leaf". */
    private static Map<String, Object> nested(int depth, boolean lists) {
        Object inner = "leaf";
        for (int level = depth; level > 1; level--) {
            inner = lists ? List.of(inner) : Map.of("k", inner);
        }
        return Map.of("k", inner);
    }

    private static int depthOf(Object value) {
        int depth = 0;
        while (value instanceof Map<?, ?> || value instanceof List<?>) {
            depth++;
            value = value instanceof Map<?, ?> m ? m.values().iterator().next() : ((List<?>) value).get(0);
        }
        return depth;
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
