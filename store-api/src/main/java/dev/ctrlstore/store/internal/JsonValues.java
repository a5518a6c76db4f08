package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of free-form JSON values ({@code Map<String, Object>} documents such as Helm values, log
 * fields or audit details). Numbers are normalised to {@link Long} (integers) or {@link Double}, the forms a JSON
 * reader gives back, so a document reads back equal on every backend. Every document stays within the bounds every
 * backend writes and reads back: at most {@value #MAX_DEPTH} levels of nesting and {@value #MAX_CHARS} characters of
 * JSON text, and only {@link Checks#isStorable storable} text. The copy walks the document with its own stack, so no
 * input can overflow the thread's stack. Not API.
 */
public final class JsonValues {
    /** Deepest nesting of maps and lists in a document; the document itself is level 1. */
    public static final int MAX_DEPTH = 32;
    /**
     * Longest document, as the length in UTF-16 units of its compact JSON text (no spaces; strings escape only
     * {@code "}, {@code \} and control characters; numbers as {@link Long#toString} and {@link Double#toString}).
     */
    public static final int MAX_CHARS = 1 << 20;

    private JsonValues() {
    }

    /** A deep unmodifiable copy; null becomes an empty map. */
    public static Map<String, Object> document(Map<String, ?> map, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return new Copy(field).document(map);
    }

    /** The length of {@code text} as a JSON string: its quotes, its characters and their escapes. */
    public static long stringLength(String text) {
        long n = text.length() + 2L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                n++;
            } else if (c < 0x20) {
                n += 5; // a six-character escape, backslash-u and four hex digits
            }
        }
        return n;
    }

    /**
     * @throws InvalidArgumentException on {@code field} if a document of {@code chars} characters of JSON text is
     *     over {@link #MAX_CHARS}
     */
    static void requireSize(long chars, String field) {
        if (chars > MAX_CHARS) {
            throw new InvalidArgumentException(field, field + " must be at most " + MAX_CHARS
                    + " characters as JSON text, got " + (chars == Long.MAX_VALUE ? "more" : chars)
                    + "; keep large data elsewhere and store a reference to it");
        }
    }

    /** One walk over a document: a stack of open maps and lists, the JSON length so far. */
    private static final class Copy {
        private final String field;
        private final Deque<Level> open = new ArrayDeque<>();
        private long chars;

        Copy(String field) {
            this.field = field;
        }

        Map<String, Object> document(Map<?, ?> source) {
            Map<String, Object> root = new LinkedHashMap<>();
            open.push(new Level(source.entrySet().iterator(), root, null, field, 1));
            add(2); // {}
            while (!open.isEmpty()) {
                Level level = open.peek();
                if (!level.items.hasNext()) {
                    open.pop();
                    continue;
                }
                if (level.count++ > 0) {
                    add(1); // ,
                }
                if (level.map != null) {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) level.items.next();
                    if (!(e.getKey() instanceof String key)) {
                        throw new InvalidArgumentException(level.path, level.path + " keys must be strings, got "
                                + e.getKey());
                    }
                    Checks.storable(key, level.path + " key");
                    add(stringLength(key) + 1); // "key":
                    level.map.put(key, value(e.getValue(), level, key));
                } else {
                    level.list.add(value(level.items.next(), level, null));
                }
            }
            return Collections.unmodifiableMap(root);
        }

        /** The copy of one value of {@code parent}; a map or list is opened empty and filled when its turn comes. */
        private Object value(Object value, Level parent, String key) {
            if (value == null) {
                add(4);
                return null;
            }
            if (value instanceof String s) {
                Checks.storable(s, path(parent, key));
                add(stringLength(s));
                return s;
            }
            if (value instanceof Boolean b) {
                add(b ? 4 : 5);
                return b;
            }
            if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                    || value instanceof BigInteger big && big.bitLength() < 64) {
                long l = ((Number) value).longValue();
                add(Long.toString(l).length());
                return l;
            }
            if (value instanceof Float || value instanceof Double || value instanceof BigInteger
                    || value instanceof BigDecimal) {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    String at = path(parent, key);
                    throw new InvalidArgumentException(at, at + " must be a finite number that fits a double, got "
                            + value);
                }
                add(Double.toString(d).length());
                return d;
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                String at = path(parent, key);
                if (parent.depth == MAX_DEPTH) {
                    throw new InvalidArgumentException(field, field + " must nest maps and lists at most " + MAX_DEPTH
                            + " levels deep, but " + at + " opens level " + (MAX_DEPTH + 1));
                }
                add(2); // {} or []
                if (value instanceof Map<?, ?> map) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    open.push(new Level(map.entrySet().iterator(), copy, null, at, parent.depth + 1));
                    return Collections.unmodifiableMap(copy);
                }
                List<Object> copy = new ArrayList<>(((List<?>) value).size());
                open.push(new Level(((List<?>) value).iterator(), null, copy, at, parent.depth + 1));
                return Collections.unmodifiableList(copy);
            }
            String at = path(parent, key);
            throw new InvalidArgumentException(at, at + " must hold JSON values (string, number, boolean, null,"
                    + " list, map), got " + value.getClass().getName());
        }

        /** The path of a value for messages: {@code field.key} in a map, {@code field[index]} in a list. */
        private static String path(Level parent, String key) {
            return parent.map != null ? parent.path + "." + key : parent.path + "[" + (parent.count - 1) + "]";
        }

        private void add(long n) {
            chars += n;
            requireSize(chars, field);
        }
    }

    /** An open map or list: what is left to copy from the source and where the copies go. */
    private static final class Level {
        final Iterator<?> items;
        final Map<String, Object> map;
        final List<Object> list;
        final String path;
        final int depth;
        int count;

        Level(Iterator<?> items, Map<String, Object> map, List<Object> list, String path, int depth) {
            this.items = items;
            this.map = map;
            this.list = list;
            this.path = path;
            this.depth = depth;
        }
    }
}
