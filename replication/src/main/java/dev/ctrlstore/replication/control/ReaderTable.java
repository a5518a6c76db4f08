package dev.ctrlstore.replication.control;

import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.sql.control.ControlTable;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A control table as the reader knows it from the LDB's registry ({@code control_tables}): its physical table, fields
 * and key, the registry stamp (version and creation time) its statements were rendered for, and those statements.
 *
 * <p>Every read joins the registry row to the table ({@code FROM control_tables r LEFT JOIN ct_<id> t ON key
 * WHERE r.id = <id>}), so the stamp comes back from the same snapshot as the rows: a statement rendered for an older
 * definition is noticed on the read itself, at the cost of one index probe, with no extra round trip.
 */
final class ReaderTable {
    private static final DSLContext SQLITE = DSL.using(SQLDialect.SQLITE, new Settings().withRenderSchema(false));
    /** Columns before the table's fields in every read: the registry row's stamp. */
    static final int STAMP_COLUMNS = 2;

    final long id;
    final String description;
    final long version;
    final long createdAt;
    final List<FieldDefinition> fields;
    final List<String> keyFields;
    final FieldType[] keyTypes;
    final LdbRow.RowShape shape;
    /** The point read: binds every key field. */
    final String pointSql;
    /** Prefix reads by the number of key values bound (0..keys), each ordered by the key and ending in LIMIT ?. */
    final String[] prefixSql;

    /** {@code table} as its registry row says, created at {@code createdAt} (epoch microseconds). */
    ReaderTable(ControlTable table, long createdAt) {
        this.id = table.id();
        this.description = "control table " + table.qualifiedName();
        this.version = table.version();
        this.createdAt = createdAt;
        this.fields = table.definition().fields();
        this.keyFields = table.definition().keyFields();
        this.keyTypes = new FieldType[keyFields.size()];
        for (int i = 0; i < keyTypes.length; i++) {
            keyTypes[i] = table.field(keyFields.get(i)).type(); // a definition's key fields are among its fields
        }
        this.shape = LdbRow.RowShape.of(table.qualifiedName(), fields.stream().map(FieldDefinition::name).toList(),
                fields.stream().map(FieldDefinition::type).toList());
        String select = "SELECT r.\"version\", r.\"created_at\", " + fields.stream()
                .map(f -> "t." + quote(f.name())).collect(Collectors.joining(", "))
                + " FROM \"control_tables\" AS r LEFT JOIN " + quote("ct_" + id) + " AS t ON ";
        String where = " WHERE r.\"id\" = " + id;
        this.pointSql = select + keyCondition(keyFields.size()) + where;
        String orderBy = " ORDER BY " + keyFields.stream().map(k -> "t." + quote(k)).collect(Collectors.joining(", "))
                + " LIMIT ?";
        this.prefixSql = new String[keyFields.size() + 1];
        for (int n = 0; n <= keyFields.size(); n++) {
            prefixSql[n] = select + (n == 0 ? "1" : keyCondition(n)) + where + orderBy;
        }
    }

    /** Whether a registry row read with a statement says this definition is still the current one. */
    boolean current(long version, long createdAt) {
        return version == this.version && createdAt == this.createdAt;
    }

    /**
     * The key values converted to the key fields' types, for a point read ({@code full}: every key field) or a
     * prefix read (the first 0..all).
     *
     * @throws ControlException (INVALID) for a wrong number of values, a null or a value that cannot be the field's
     */
    Object[] keyValues(Object[] key, boolean full) {
        int n = key == null ? 0 : key.length;
        if (full && n != keyFields.size()) {
            throw invalid(description + ": a point read needs all " + keyFields.size() + " key fields " + keyFields
                    + ", got " + n + " value" + (n == 1 ? "" : "s") + "; read by prefix for fewer");
        }
        if (n > keyFields.size()) {
            throw invalid(description + ": its key has " + keyFields.size() + " field" + (keyFields.size() == 1 ? ""
                    : "s") + " " + keyFields + ", got " + n + " prefix values");
        }
        Object[] converted = new Object[n];
        for (int i = 0; i < n; i++) {
            converted[i] = convert(keyFields.get(i), keyTypes[i], key[i]);
        }
        return converted;
    }

    private Object convert(String field, FieldType type, Object value) {
        if (value == null) {
            throw invalid(description + ": key field " + field + " is null; key values must be given");
        }
        Object converted = switch (type) {
            case STRING -> value instanceof CharSequence s ? s.toString() : null;
            case BYTESTRING -> value instanceof byte[] b ? b
                    // A string reads a bytestring key by its UTF-8 bytes (SQLite never finds a BLOB by TEXT).
                    : value instanceof CharSequence s ? s.toString().getBytes(StandardCharsets.UTF_8) : null;
            case INTEGER -> integer(value);
            default -> throw new IllegalStateException(description + ": a " + type.apiName() + " key");
        };
        if (converted == null) {
            throw invalid(description + ": key field " + field + " is of type " + type.apiName() + ", got "
                    + describe(value) + "; give " + switch (type) {
                        case STRING -> "a string";
                        case BYTESTRING -> "bytes or a string";
                        default -> "an integer (a whole number within 64 bits)";
                    });
        }
        return converted;
    }

    /** {@code value} as a Long when it is a whole number within 64 bits, else null. */
    private static Long integer(Object value) {
        try {
            return switch (value) {
                case Long l -> l;
                case Integer i -> i.longValue();
                case Short s -> s.longValue();
                case Byte b -> b.longValue();
                case BigInteger b -> b.longValueExact();
                case BigDecimal d -> d.longValueExact();
                case Double d -> whole(d);
                case Float f -> whole(f.doubleValue());
                default -> null;
            };
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Long whole(double d) {
        // Doubles are exact for whole numbers in (-2^63, 2^63); anything else has no single long it stands for.
        return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 ? (long) d : null;
    }

    private static String describe(Object value) {
        String text = value instanceof byte[] b ? b.length + " bytes" : String.valueOf(value);
        if (text.length() > 40) {
            text = text.substring(0, 40) + "…";
        }
        return value.getClass().getSimpleName() + " " + text;
    }

    private ControlException invalid(String message) {
        return new ControlException(ControlException.Reason.INVALID, message, ResourceKind.CONTROL_TABLE,
                shape.table());
    }

    private String keyCondition(int n) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            conditions.add("t." + quote(keyFields.get(i)) + " = ?");
        }
        return String.join(" AND ", conditions);
    }

    /** A quoted identifier: every name is quoted, so a field called {@code order} reads like any other. */
    static String quote(String identifier) {
        return SQLITE.render(DSL.quotedName(identifier));
    }
}
