package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlException.Reason;
import dev.ctrlstore.store.control.ControlNames;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.jooq.tables.records.ControlFamiliesRecord;
import dev.ctrlstore.store.jooq.tables.records.ControlTableIdsRecord;
import dev.ctrlstore.store.jooq.tables.records.ControlTablesRecord;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import dev.ctrlstore.store.sql.Prepared;
import dev.ctrlstore.store.sql.Row;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.SqlSession;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema.Op;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static dev.ctrlstore.store.jooq.Tables.CONTROL_FAMILIES;
import static dev.ctrlstore.store.jooq.Tables.CONTROL_TABLES;
import static dev.ctrlstore.store.jooq.Tables.CONTROL_TABLE_IDS;

/**
 * The schema half of the center's control store: families and tables in the registry ({@code control_families},
 * {@code control_tables}), and their physical tables ({@code ct_<id>}). Each change is one transaction holding the
 * DDL, the structured schema change for the ledger and the registry rows, so a replica applies them together and a
 * table exists at the center if and only if its ledger entry committed. Ids come from a counter row and are never
 * reused; concurrent creations conflict on it and are retried by the backend.
 *
 * <p>Names are lower-cased, then checked ({@link ControlNames}); every refusal is a {@link ControlException}.
 */
public final class SqlControlSchema {
    private static final Prepared FAMILY = Prepared.byKey("control_families.byName", CONTROL_FAMILIES,
            CONTROL_FAMILIES.NAME);
    private static final Prepared FAMILIES = Prepared.query("control_families.all",
            DSL.select(CONTROL_FAMILIES.NAME).from(CONTROL_FAMILIES).orderBy(CONTROL_FAMILIES.NAME));
    private static final Prepared TABLE = Prepared.byKey("control_tables.byName", CONTROL_TABLES,
            CONTROL_TABLES.FAMILY, CONTROL_TABLES.NAME);
    private static final Param<String> FAMILY_PARAM = DSL.param("family", CONTROL_TABLES.FAMILY);
    private static final Param<String> NAME_PARAM = DSL.param("name", CONTROL_TABLES.NAME);
    /*
     * PostgreSQL writes at READ COMMITTED: a transaction that writes a table's rows share-locks its registry row, and
     * one that changes a table's schema locks it for update, so each waits for the other and then reads the row as
     * the other left it (a dropped table is then not found). Creations lock the id counter first, so a batch sent
     * twice at once sees the first one's tables when it gets the lock. SQLite has one writer: no locks needed.
     */
    private static final Prepared TABLE_FOR_SHARE = Prepared.query("control_tables.byNameForShare",
            DSL.select(CONTROL_TABLES.fields()).from(CONTROL_TABLES)
                    .where(CONTROL_TABLES.FAMILY.eq(FAMILY_PARAM), CONTROL_TABLES.NAME.eq(NAME_PARAM)).forShare(),
            FAMILY_PARAM, NAME_PARAM);
    private static final Prepared TABLE_FOR_UPDATE = Prepared.query("control_tables.byNameForUpdate",
            DSL.select(CONTROL_TABLES.fields()).from(CONTROL_TABLES)
                    .where(CONTROL_TABLES.FAMILY.eq(FAMILY_PARAM), CONTROL_TABLES.NAME.eq(NAME_PARAM)).forUpdate(),
            FAMILY_PARAM, NAME_PARAM);
    private static final Prepared FAMILY_TABLES = familyTables();
    private static final Param<Integer> IDS_PARAM = DSL.param("id", CONTROL_TABLE_IDS.ID);
    private static final Prepared IDS = Prepared.query("control_table_ids.row",
            DSL.select(CONTROL_TABLE_IDS.fields()).from(CONTROL_TABLE_IDS).where(CONTROL_TABLE_IDS.ID.eq(IDS_PARAM)),
            IDS_PARAM);
    private static final Prepared IDS_FOR_UPDATE = Prepared.query("control_table_ids.rowForUpdate",
            DSL.select(CONTROL_TABLE_IDS.fields()).from(CONTROL_TABLE_IDS).where(CONTROL_TABLE_IDS.ID.eq(IDS_PARAM))
                    .forUpdate(), IDS_PARAM);

    private final SqlDatabase db;
    private final Clock clock;

