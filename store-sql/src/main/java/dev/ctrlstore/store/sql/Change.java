package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.sql.ledger.LedgerChange;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;

/**
 * One row change a transaction made through {@link SqlSession}'s write vocabulary, as the {@link CommitHook} sees it.
 *
 * @param table the table changed
 * @param operation what happened to the row
 * @param row after an insert or update, the row as the generated record holds it (the values handed to the
 *            database); after a delete, a record holding the deleted row's primary key (and its tenant_id) only;
 *            null for a {@link Operation#PURGE} and a {@link Operation#CONTROL}
 * @param where for a {@link Operation#PURGE} only, the condition whose rows were deleted
 * @param image for a {@link Operation#CONTROL} only: the change as the ledger carries it (a control table has no
 *              generated class, so its rows and schema changes are recorded in their ledger form directly)
 */
public record Change(Table<?> table, Operation operation, TableRecord<?> row, Condition where, LedgerChange image) {

    /** A change of a generated table: no ledger image of its own (the ledger builds it from {@code row}). */
    public Change(Table<?> table, Operation operation, TableRecord<?> row, Condition where) {
        this(table, operation, row, where, null);
    }

    /** What a change did. */
    public enum Operation {
        INSERT, UPDATE, DELETE,
        /** Rows chosen by a condition were deleted (telemetry retention); they are not listed one by one. */
        PURGE,
        /**
         * A control table ({@code ct_<id>}) changed: a row upsert or delete, or a schema change; {@link #image()}
         * says which.
         */
        CONTROL
    }

    /**
     * The changed row's primary key; null for a purge and for a row whose key the database assigns (the telemetry
     * tables' {@code seq}), which is not read back.
     */
    public Record key() {
        UniqueKey<?> primary = table.getPrimaryKey();
        if (row == null || primary == null || (table.getIdentity() != null
                && primary.getFields().contains(table.getIdentity().getField()))) {
            return null;
        }
        return row.into(primary.getFieldsArray());
    }
}
