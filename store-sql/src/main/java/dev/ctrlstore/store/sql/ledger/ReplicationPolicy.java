package dev.ctrlstore.store.sql.ledger;

import dev.ctrlstore.store.jooq.DefaultSchema;
import org.jooq.Table;

import java.util.List;
import java.util.Map;

/**
 * Which tables reach a replica: the one place every generated table is classified. Control data is replicated;
 * secrets never leave the center (every process on a host can read its LDB), and history (health results,
 * telemetry, audit) stays central because it is high-volume; the ledger's own tables are bookkeeping.
 */
public final class ReplicationPolicy {

    /** How a table is treated by the ledger. */
    public enum Kind {
        /** Its row changes go into the ledger and are applied by replicas. */
        REPLICATED,
        /** Its row changes never go into the ledger. */
        NEVER,
        /** The ledger's own tables ({@code ledger_head}, {@code ledger}, {@code ldb_position}). */
        BOOKKEEPING
    }

    /** Replicated tables, parents before the tables that reference them. */
    private static final List<String> REPLICATED = List.of("tenants", "instances", "instance_labels", "releases",
            "deployments", "health_checks", "domains", "routes", "certificates", "control_families",
            "control_tables");
    private static final List<String> NEVER = List.of("secrets", "health_results", "metrics", "logs", "spans",
            "resource_snapshots", "audit_log", "control_table_ids", "control_writers", "control_writer_usage",
            "control_writer_limits", "control_table_limits");
    private static final List<String> BOOKKEEPING = List.of("ledger_head", "ledger", "ldb_position");
    private static final Map<String, Kind> KINDS;

    static {
        var kinds = new java.util.HashMap<String, Kind>();
        REPLICATED.forEach(t -> kinds.put(t, Kind.REPLICATED));
        NEVER.forEach(t -> kinds.put(t, Kind.NEVER));
        BOOKKEEPING.forEach(t -> kinds.put(t, Kind.BOOKKEEPING));
        KINDS = Map.copyOf(kinds);
    }

    private ReplicationPolicy() {
    }

    /**
     * The kind of the table named {@code table}. A control table's rows ({@code ct_<id>}, created at run time, not
     * generated) are replicated.
     *
     * @throws IllegalArgumentException for a table this code does not classify
     */
    public static Kind of(String table) {
        Kind kind = KINDS.get(table);
        if (kind == null && controlTableId(table) >= 0) {
            return Kind.REPLICATED;
        }
        if (kind == null) {
            throw new IllegalArgumentException("table " + table + " is not classified for replication; add it to"
                    + " ReplicationPolicy as replicated, never or bookkeeping");
        }
        return kind;
    }

    /**
     * The id of the control table whose rows live in physical table {@code table} ({@code ct_<id>}, id a decimal
     * number without sign or leading zero), or -1 when {@code table} is not one.
     */
    public static long controlTableId(String table) {
        int digits = table.length() - 3;
        if (!table.startsWith("ct_") || digits < 1 || digits > 18 || (table.charAt(3) == '0' && digits > 1)) {
            return -1;
        }
        long id = 0;
        for (int i = 3; i < table.length(); i++) {
            char c = table.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    /** The kind of {@code table}; see {@link #of(String)}. */
    public static Kind of(Table<?> table) {
        return of(table.getName());
    }

    /** Whether changes of {@code table} go into the ledger. */
    public static boolean replicated(Table<?> table) {
        return of(table) == Kind.REPLICATED;
    }

    /** The replicated tables of the generated schema, each after the tables it references. */
    public static List<Table<?>> replicatedTables() {
        return REPLICATED.stream().<Table<?>>map(ReplicationPolicy::table).toList();
    }

    /** The generated table named {@code name}; throws for a name the schema does not have. */
    static Table<?> table(String name) {
        Table<?> table = DefaultSchema.DEFAULT_SCHEMA.getTable(name);
        if (table == null) {
            throw new IllegalArgumentException("no table " + name + " in the ctrlstore schema this code knows");
        }
        return table;
    }
}
