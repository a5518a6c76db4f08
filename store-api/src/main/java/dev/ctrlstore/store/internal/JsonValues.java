package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of free-form JSON values ({@code Map<String, Object>} documents such as Helm values, log
 * fields or audit details). Numbers are normalised to {@link Long} (integers) or {@link Double}, the forms a JSON
 * reader gives back, so a document reads back equal on every backend. Not API.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** A deep unmodifiable copy; null becomes an empty map. */
    public static Map<String, Object> document(Map<String, ?> map, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return copyMap(map, field);
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String field) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidArgumentException(field, field + " keys must be strings, got " + e.getKey());
            }
            copy.put(key, copy(e.getValue(), field + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copy(Object value, String field) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (value instanceof Float || value instanceof Double || value instanceof BigInteger
                || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidArgumentException(field, field + " must be a finite number that fits a double,"
                        + " got " + value);
            }
            return d;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, field);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), field + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new InvalidArgumentException(field, field + " must hold JSON values (string, number, boolean, null,"
                + " list, map), got " + value.getClass().getName());
    }
}
