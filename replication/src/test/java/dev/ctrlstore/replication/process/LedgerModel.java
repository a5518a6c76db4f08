package dev.ctrlstore.replication.process;

import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.ForeignKey;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.QOM.ForeignKeyRule;

/**
 * What an LDB must hold after applying the ledger up to some seq, computed in memory from the entries alone: upserts
 * replace the row under its key, deletes remove it and, like the schema's {@code ON DELETE CASCADE}, every row of a
 * replicated table that points at it. The oracle the process tests compare an LDB with at its recorded position.
 */
final class LedgerModel {

    private final Map<String, Table<?>> replicated = new HashMap<>();
    private final Map<String, SortedMap<String, Map<String, Object>>> rows = new LinkedHashMap<>();
    private long position;

    LedgerModel() {
        for (Table<?> table : Rows.REPLICATED) {
            replicated.put(table.getName(), table);
            rows.put(table.getName(), new TreeMap<>());
        }
    }

    /** The seq of the last entry applied; 0 before the first. */
    long position() {
        return position;
    }

    /**
     * Applies the next entry.
     *
     * @throws AssertionError when its seq does not follow the last one, or it names a table that is not replicated
     */
    void apply(LedgerEntry entry) {
        if (entry.seq() != position + 1) {
            throw new AssertionError("ledger entries must follow each other: after seq " + position + " came seq "
                    + entry.seq());
        }
        for (LedgerChange change : entry.changes()) {
            switch (change) {
                case LedgerChange.Upsert upsert -> {
                    Table<?> table = table(upsert.table(), entry);
                    rows.get(table.getName()).put(Rows.key(table, upsert.row()), new LinkedHashMap<>(upsert.row()));
                }
                case LedgerChange.Delete delete -> remove(table(delete.table(), entry), Rows.key(table(delete.table(),
                        entry), delete.key()));
                case LedgerChange.Migrate migrate -> {
                    // The schema moves; the rows stay as they are.
                }
                case LedgerChange.ControlSchema schema -> throw new AssertionError("entry " + entry.seq()
                        + " changes a control table, which this model does not follow");
            }
        }
        position = entry.seq();
    }

    private Table<?> table(String name, LedgerEntry entry) {
        Table<?> table = replicated.get(name);
        if (table == null) {
            throw new AssertionError("ledger entry " + entry.seq() + " (" + entry.origin() + ") changes table " + name
                    + ", which is never replicated");
        }
        return table;
    }

    private void remove(Table<?> table, String key) {
        Map<String, Object> gone = rows.get(table.getName()).remove(key);
        if (gone == null) {
            return;
        }
        for (Table<?> child : Rows.REPLICATED) {
            for (ForeignKey<?, ?> reference : child.getReferences()) {
                if (!reference.getKey().getTable().getName().equals(table.getName())
                        || reference.getDeleteRule() != ForeignKeyRule.CASCADE) {
                    continue;
                }
                List<String> pointing = new ArrayList<>();
                rows.get(child.getName()).forEach((childKey, childRow) -> {
                    if (pointsAt(reference, childRow, gone)) {
                        pointing.add(childKey);
                    }
                });
                pointing.forEach(childKey -> remove(child, childKey));
            }
        }
    }

    private static boolean pointsAt(ForeignKey<?, ?> reference, Map<String, Object> child, Map<String, Object> parent) {
        List<? extends TableField<?, ?>> from = reference.getFields();
        List<? extends TableField<?, ?>> to = reference.getKeyFields();
        for (int i = 0; i < from.size(); i++) {
            if (!Rows.canonical(child.get(from.get(i).getName())).equals(Rows.canonical(parent.get(to.get(i).getName())))) {
                return false;
            }
        }
        return true;
    }

    /** The model's rows in the same form as {@link Rows#read}. */
    Rows rows() {
        Map<String, SortedMap<String, String>> tables = new LinkedHashMap<>();
        for (Table<?> table : Rows.REPLICATED) {
            SortedMap<String, String> text = new TreeMap<>();
            rows.get(table.getName()).forEach((key, row) -> text.put(key, Rows.row(table, row)));
            tables.put(table.getName(), text);
        }
        return new Rows(tables);
    }
}
