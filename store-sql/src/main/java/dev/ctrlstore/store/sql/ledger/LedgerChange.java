package dev.ctrlstore.store.sql.ledger;

import dev.ctrlstore.store.control.FieldDefinition;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change in a ledger entry, in the order the source transaction made it. Row values are the ones the generated
 * jOOQ classes' converters hand to the database ({@code field.getConverter().to(value)}): epoch microseconds
 * ({@code Long}) for every timestamp, text for typed ids, microseconds for durations, JSON documents as text,
 * {@code Integer}, {@code Long}, {@code Boolean}, {@code Double}, {@code byte[]} or null. They are dialect-neutral,
 * so a replica applies them through the same generated classes on SQLite. Maps are keyed by column name, in the
 * table's column order.
 */
public sealed interface LedgerChange permits LedgerChange.Upsert, LedgerChange.Delete, LedgerChange.Migrate,
        LedgerChange.ControlSchema {

    /** The row {@code row} (every column) now exists in {@code table}: insert it, or overwrite the row with its key. */
    record Upsert(String table, Map<String, Object> row) implements LedgerChange {
        public Upsert {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(row, "row");
        }
    }

    /**
     * The row of {@code table} with primary key {@code key} is gone. Rows that the schema's {@code ON DELETE CASCADE}
     * removed with it are not listed: the replica's identical foreign keys remove them.
     */
    record Delete(String table, Map<String, Object> key) implements LedgerChange {
        public Delete {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(key, "key");
        }
    }

    /** The center's schema moved to migration {@code version}: a replica migrates its LDB to it at this point. */
    record Migrate(int version) implements LedgerChange {
    }

    /**
     * A schema change of control table {@code tableId} (physical table {@code ct_<tableId>}), as structured data: a
     * replica renders the DDL for its own dialect. Rows of control tables travel as {@link Upsert} / {@link Delete}
     * of table {@code ct_<tableId>} with values {@code Long} (integer), {@code Double} (decimal), {@code String}
     * (string, text) or {@code byte[]} (binary, bytestring).
     *
     * <p>JSON: {@code {"op":"createTable","id":17,"fields":[["name","string"],...],"key":["name"]}},
     * {@code {"op":"addFields","id":17,"fields":[...]}}, {@code {"op":"dropTable","id":17}},
     * {@code {"op":"clearTable","id":17}}.
     *
     * @param fields CREATE_TABLE: every field in column order; ADD_FIELDS: the new ones; otherwise empty
     * @param keyFields CREATE_TABLE: the key in key order; otherwise empty
     */
    record ControlSchema(Op op, long tableId, List<FieldDefinition> fields, List<String> keyFields)
            implements LedgerChange {
        /** What happens to the table. */
        public enum Op {
            CREATE_TABLE, ADD_FIELDS, DROP_TABLE, CLEAR_TABLE
        }

        public ControlSchema {
            Objects.requireNonNull(op, "op");
            fields = List.copyOf(fields);
            keyFields = List.copyOf(keyFields);
        }

        /** The physical table: {@code ct_<tableId>}. */
        public String physicalTable() {
            return "ct_" + tableId;
        }
    }
}
