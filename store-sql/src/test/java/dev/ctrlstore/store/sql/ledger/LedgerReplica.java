package dev.ctrlstore.store.sql.ledger;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * For tests: a replica kept in memory, {@code table -> primary key -> row image}, fed entry by entry the way a
 * reflector applies them. It insists on {@code seq = last + 1} (a gap or a repeat is an {@link AssertionError}),
 * applies deletes with the schema's {@code ON DELETE CASCADE} as a replica's foreign keys would, and refuses a
 * delete of a row it does not hold (the center deleted only rows that existed). {@link #images} reads the same
 * shape from a database, so a test compares the two with {@code equals}.
 *
 * <p>{@link #lenient} makes the ctlstore-style follower a test shows failing: it applies whatever comes after its
 * position, counting gaps and deletes of rows it does not hold instead of stopping; a number it has passed is
 * still an error.
 */
public final class LedgerReplica {
    private final Map<String, Map<Map<String, Object>, Map<String, Object>>> tables = new TreeMap<>();
    private final boolean strict;
    private long position;
    private int applied;
    private int gaps;
    private int missingDeletes;

    /** An empty replica at {@code position} (0 for a new center). */
    public LedgerReplica(long position) {
        this(position, true);
    }

    /** An empty replica at {@code position} that skips gaps and counts them. */
    public static LedgerReplica lenient(long position) {
        return new LedgerReplica(position, false);
    }

    private LedgerReplica(long position, boolean strict) {
        this.strict = strict;
        this.position = position;
        for (Table<?> table : ReplicationPolicy.replicatedTables()) {
            tables.put(table.getName(), new LinkedHashMap<>());
        }
    }

    /** Applies {@code entry}, which must be the next one. */
    public void apply(LedgerEntry entry) {
        if (entry.seq() > position + 1 && !strict) {
            gaps++;
        } else if (entry.seq() != position + 1) {
            throw new AssertionError("ledger entry " + entry.seq() + " follows " + position + ": "
                    + (entry.seq() <= position ? "a number already passed" : "a gap"));
        }
        for (LedgerChange change : entry.changes()) {
            switch (change) {
                case LedgerChange.Upsert upsert -> {
                    Table<?> table = ReplicationPolicy.table(upsert.table());
                    rows(upsert.table()).put(key(table, upsert.row()), upsert.row());
                }
                case LedgerChange.Delete delete -> {
                    Map<String, Object> row = rows(delete.table()).remove(delete.key());
                    if (row == null && !strict) {
                        missingDeletes++;
                        continue;
                    }
                    if (row == null) {
                        throw new AssertionError("entry " + entry.seq() + " deletes " + delete.table() + " "
                                + delete.key() + ", which the replica does not hold");
                    }
                    cascade(ReplicationPolicy.table(delete.table()), row);
                }
                case LedgerChange.Migrate migrate -> { }
                case LedgerChange.ControlSchema schema -> throw new AssertionError("entry " + entry.seq()
                        + " changes a control table, which this replica does not follow");
            }
        }
        position = entry.seq();
        applied++;
    }

    /** Applies every entry of {@code ledger} after this replica's position, in batches of {@code batch}. */
    public LedgerReplica catchUp(Ledger ledger, int batch) {
        for (List<LedgerEntry> entries = ledger.read(position, batch); !entries.isEmpty();
                entries = ledger.read(position, batch)) {
            entries.forEach(this::apply);
        }
        return this;
    }

    public long position() {
        return position;
    }

    /** How many entries were applied. */
    public int applied() {
        return applied;
    }

    /** How many times a lenient replica skipped numbers. */
    public int gaps() {
        return gaps;
    }

    /** How many deletes a lenient replica found nothing to delete for. */
    public int missingDeletes() {
        return missingDeletes;
    }

    /** The replica's rows: table name to primary key to row image, every replicated table present. */
    public Map<String, Map<Map<String, Object>, Map<String, Object>>> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** Every replicated table of the database behind {@code dsl}, read through the generated classes as images. */
    public static Map<String, Map<Map<String, Object>, Map<String, Object>>> images(DSLContext dsl) {
        Map<String, Map<Map<String, Object>, Map<String, Object>>> images = new TreeMap<>();
        for (Table<?> table : ReplicationPolicy.replicatedTables()) {
            Map<Map<String, Object>, Map<String, Object>> rows = new LinkedHashMap<>();
            for (Record record : dsl.selectFrom(table).fetch()) {
                Map<String, Object> row = RowImages.row(record);
                rows.put(key(table, row), row);
            }
            images.put(table.getName(), rows);
        }
        return images;
    }

    private Map<Map<String, Object>, Map<String, Object>> rows(String table) {
        Map<Map<String, Object>, Map<String, Object>> rows = tables.get(table);
        if (rows == null) {
            throw new AssertionError("a ledger entry changes " + table + ", which is not replicated");
        }
        return rows;
    }

    /** Removes the rows whose foreign keys point at {@code deleted} (a row of {@code parent}), and theirs. */
    private void cascade(Table<?> parent, Map<String, Object> deleted) {
        for (Table<?> child : ReplicationPolicy.replicatedTables()) {
            for (ForeignKey<?, ?> fk : child.getReferences()) {
                if (!fk.getKey().getTable().getName().equals(parent.getName())) {
                    continue;
                }
                List<Map<String, Object>> gone = new ArrayList<>();
                rows(child.getName()).values().removeIf(row -> {
                    for (int i = 0; i < fk.getFields().size(); i++) {
                        Object value = row.get(fk.getFields().get(i).getName());
                        if (value == null || !value.equals(deleted.get(fk.getKeyFields().get(i).getName()))) {
                            return false;
                        }
                    }
                    gone.add(row);
                    return true;
                });
                gone.forEach(row -> cascade(child, row));
            }
        }
    }

    private static Map<String, Object> key(Table<?> table, Map<String, Object> row) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (Field<?> field : table.getPrimaryKey().getFields()) {
            key.put(field.getName(), row.get(field.getName()));
        }
        return key;
    }
}
