package dev.ctrlstore.store.control;

import dev.ctrlstore.store.ResourceKind;

import java.util.Locale;

/**
 * ctlstore's naming rules for families, tables, fields and writers. Family, table and field names are lower-cased
 * first, then checked, so {@code Flags} and {@code flags} are one family; each method returns the name as it is
 * stored. A refusal is a {@link ControlException} ({@link ControlException.Reason#INVALID}) naming the value.
 */
public final class ControlNames {

    private ControlNames() {
    }

    /**
     * A family name: letters, digits and single underscores, starting with a letter, 3–30 characters.
     *
     * @return the name lower-cased
     */
    public static String family(String name) {
        return namespaced(name, "Family", 30, ResourceKind.CONTROL_FAMILY);
    }

    /**
     * A table name: letters, digits and single underscores, starting with a letter, 3–50 characters.
     *
     * @return the name lower-cased
     */
    public static String table(String name) {
        return namespaced(name, "Table", 50, ResourceKind.CONTROL_TABLE);
    }

    /**
     * A field name: letters, digits and underscores, starting with a letter, 1–64 characters.
     *
     * @return the name lower-cased
     */
    public static String field(String name) {
        String n = lower(name, "Field", ResourceKind.CONTROL_TABLE);
        if (n.isEmpty() || n.length() > 64) {
            throw invalid("Field names must be 1 to 64 characters long, got " + n.length() + " ('" + name + "')",
                    ResourceKind.CONTROL_TABLE, name);
        }
        if (!plain(n)) {
            throw invalid("Field names must be only letters, numbers, and underscore, starting with a letter: got '"
                    + name + "'", ResourceKind.CONTROL_TABLE, name);
        }
        return n;
    }

    /**
     * A writer name: any characters, 3–50 of them. Kept as given (writers present it in a header with every
     * request, so it is compared exactly).
     *
     * @return the name
     */
    public static String writer(String name) {
        if (name == null) {
            throw invalid("Writer name is missing", ResourceKind.CONTROL_WRITER, null);
        }
        int length = name.codePointCount(0, name.length());
        if (length < 3) {
            throw invalid("Writer names must be at least 3 characters, got '" + name + "'",
                    ResourceKind.CONTROL_WRITER, name);
        }
        if (length > 50) {
            throw invalid("Writer names can only be up to 50 characters, got " + length,
                    ResourceKind.CONTROL_WRITER, name);
        }
        return name;
    }

    /** A writer's secret: any characters, 3–100 of them. The message never shows the secret. */
    public static String secret(String writer, String secret) {
        int length = secret == null ? 0 : secret.codePointCount(0, secret.length());
        if (length < 3) {
            throw invalid("Secret of writer '" + writer + "' should be at least 3 characters",
                    ResourceKind.CONTROL_WRITER, writer);
        }
        if (length > 100) {
            throw invalid("Secret of writer '" + writer + "' should be at most 100 characters",
                    ResourceKind.CONTROL_WRITER, writer);
        }
        return secret;
    }

    private static String namespaced(String name, String what, int max, ResourceKind kind) {
        String n = lower(name, what, kind);
        if (n.length() < 3) {
            throw invalid(what + " names must be at least 3 characters, got '" + name + "'", kind, name);
        }
        if (n.length() > max) {
            throw invalid(what + " names can only be up to " + max + " characters, got " + n.length() + " ('"
                    + name + "')", kind, name);
        }
        if (!plain(n) || n.contains("__")) {
            throw invalid(what + " names must be only letters, numbers, and single underscore, starting with a"
                    + " letter: got '" + name + "'", kind, name);
        }
        return n;
    }

    private static String lower(String name, String what, ResourceKind kind) {
        if (name == null) {
            throw invalid(what + " name is missing", kind, null);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code ^[a-z][a-z0-9_]*$}, without a regex on every request. */
    private static boolean plain(String n) {
        if (n.isEmpty() || n.charAt(0) < 'a' || n.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static ControlException invalid(String message, ResourceKind kind, String id) {
        return new ControlException(ControlException.Reason.INVALID, message, kind, id);
    }
}
