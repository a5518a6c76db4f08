package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlException.Reason;
import dev.ctrlstore.store.control.FieldType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Checks a mutation's value against its field's type and converts it to what the center stores and the ledger
 * carries: {@code Long} (integer), {@code Double} (decimal), {@code String} (string, text) or {@code byte[]}
 * (binary, bytestring). A value that does not fit is refused before anything is written, so the center and every
 * replica hold the same value (ctlstore let the database coerce it, and the two sides diverged).
 */
final class ControlValues {
    /** Most characters (code points) of a string field: ctlstore's VARCHAR(191). */
    static final int MAX_STRING = 191;
    /** Most bytes of a bytestring field: ctlstore's VARBINARY(255). */
    static final int MAX_BYTESTRING = 255;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ControlValues() {
    }

    /**
     * {@code value} as stored for a field of {@code type}; null stays null (the caller decides whether the field may
     * be null).
     *
     * @param where names the field in messages, e.g. {@code flags.rollouts field percent}
     * @throws ControlException INVALID naming {@code where}, the value and what the type takes
     */
    static Object convert(String where, FieldType type, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
            throw invalid(where, "is a nested JSON " + (value instanceof Map<?, ?> ? "object" : "array")
                    + "; a " + type.apiName() + " field takes " + takes(type));
        }
        return switch (type) {
            case INTEGER -> integer(where, value);
            case DECIMAL -> decimal(where, value);
            case STRING -> text(where, type, value, MAX_STRING);
            case TEXT -> text(where, type, value, Integer.MAX_VALUE);
            case BINARY -> bytes(where, type, value, Integer.MAX_VALUE);
            case BYTESTRING -> bytes(where, type, value, MAX_BYTESTRING);
        };
    }

    private static Long integer(String where, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        BigDecimal exact = switch (value) {
            case BigInteger b -> new BigDecimal(b);
            case BigDecimal d -> d;
            case Double d when Double.isFinite(d) -> new BigDecimal(d);
            case Float f when Float.isFinite(f) -> new BigDecimal(f);
            default -> null;
        };
        if (exact == null || exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0
                || exact.compareTo(LONG_MIN) < 0 || exact.compareTo(LONG_MAX) > 0) {
            throw invalid(where, show(value) + " is not an integer; " + takes(FieldType.INTEGER));
        }
        return exact.longValueExact();
    }

    private static Double decimal(String where, Object value) {
        double d = value instanceof Number n && !(value instanceof Boolean) ? n.doubleValue() : Double.NaN;
        if (!Double.isFinite(d)) {
            throw invalid(where, show(value) + " is not a finite number; " + takes(FieldType.DECIMAL));
        }
        return d;
    }

    private static String text(String where, FieldType type, Object value, int maxChars) {
        if (!(value instanceof String s)) {
            throw invalid(where, show(value) + " is not a string; " + takes(type));
        }
        int chars = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw invalid(where, "contains the character U+0000 at index " + i + ", which the center cannot"
                        + " store; " + takes(type));
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(where, "contains an unpaired surrogate at index " + i + " (not valid Unicode); "
                        + takes(type));
            }
            chars++;
        }
        if (chars > maxChars) {
            throw invalid(where, "is " + chars + " characters long; " + takes(type));
        }
        return s;
    }

    private static byte[] bytes(String where, FieldType type, Object value, int maxBytes) {
        byte[] bytes;
        if (value instanceof byte[] b) {
            bytes = b.clone();
        } else if (value instanceof String s) {
            try {
                bytes = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw invalid(where, show(value) + " is not base64 (" + e.getMessage() + "); " + takes(type));
            }
        } else {
            throw invalid(where, show(value) + " is not a base64 string; " + takes(type));
        }
        if (bytes.length > maxBytes) {
            throw invalid(where, "is " + bytes.length + " bytes long; " + takes(type));
        }
        return bytes;
    }

    /** What a field of {@code type} takes, for messages. */
    static String takes(FieldType type) {
        return switch (type) {
            case INTEGER -> "integer fields take whole numbers from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
            case DECIMAL -> "decimal fields take finite numbers";
            case STRING -> "string fields take text of at most " + MAX_STRING + " characters without U+0000";
            case TEXT -> "text fields take text without U+0000";
            case BINARY -> "binary fields take base64 text";
            case BYTESTRING -> "bytestring fields take base64 text of at most " + MAX_BYTESTRING + " bytes";
        };
    }

    /** A value for a message: short, typed, so 1 and "1" read differently. */
    private static String show(Object value) {
        String s = value instanceof String str ? '"' + str + '"' : String.valueOf(value);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static ControlException invalid(String where, String problem) {
        return new ControlException(Reason.INVALID, where + ": " + problem, ResourceKind.CONTROL_TABLE, null);
    }
}