    public SqlControlSchema(SqlDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private static Prepared familyTables() {
        Param<String> family = DSL.param("family", CONTROL_TABLES.FAMILY);
        return Prepared.query("control_tables.byFamily", DSL.select(CONTROL_TABLES.fields()).from(CONTROL_TABLES)
                .where(CONTROL_TABLES.FAMILY.eq(family)).orderBy(CONTROL_TABLES.NAME), family);
    }

    /** Creates an empty family. CONFLICT if it exists. */
    public void createFamily(String family) {
        String name = ControlNames.family(family);
        try {
            db.transact("control().createFamily", s -> {
                if (s.exists(FAMILY, name)) {
                    throw familyExists(name);
                }
                ControlFamiliesRecord r = CONTROL_FAMILIES.newRecord();
                r.setName(name);
                r.setCreatedAt(now());
                s.insert(r);
                return null;
            });
        } catch (DuplicateKeyException e) {
            throw familyExists(name);
        }
    }

    private static ControlException familyExists(String name) {
        return new ControlException(Reason.CONFLICT, "family " + name + " already exists",
                ResourceKind.CONTROL_FAMILY, name);
    }

    /** The names of every family, sorted. */
    public List<String> families() {
        return db.fetchAll(FAMILIES, r -> r.get(CONTROL_FAMILIES.NAME));
    }

    /**
     * Creates every table in one transaction, or none: one that exists with an identical definition is left as it
     * is (so a batch may be sent again), one that exists differently is a CONFLICT naming it, a missing family is
     * NOT_FOUND, an empty batch or one naming a table twice differently is INVALID.
     */
    public void createTables(List<TableDefinition> tables) {
        if (tables == null || tables.isEmpty()) {
            throw new ControlException(Reason.INVALID, "no tables given; send at least one table definition",
                    ResourceKind.CONTROL_TABLE, null);
        }
        Map<String, TableDefinition> batch = new LinkedHashMap<>();
        for (TableDefinition t : tables) {
            TableDefinition other = batch.putIfAbsent(t.family() + "." + t.name(), t);
            if (other != null && !other.equals(t)) {
                throw new ControlException(Reason.INVALID, "table " + t.family() + "." + t.name() + " is given twice"
                        + " with different definitions; send it once", ResourceKind.CONTROL_TABLE,
                        t.family() + "." + t.name());
            }
        }
        write("control().createTables", s -> {
            ControlTableIdsRecord ids = lockIds(s);
            long next = ids.getNextId();
            Set<String> families = new HashSet<>();
            for (TableDefinition t : batch.values()) {
                if (families.add(t.family())) {
                    requireFamily(s, t.family());
                }
                ControlTable existing = find(s, TABLE, t.family(), t.name());
                if (existing != null) {
                    if (!existing.definition().equals(t)) {
                        throw new ControlException(Reason.CONFLICT, "table " + existing.qualifiedName() + " already"
                                + " exists with another definition (fields " + describe(existing.definition())
                                + "); nothing was created. Send its definition unchanged, or add fields to it",
                                ResourceKind.CONTROL_TABLE, existing.qualifiedName());
                    }
                    continue;
                }
                long id = next++;
                Instant now = now();
                ControlTablesRecord r = CONTROL_TABLES.newRecord();
                r.setId(id);
                r.setFamily(t.family());
                r.setName(t.name());
                r.setFields(ControlTable.fieldsJson(t.fields()));
                r.setKeyFields(ControlTable.keyFieldsJson(t.keyFields()));
                r.setVersion(1);
                r.setCreatedAt(now);
                r.setUpdatedAt(now);
                s.insert(r);
                s.controlSchema(new ControlSchema(Op.CREATE_TABLE, id, t.fields(), t.keyFields()));
            }
            if (next != ids.getNextId()) {
                long version = ids.getVersion();
                ids.setNextId(next);
                ids.setVersion(version + 1);
                if (!s.update(ids, version)) {
                    throw new StoreUnavailableException("a concurrent table creation took control table id "
                            + ids.getNextId() + "; retry", null);
                }
            }
            return null;
        });
    }

    /**
     * Appends {@code fields} to a table (the version goes up by one). NOT_FOUND for an unknown family or table,
     * CONFLICT for a field it has, INVALID for no fields or one given twice.
     */
    public void addFields(String family, String table, List<FieldDefinition> fields) {
        String f = ControlNames.family(family);
        String t = ControlNames.table(table);
        if (fields == null || fields.isEmpty()) {
            throw new ControlException(Reason.INVALID, "no fields given to add to table " + f + "." + t,
                    ResourceKind.CONTROL_TABLE, f + "." + t);
        }
        write("control().addFields", s -> {
            ControlTable current = lock(s, f, t);
            for (FieldDefinition field : fields) {
                if (current.field(field.name()) != null) {
                    throw new ControlException(Reason.CONFLICT, "table " + current.qualifiedName() + " already has"
                            + " field '" + field.name() + "'; nothing was added", ResourceKind.CONTROL_TABLE,
                            current.qualifiedName());
                }
            }
            List<FieldDefinition> all = new ArrayList<>(current.definition().fields());
            all.addAll(fields);
            // Checks the new fields against each other (a name given twice) with the rules of a definition.
            TableDefinition extended = new TableDefinition(f, t, all, current.definition().keyFields());
            ControlTablesRecord r = CONTROL_TABLES.newRecord();
            r.setId(current.id());
            r.setFamily(f);
            r.setName(t);
            r.setFields(ControlTable.fieldsJson(extended.fields()));
            r.setKeyFields(ControlTable.keyFieldsJson(extended.keyFields()));
            r.setVersion(current.version() + 1);
            r.setCreatedAt(s.fetchFirst(TABLE, row -> row.get(CONTROL_TABLES.CREATED_AT), f, t));
            r.setUpdatedAt(now());
            if (!s.update(r, current.version())) {
                throw concurrent("addFields", current);
            }
            s.controlSchema(new ControlSchema(Op.ADD_FIELDS, current.id(),
                    extended.fields().subList(current.definition().fields().size(), extended.fields().size()),
                    List.of()));
            return null;
        });
    }

    /** Drops a table and its rows; its id is not used again. NOT_FOUND when it does not exist. */
    public void dropTable(String family, String table) {
        String f = ControlNames.family(family);
        String t = ControlNames.table(table);
        write("control().dropTable", s -> {
            ControlTable current = lock(s, f, t);
            s.controlSchema(new ControlSchema(Op.DROP_TABLE, current.id(), List.of(), List.of()));
            s.delete(CONTROL_TABLES, current.id());
            return null;
        });
    }

    /** Deletes every row of a table. NOT_FOUND when it does not exist. */
    public void clearTable(String family, String table) {
        String f = ControlNames.family(family);
        String t = ControlNames.table(table);
        write("control().clearTable", s -> {
            s.controlSchema(clear(lock(s, f, t)));
            return null;
        });
    }

    /** Deletes every row of every table of a family, in one transaction. NOT_FOUND when it does not exist. */
    public void clearFamily(String family) {
        String f = ControlNames.family(family);
        write("control().clearFamily", s -> {
            requireFamily(s, f);
            for (ControlTable t : s.fetchAll(FAMILY_TABLES, SqlControlSchema::controlTable, f)) {
                s.controlSchema(clear(t));
            }
            return null;
        });
    }

    private static ControlSchema clear(ControlTable table) {
        return new ControlSchema(Op.CLEAR_TABLE, table.id(), List.of(), List.of());
    }

    /** A table's definition (key fields in key order). NOT_FOUND when it does not exist. */
    public TableDefinition table(String family, String table) {
        String f = ControlNames.family(family);
        String t = ControlNames.table(table);
        ControlTable found = db.fetchFirst(TABLE, SqlControlSchema::controlTable, f, t);
        if (found == null) {
            throw tableNotFound(f, t);
        }
        return found.definition();
    }

    /** The definitions of a family's tables, sorted by name. NOT_FOUND for an unknown family. */
    public List<TableDefinition> tables(String family) {
        String f = ControlNames.family(family);
        List<TableDefinition> found = db.fetchAll(FAMILY_TABLES, r -> controlTable(r).definition(), f);
        if (found.isEmpty() && db.fetchFirst(FAMILY, r -> Boolean.TRUE, f) == null) {
            throw familyNotFound(f);
        }
        return found;
    }

    /**
     * The table {@code family.table} as the transaction {@code s} sees it, for a write of its rows (names as given by
     * a caller: lower-cased and checked here). On PostgreSQL its registry row is share-locked until the transaction
     * ends, so a concurrent schema change of the table waits for the write, or the write for it.
     *
     * @throws ControlException NOT_FOUND when there is no such table (naming it), INVALID for a malformed name
     */
    public ControlTable resolve(SqlSession s, String family, String table) {
        return locked(s, postgres(s) ? TABLE_FOR_SHARE : TABLE, ControlNames.family(family),
                ControlNames.table(table));
    }

    /** As {@link #resolve}, locked for a schema change on PostgreSQL. */
    private static ControlTable lock(SqlSession s, String family, String table) {
        return locked(s, postgres(s) ? TABLE_FOR_UPDATE : TABLE, family, table);
    }

    private static ControlTable locked(SqlSession s, Prepared query, String f, String t) {
        ControlTable found = find(s, query, f, t);
        if (found == null) {
            if (!s.exists(FAMILY, f)) {
                throw familyNotFound(f);
            }
            throw tableNotFound(f, t);
        }
        return found;
    }

    private static ControlTable find(SqlSession s, Prepared query, String family, String table) {
        return s.fetchFirst(query, SqlControlSchema::controlTable, family, table);
    }

    private static ControlTable controlTable(Row row) {
        return ControlTable.parse(row.get(CONTROL_TABLES.ID), row.get(CONTROL_TABLES.FAMILY),
                row.get(CONTROL_TABLES.NAME), row.get(CONTROL_TABLES.FIELDS), row.get(CONTROL_TABLES.KEY_FIELDS),
                row.get(CONTROL_TABLES.VERSION));
    }

    private static void requireFamily(SqlSession s, String family) {
        if (!s.exists(FAMILY, family)) {
            throw familyNotFound(family);
        }
    }

    private static ControlException familyNotFound(String family) {
        return new ControlException(Reason.NOT_FOUND, "family " + family + " not found; create it first",
                ResourceKind.CONTROL_FAMILY, family);
    }

    private static ControlException tableNotFound(String family, String table) {
        return new ControlException(Reason.NOT_FOUND, "table " + family + "." + table + " not found",
                ResourceKind.CONTROL_TABLE, family + "." + table);
    }

    private static boolean postgres(SqlSession s) {
        return s.dsl().dialect().family() == SQLDialect.POSTGRES;
    }

    /** The id counter's row, locked until the transaction ends on PostgreSQL. */
    private static ControlTableIdsRecord lockIds(SqlSession s) {
        ControlTableIdsRecord ids = s.fetchFirst(postgres(s) ? IDS_FOR_UPDATE : IDS, row -> {
            ControlTableIdsRecord r = CONTROL_TABLE_IDS.newRecord();
            r.setId(row.get(CONTROL_TABLE_IDS.ID));
            r.setNextId(row.get(CONTROL_TABLE_IDS.NEXT_ID));
            r.setVersion(row.get(CONTROL_TABLE_IDS.VERSION));
            return r;
        }, 1);
        if (ids == null) {
            throw new IllegalStateException("control_table_ids has no row 1; the V6 migration seeds it, so the"
                    + " database was changed by hand");
        }
        return ids;
    }

    private static StoreUnavailableException concurrent(String operation, ControlTable table) {
        return new StoreUnavailableException(operation + " of table " + table.qualifiedName() + " lost to a"
                + " concurrent schema change; retry", null);
    }

    private static String describe(TableDefinition t) {
        StringBuilder b = new StringBuilder();
        for (FieldDefinition f : t.fields()) {
            b.append(b.isEmpty() ? "" : ", ").append(f.name()).append(' ').append(f.type().apiName());
        }
        return b.append("; key ").append(String.join(", ", t.keyFields())).toString();
    }

    private <T> T write(String operation, Function<SqlSession, T> work) {
        try {
            return db.transact(operation, work);
        } catch (DuplicateKeyException e) {
            // The registry's keys are checked first inside the transaction; a violation is a concurrent writer that
            // won, which a new attempt sees.
            throw new StoreUnavailableException(operation + " lost to a concurrent change of the same family or"
                    + " table; retry", e);
        }
    }

    private Instant now() {
        return Times.micros(clock.instant());
    }
}
