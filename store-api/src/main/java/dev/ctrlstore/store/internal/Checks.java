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

    /** A required string to store: not null, not blank, at most {@code max} UTF-16 units, {@link #storable}. */
    public static String text(String value, String field, int max) {
        return storable(lookupText(value, field, max), field);
    }

    /** An optional string to store: null becomes {@code ""}; at most {@code max} UTF-16 units, {@link #storable}. */
    public static String optionalText(String value, String field, int max) {
        return value == null ? "" : maxLength(value, field, max);
    }

    /**
     * A required string a lookup or filter matches against stored text: not null, not blank, at most {@code max}
     * UTF-16 units. Unlike {@link #text} it may hold text that is not {@link #isStorable storable}: no stored value
     * can equal such text, so the lookup finds nothing, and the stores must not send it to their database.
     */
    public static String lookupText(String value, String field, int max) {
        notNull(value, field);
        if (value.isBlank()) {
            throw new InvalidArgumentException(field, field + " must not be blank");
        }
        return length(value, field, max);
    }

    /** A string a lookup matches against stored text: not null, at most {@code max} UTF-16 units, maybe blank. */
    public static String lookupString(String value, String field, int max) {
        return length(notNull(value, field), field, max);
    }

    private static String maxLength(String value, String field, int max) {
        return storable(length(value, field, max), field);
    }

    private static String length(String value, String field, int max) {
        if (value.length() > max) {
            throw new InvalidArgumentException(field,
                    field + " must be at most " + max + " characters, got " + value.length());
        }
        return value;
    }

    /**
     * Whether every backend can store {@code text} exactly: it is valid Unicode (every surrogate is paired) and holds
     * no U+0000, which PostgreSQL cannot store. Lookups with other text must answer NotFound or empty without asking
     * the database.
     */
    public static boolean isStorable(String text) {
        return firstUnstorable(text) < 0;
    }

    /**
     * {@code value} itself if it is {@link #isStorable storable}.
     *
     * @throws InvalidArgumentException on {@code field}, saying what was found where (never the text itself, which
     *     may be long)
     */
    public static String storable(String value, String field) {
        int at = firstUnstorable(value);
        if (at >= 0) {
            char c = value.charAt(at);
            String what = c == 0 ? "U+0000 (NUL), which PostgreSQL cannot store,"
                    : String.format("an unpaired surrogate U+%04X (not valid Unicode)", (int) c);
            throw new InvalidArgumentException(field, field + " must be valid Unicode text without U+0000; found "
                    + what + " at index " + at);
        }
        return value;
    }

    /** The index of the first U+0000 or unpaired surrogate in {@code text}, or -1. */
    private static int firstUnstorable(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /**
     * A DNS-label slug: lowercase letters, digits and inner hyphens, 1 to 63 characters. The message quotes the value
     * (see {@link #quote}), so a caller sees what was wrong with it.
     */
    public static String slug(String value, String field) {
        notNull(value, field);
        if (!SLUG_PATTERN.matcher(value).matches()) {
            throw new InvalidArgumentException(field, field + " " + quote(value) + " must be a DNS label: lowercase"
                    + " letters, digits and '-', starting and ending with a letter or digit, 1 to " + SLUG
                    + " characters" + (value.length() > SLUG ? " (got " + value.length() + ")" : ""));
        }
        return value;
    }

    /** A lowercase DNS hostname of at most 253 characters; the message quotes the value as {@link #slug} does. */
    public static String hostname(String value, String field) {
        notNull(value, field);
        if (!HOSTNAME_PATTERN.matcher(value).matches()) {
            throw new InvalidArgumentException(field, field + " " + quote(value) + " is not a valid lowercase"
                    + " hostname (dot-separated DNS labels, at most " + HOSTNAME + " characters"
                    + (value.length() > HOSTNAME ? ", got " + value.length() : "") + ")");
        }
        return value;
    }

    /**
     * {@code value} in double quotes for an error message, readable whatever it holds: control characters, quotes,
     * backslashes and unpaired surrogates appear as Java-style escapes (a backslash, {@code u} and four hex digits),
     * and text past 100 characters is cut with an ellipsis.
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 100) + 8).append('"');
        for (int i = 0; i < value.length() && i < 100; i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || !paired) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(value.length() > 100 ? "\"..." : "\"").toString();
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

    /**
     * An unmodifiable copy of a string map to store; null becomes empty; keys non-blank short text, values long
     * text, all {@link #isStorable storable}; as a JSON object at most {@link JsonValues#MAX_CHARS} characters.
     */
    public static Map<String, String> stringMap(Map<String, String> map, String field) {
        return stringMap(map, field, LONG_TEXT);
    }

    /**
     * An unmodifiable copy of a {@code labels} map to store: as {@link #stringMap}, but values are short text too
     * (at most {@value #SHORT_TEXT} characters), so that a label fits every backend's label index.
     */
    public static Map<String, String> labels(Map<String, String> map, String field) {
        return stringMap(map, field, SHORT_TEXT);
    }

    private static Map<String, String> stringMap(Map<String, String> map, String field, int maxValue) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        long json = 1; // "{", then each entry with its leading "{" or "," and finally "}"
        for (Map.Entry<String, String> e : map.entrySet()) {
            String key = text(e.getKey(), field + " key", SHORT_TEXT);
            String value = maxLength(notNull(e.getValue(), field + "[" + key + "]"), field + "[" + key + "]",
                    maxValue);
            json += JsonValues.stringLength(key) + 1 + JsonValues.stringLength(value) + 1;
            copy.put(key, value);
        }
        JsonValues.requireSize(json, field);
        return Collections.unmodifiableMap(copy);
    }

    /**
     * An unmodifiable copy of a string map a filter matches against stored maps; null becomes empty; keys non-blank
     * short text, values long text. Like {@link #lookupText}, entries need not be storable: they match nothing.
     */
    public static Map<String, String> lookupMap(Map<String, String> map, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String key = lookupText(e.getKey(), field + " key", SHORT_TEXT);
            copy.put(key, length(notNull(e.getValue(), field + "[" + key + "]"), field + "[" + key + "]",
                    LONG_TEXT));
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
