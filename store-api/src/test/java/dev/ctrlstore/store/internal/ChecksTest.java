package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChecksTest {

    @Test
    @DisplayName("text: null, blank and over-long fail naming the field; the bound counts UTF-16 units inclusively")
    void text() {
        assertThat(Checks.text("x".repeat(255), "t.name", 255)).hasSize(255);
        assertThat(Checks.text(" padded ", "t.name", 255)).isEqualTo(" padded ");
        assertThat(invalid(() -> Checks.text(null, "t.name", 5), "t.name")).hasMessage("t.name must not be null");
        assertThat(invalid(() -> Checks.text(" \t\n", "t.name", 5), "t.name")).hasMessageContaining("blank");
        assertThat(invalid(() -> Checks.text("", "t.name", 5), "t.name")).hasMessageContaining("blank");
        assertThat(invalid(() -> Checks.text("x".repeat(256), "t.name", 255), "t.name"))
                .hasMessageContaining("at most 255").hasMessageContaining("got 256");
        assertThat(Checks.text("🚀🚀", "t.name", 4)).isEqualTo("🚀🚀");
        invalid(() -> Checks.text("🚀🚀🚀", "t.name", 5), "t.name");
    }

    @Test
    @DisplayName("optionalText: null becomes empty, empty and blank are kept, over-long fails")
    void optionalText() {
        assertThat(Checks.optionalText(null, "t.region", 3)).isEmpty();
        assertThat(Checks.optionalText("", "t.region", 3)).isEmpty();
        assertThat(Checks.optionalText("   ", "t.region", 3)).isEqualTo("   ");
        assertThat(invalid(() -> Checks.optionalText("abcd", "t.region", 3), "t.region"))
                .hasMessageContaining("at most 3");
    }

    @Test
    @DisplayName("slug: a DNS label of 1 to 63 lowercase letters, digits and inner hyphens")
    void slug() {
        for (String ok : List.of("a", "0", "a-b", "a--b", "app-1", "x".repeat(63), "1" + "-".repeat(61) + "z")) {
            assertThat(Checks.slug(ok, "s")).isEqualTo(ok);
        }
        for (String bad : List.of("A", "App", "-a", "a-", "a_b", "a.b", "a b", "ü", "x".repeat(64), " a")) {
            assertThat(invalid(() -> Checks.slug(bad, "inst.slug"), "inst.slug")).as(bad)
                    .hasMessageContaining("inst.slug");
        }
        assertThat(invalid(() -> Checks.slug("Bad Slug", "inst.slug"), "inst.slug"))
                .hasMessageContaining("\"Bad Slug\"").hasMessageContaining("DNS label");
        assertThat(invalid(() -> Checks.slug("a\u0000b", "slug"), "slug")).hasMessageContaining("\"a\\u0000b\"");
        assertThat(invalid(() -> Checks.slug("x".repeat(64), "slug"), "slug")).hasMessageContaining("(got 64)");
        assertThat(invalid(() -> Checks.hostname("a\ud800.example", "hostname"), "hostname"))
                .hasMessageContaining("\"a\\ud800.example\"");
        invalid(() -> Checks.slug("", "inst.slug"), "inst.slug");
        invalid(() -> Checks.slug(null, "inst.slug"), "inst.slug");
    }

    @Test
    @DisplayName("hostname: dot-separated lowercase DNS labels, each at most 63, in all at most 253 characters")
    void hostname() {
        String label63 = "a".repeat(63);
        String host253 = String.join(".", label63, label63, label63, "b".repeat(61));
        assertThat(host253).hasSize(253);
        for (String ok : List.of("localhost", "example.com", "a.b-c.d", "xn--bcher-kva.example", "1.2.3.4",
                label63 + ".com", host253)) {
            assertThat(Checks.hostname(ok, "domain.hostname")).isEqualTo(ok);
        }
        for (String bad : List.of("Example.com", "a..b", ".a", "a.", "-a.com", "a-.com", "a_b.com", "a b.com",
                "a".repeat(64) + ".com", host253 + "b", "*.example.com", "")) {
            invalid(() -> Checks.hostname(bad, "domain.hostname"), "domain.hostname");
        }
        assertThat(invalid(() -> Checks.hostname("a..b", "domain.hostname"), "domain.hostname"))
                .hasMessageContaining("\"a..b\"");
    }

    @Test
    @DisplayName("stringMap: an unmodifiable detached copy; null becomes empty; bad keys and values are named")
    void stringMap() {
        assertThat(Checks.stringMap(null, "m")).isEmpty();
        Map<String, String> source = new HashMap<>(Map.of("k", "v", "empty", ""));
        Map<String, String> copy = Checks.stringMap(source, "m");
        source.put("k", "changed");
        source.put("new", "x");

        assertThat(copy).containsOnly(Map.entry("k", "v"), Map.entry("empty", ""));
        assertThatThrownBy(() -> copy.put("a", "b")).isInstanceOf(UnsupportedOperationException.class);

        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        invalid(() -> Checks.stringMap(nullValue, "inst.labels"), "inst.labels[k]");
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        invalid(() -> Checks.stringMap(nullKey, "inst.labels"), "inst.labels key");
        invalid(() -> Checks.stringMap(Map.of(" ", "v"), "inst.labels"), "inst.labels key");
        invalid(() -> Checks.stringMap(Map.of("k".repeat(256), "v"), "inst.labels"), "inst.labels key");
        invalid(() -> Checks.stringMap(Map.of("k", "v".repeat(Checks.LONG_TEXT + 1)), "inst.labels"),
                "inst.labels[k]");
    }

    @Test
    @DisplayName("list and stringList: unmodifiable detached copies; null becomes empty; null elements named by index")
    void list() {
        assertThat(Checks.list(null, "l")).isEmpty();
        List<String> source = new ArrayList<>(List.of("a", "b"));
        List<String> copy = Checks.list(source, "l");
        source.set(0, "changed");
        source.add("c");

        assertThat(copy).containsExactly("a", "b");
        assertThatThrownBy(() -> copy.add("x")).isInstanceOf(UnsupportedOperationException.class);
        invalid(() -> Checks.list(Arrays.asList("a", null), "svc.ports"), "svc.ports[1]");
        invalid(() -> Checks.stringList(List.of("ok", "toolong"), "svc.args", 3), "svc.args[1]");
        assertThat(Checks.stringList(List.of("abc"), "svc.args", 3)).containsExactly("abc");
    }

    @Test
    @DisplayName("range and nonNegative: bounds are inclusive; the message names the field, the bounds and the value")
    void range() {
        assertThat(Checks.range(1, 1, 1000, "limit")).isEqualTo(1);
        assertThat(Checks.range(1000, 1, 1000, "limit")).isEqualTo(1000);
        assertThat(invalid(() -> Checks.range(0, 1, 1000, "limit"), "limit"))
                .hasMessage("limit must be between 1 and 1000, got 0");
        invalid(() -> Checks.range(1001, 1, 1000, "limit"), "limit");
        invalid(() -> Checks.range(Integer.MIN_VALUE, 1, 1000, "limit"), "limit");
        assertThat(Checks.nonNegative(0, "n")).isZero();
        assertThat(invalid(() -> Checks.nonNegative(-1, "volume.sizeMb"), "volume.sizeMb"))
                .hasMessageContaining("got -1");
    }

    @Test
    @DisplayName("stored text must be valid Unicode without U+0000; the message says what was found where")
    void storableText() {
        String valid = "a\u0001\u007f\ud83d\ude80\ufffe\uffff e\u0301";
        assertThat(Checks.isStorable(valid)).isTrue();
        assertThat(Checks.text(valid, "t.name", 255)).isEqualTo(valid);
        for (String bad : List.of("\u0000", "a\u0000b", "\ud800", "a\ud83d", "\ude80a", "\ude80\ud83d",
                "x\ud83d\ud83d")) {
            assertThat(Checks.isStorable(bad)).as(Checks.quote(bad)).isFalse();
            invalid(() -> Checks.text(bad, "t.name", 255), "t.name");
            invalid(() -> Checks.optionalText(bad, "t.note", 255), "t.note");
            invalid(() -> Checks.stringList(List.of("ok", bad), "t.args", 255), "t.args[1]");
        }
        assertThat(invalid(() -> Checks.text("ab\u0000", "t.name", 255), "t.name"))
                .hasMessageContaining("U+0000").hasMessageContaining("index 2");
        assertThat(invalid(() -> Checks.optionalText("a\ud800", "t.name", 255), "t.name"))
                .hasMessageContaining("unpaired surrogate U+D800").hasMessageContaining("index 1");
    }

    @Test
    @DisplayName("lookup text may hold what cannot be stored, but not null, blank (lookupText) or over-long text")
    void lookupText() {
        assertThat(Checks.lookupText("a\u0000", "slug", 5)).isEqualTo("a\u0000");
        assertThat(Checks.lookupText("\ud800", "key", 5)).isEqualTo("\ud800");
        invalid(() -> Checks.lookupText(" ", "key", 5), "key");
        invalid(() -> Checks.lookupText(null, "key", 5), "key");
        invalid(() -> Checks.lookupText("abcdef", "key", 5), "key");
        assertThat(Checks.lookupString(" \u0000", "query.search", 5)).isEqualTo(" \u0000");
        invalid(() -> Checks.lookupString("abcdef", "query.search", 5), "query.search");
        assertThat(Checks.lookupMap(Map.of("k", "\u0000"), "filter.labels")).containsEntry("k", "\u0000");
        invalid(() -> Checks.lookupMap(Map.of(" ", "v"), "filter.labels"), "filter.labels key");
    }

    @Test
    @DisplayName("string maps: storable keys and values, at most 1 MiB as JSON; labels: values at most 255 too")
    void stringMapsAndLabels() {
        invalid(() -> Checks.stringMap(Map.of("k\u0000", "v"), "tenant.metadata"), "tenant.metadata key");
        invalid(() -> Checks.stringMap(Map.of("k", "v\ud800"), "tenant.metadata"), "tenant.metadata[k]");
        // {"k":"…"} is 8 characters around the value
        String fits = "x".repeat(JsonValues.MAX_CHARS - 8);
        assertThat(Checks.stringMap(Map.of("k", fits), "tenant.metadata")).containsEntry("k", fits);
        assertThat(invalid(() -> Checks.stringMap(Map.of("k", fits + "x"), "tenant.metadata"), "tenant.metadata"))
                .hasMessageContaining("at most 1048576 characters as JSON text, got 1048577");
        // each quote in a value is escaped, so it counts twice
        invalid(() -> Checks.stringMap(Map.of("k", "\"".repeat(JsonValues.MAX_CHARS / 2)), "m"), "m");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; many.size() < 5000; i++) {
            many.put("key-" + i, "v".repeat(200));
        }
        invalid(() -> Checks.stringMap(many, "service.env"), "service.env");

        String euro255 = "\u20ac".repeat(255);
        assertThat(Checks.labels(Map.of(euro255, euro255), "instance.labels")).containsEntry(euro255, euro255);
        assertThat(invalid(() -> Checks.labels(Map.of("k", euro255 + "x"), "instance.labels"), "instance.labels[k]"))
                .hasMessageContaining("at most 255");
        invalid(() -> Checks.labels(Map.of(euro255 + "x", "v"), "instance.labels"), "instance.labels key");
        assertThat(Checks.stringMap(Map.of("k", "x".repeat(256)), "tenant.metadata")).hasSize(1);
    }

    @Test
    @DisplayName("quote shows any text readably: escapes for controls, quotes and lone surrogates; long text cut")
    void quote() {
        assertThat(Checks.quote("Bad Slug")).isEqualTo("\"Bad Slug\"");
        assertThat(Checks.quote("a\u0000b\"\\\n")).isEqualTo("\"a\\u0000b\\\"\\\\\\u000a\"");
        assertThat(Checks.quote("\ud83d\ude80\ud800|\ude80")).isEqualTo("\"\ud83d\ude80\\ud800|\\ude80\"");
        assertThat(Checks.quote("x".repeat(101))).isEqualTo("\"" + "x".repeat(100) + "\"...");
    }

    @Test
    @DisplayName("notNull returns its argument and names the field when it is null")
    void notNull() {
        Object o = new Object();
        assertThat(Checks.notNull(o, "x")).isSameAs(o);
        assertThat(invalid(() -> Checks.notNull(null, "tenantId"), "tenantId"))
                .hasMessage("tenantId must not be null");
    }

    static InvalidArgumentException invalid(ThrowingCallable call, String field) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class, call);
        assertThat(e).as("expected InvalidArgumentException on %s", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(field);
        return e;
    }
}
