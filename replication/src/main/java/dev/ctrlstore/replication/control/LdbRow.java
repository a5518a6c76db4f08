package dev.ctrlstore.replication.control;

import dev.ctrlstore.store.control.FieldType;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of a control table as read from an LDB: every field of the table, in column order, with its value as
 * {@code Long} (integer), {@code Double} (decimal), {@code String} (string, text), {@code byte[]} (binary,
 * bytestring) or null. Column names are the lower-case field names. Immutable: byte arrays are copied on the way out.
 */
public final class LdbRow {
    private final RowShape shape;
    private final Object[] values;

    LdbRow(RowShape shape, Object[] values) {
        this.shape = shape;
        this.values = values;
    }

    /** The column names, in the table's column order. */
    public List<String> columns() {
        return shape.names();
    }

    /** The type of {@code column}. @throws IllegalArgumentException for a column the table does not have */
    public FieldType type(String column) {
        return shape.types()[shape.index(column)];
    }

    /** Whether {@code column} is NULL. @throws IllegalArgumentException for a column the table does not have */
    public boolean isNull(String column) {
        return values[shape.index(column)] == null;
    }

    /**
     * The value of {@code column} as its Java type (see the class comment); byte arrays are copies.
     *
     * @throws IllegalArgumentException for a column the table does not have
     */
    public Object get(String column) {
        Object v = values[shape.index(column)];
        return v instanceof byte[] b ? b.clone() : v;
    }

    /**
     * The value of a {@code string} or {@code text} column; null when NULL.
     *
     * @throws IllegalArgumentException for an unknown column or one of another type
     */
    public String getString(String column) {
        return (String) typed(column, FieldType.STRING, FieldType.TEXT, "getString");
    }

    /**
     * The value of an {@code integer} column.
     *
     * @throws IllegalArgumentException for an unknown column or one of another type
     * @throws IllegalStateException when the value is NULL (ask {@link #isNull} first)
     */
    public long getLong(String column) {
        return (Long) notNull(column, typed(column, FieldType.INTEGER, FieldType.INTEGER, "getLong"));
    }

    /**
     * The value of a {@code decimal} column.
     *
     * @throws IllegalArgumentException for an unknown column or one of another type
     * @throws IllegalStateException when the value is NULL (ask {@link #isNull} first)
     */
    public double getDouble(String column) {
        return (Double) notNull(column, typed(column, FieldType.DECIMAL, FieldType.DECIMAL, "getDouble"));
    }

    /**
     * A copy of the value of a {@code binary} or {@code bytestring} column; null when NULL.
     *
     * @throws IllegalArgumentException for an unknown column or one of another type
     */
    public byte[] getBytes(String column) {
        byte[] b = (byte[]) typed(column, FieldType.BINARY, FieldType.BYTESTRING, "getBytes");
        return b == null ? null : b.clone();
    }

    /** Every column and its value (as {@link #get}), in column order; unmodifiable. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<String> names = shape.names();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i] instanceof byte[] b ? b.clone() : values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    private Object typed(String column, FieldType one, FieldType other, String method) {
        int i = shape.index(column);
        FieldType type = shape.types()[i];
        if (type != one && type != other) {
            throw new IllegalArgumentException("column " + column + " of " + shape.table() + " is of type "
                    + type.apiName() + "; " + method + " reads " + one.apiName()
                    + (one == other ? "" : " and " + other.apiName()) + " columns, use " + RowShape.reader(type));
        }
        return values[i];
    }

    private Object notNull(String column, Object value) {
        if (value == null) {
            throw new IllegalStateException("column " + column + " of " + shape.table() + " is NULL; ask isNull("
                    + column + ") first");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LdbRow r && r.shape.names().equals(shape.names()) && Arrays.deepEquals(r.values, values);
    }

    @Override
    public int hashCode() {
        return shape.names().hashCode() * 31 + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(shape.table()).append('{');
        List<String> names = shape.names();
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(names.get(i)).append('=');
            s.append(values[i] instanceof byte[] b ? "0x" + java.util.HexFormat.of().formatHex(b) : values[i]);
        }
        return s.append('}').toString();
    }

    /** The columns of a table's rows: names, types and a name → position map, shared by every row read. */
    record RowShape(String table, List<String> names, FieldType[] types, Map<String, Integer> positions) {
        static RowShape of(String table, List<String> names, List<FieldType> types) {
            Map<String, Integer> positions = new java.util.HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                positions.put(names.get(i), i);
            }
            return new RowShape(table, List.copyOf(names), types.toArray(FieldType[]::new), Map.copyOf(positions));
        }

        int index(String column) {
            Integer i = positions.get(column);
            if (i == null && column != null) {
                i = positions.get(column.toLowerCase(Locale.ROOT));
            }
            if (i == null) {
                throw new IllegalArgumentException(table + " has no column " + column + "; its columns are " + names);
            }
            return i;
        }

        static String reader(FieldType type) {
            return switch (type) {
                case STRING, TEXT -> "getString";
                case INTEGER -> "getLong";
                case DECIMAL -> "getDouble";
                case BINARY, BYTESTRING -> "getBytes";
            };
        }
    }
}
