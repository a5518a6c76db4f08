package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argument checks shared by records and stores. Each failure is an {@link InvalidArgumentException} whose message
 * names the field, the rule and the value received. Not API: may change without notice.
 */
public final class Checks {
    /** Longest name, key, label, provider, region and similar short text, in UTF-16 units. */
    public static final int SHORT_TEXT = 255;
    /** Longest free text (messages, URLs, notes, file content), in UTF-16 units. */
    public static final int LONG_TEXT = 1 << 20;
    /** Longest DNS label, used for slugs. */
    public static final int SLUG = 63;
    /** Longest hostname (RFC 1035). */
    public static final int HOSTNAME = 253;

    private static final Pattern SLUG_PATTERN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern HOSTNAME_PATTERN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private Checks() {
    }

    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new InvalidArgumentException(field, field + " must not be null");
        }
        return value;
    }

    /** A required string: not null, not blank, at most {@code max} UTF-16 units. */
    public static String text(String value, String field, int max) {
        notNull(value, field);
        if (value.isBlank()) {
            throw new InvalidArgumentException(field, field + " must not be blank");
        }
        return maxLength(value, field, max);
    }

    /** An optional string: null becomes {@code ""}; at most {@code max} UTF-16 units. */
    public static String optionalText(String value, String field, int max) {
        return value == null ? "" : maxLength(value, field, max);
    }

    private static String maxLength(String value, String field, int max) {
        if (value.length() > max) {
            throw new InvalidArgumentException(field,
                    field + " must be at most " + max + " characters, got " + value.length());
        }
        return value;
    }

    /** A DNS-label slug: lowercase letters, digits and inner hyphens, 1 to 63 characters. */
    public static String slug(String value, String field) {
        text(value, field, SLUG);
        if (!SLUG_PATTERN.matcher(value).matches()) {
            throw new InvalidArgumentException(field, field + " \"" + value + "\" must be a DNS label: lowercase"
                    + " letters, digits and '-', starting and ending with a letter or digit, at most " + SLUG
                    + " characters");
        }
        return value;
    }

    /** A lowercase DNS hostname of at most 253 characters. */
    public static String hostname(String value, String field) {
        text(value, field, HOSTNAME);
        if (!HOSTNAME_PATTERN.matcher(value).matches()) {
            throw new InvalidArgumentException(field, field + " \"" + value + "\" is not a valid lowercase hostname"
                    + " (dot-separated DNS labels, at most " + HOSTNAME + " characters)");
        }
        return value;
    }

    public static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new InvalidArgumentException(field,
                    field + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidArgumentException(field, field + " must not be negative, got " + value);
        }
        return value;
    }

    /** An unmodifiable copy of a string map; null becomes empty; keys non-blank short text, values long text. */
    public static Map<String, String> stringMap(Map<String, String> map, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String key = text(e.getKey(), field + " key", SHORT_TEXT);
            copy.put(key, notNull(maxLength(notNull(e.getValue(), field + "[" + key + "]"),
                    field + "[" + key + "]", LONG_TEXT), field + "[" + key + "]"));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy of a list; null becomes empty; elements must not be null. */
    public static <T> List<T> list(List<T> list, String field) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            copy.add(notNull(list.get(i), field + "[" + i + "]"));
        }
        return Collections.unmodifiableList(copy);
    }

    /** An unmodifiable copy of a list of strings, each at most {@code max} characters. */
    public static List<String> stringList(List<String> list, String field, int max) {
        List<String> copy = list(list, field);
        for (int i = 0; i < copy.size(); i++) {
            maxLength(copy.get(i), field + "[" + i + "]", max);
        }
        return copy;
    }
}
