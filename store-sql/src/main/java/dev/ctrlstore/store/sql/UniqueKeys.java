package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.jooq.DefaultSchema;
import dev.ctrlstore.store.jooq.Indexes;
import dev.ctrlstore.store.jooq.Keys;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.UniqueKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Every unique key of the schema (primary keys, unique constraints, unique indexes), read from the generated classes,
 * with the API field each one protects. Backends find the key a unique violation names without reading the
 * driver's message text, which PostgreSQL translates into the server's {@code lc_messages} language: PostgreSQL
 * by the constraint's name, SQLite by the table and the column list its error reports.
 */
public final class UniqueKeys {

    /**
     * A unique key.
     *
     * @param table the table
     * @param name the name in the generated classes ({@code instances_tenant_slug_key}, {@code pk_instances})
     * @param columns its columns, in order
     * @param primary whether it is the table's primary key
     * @param field the API record field a duplicate is reported on ({@code slug}, {@code id}, ...); null for a key
     *              the database fills itself (the telemetry tables' {@code seq}) or replication bookkeeping, which
     *              callers cannot duplicate
     */
    public record Key(Table<?> table, String name, List<String> columns, boolean primary, String field) {

        /** The name PostgreSQL gives it: an unnamed primary key is {@code <table>_pkey} there. */
        public String postgresName() {
            return primary ? table.getName() + "_pkey" : name;
        }
    }

    /** The API field of each key, by its name in the generated classes; {@code UniqueKeysTest} proves it complete. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            entry(Keys.TENANTS__PK_TENANTS.getName(), "id"),
            entry(Keys.TENANTS__TENANTS_SLUG_KEY.getName(), "slug"),
            entry(Indexes.TENANTS_EXTERNAL_ID_KEY.getName(), "externalId"),
            entry(Keys.INSTANCES__PK_INSTANCES.getName(), "id"),
            entry(Keys.INSTANCES__INSTANCES_TENANT_ID_KEY.getName(), "id"),
            entry(Keys.INSTANCES__INSTANCES_TENANT_SLUG_KEY.getName(), "slug"),
            entry(Keys.INSTANCE_LABELS__PK_INSTANCE_LABELS.getName(), "labels"),
            entry(Keys.DEPLOYMENTS__PK_DEPLOYMENTS.getName(), "id"),
            entry(Keys.RELEASES__PK_RELEASES.getName(), "id"),
            entry(Keys.RELEASES__RELEASES_TENANT_INSTANCE_VERSION_KEY.getName(), "version"),
            // the target of deployments' release key; it holds the primary key, so only a taken id can violate it
            entry(Indexes.RELEASES_TENANT_INSTANCE_ID_KEY.getName(), "id"),
            entry(Keys.HEALTH_CHECKS__PK_HEALTH_CHECKS.getName(), "id"),
            entry(Keys.HEALTH_CHECKS__HEALTH_CHECKS_TENANT_ID_KEY.getName(), "id"),
            entry(Keys.HEALTH_RESULTS__PK_HEALTH_RESULTS.getName(), "id"),
            entry(Keys.DOMAINS__PK_DOMAINS.getName(), "id"),
            entry(Keys.DOMAINS__DOMAINS_TENANT_ID_KEY.getName(), "id"),
            entry(Keys.DOMAINS__DOMAINS_TENANT_HOSTNAME_KEY.getName(), "hostname"),
            entry(Keys.ROUTES__PK_ROUTES.getName(), "id"),
            entry(Keys.CERTIFICATES__PK_CERTIFICATES.getName(), "id"),
            entry(Keys.SECRETS__PK_SECRETS.getName(), "id"),
            entry(Keys.SECRETS__SECRETS_TENANT_INSTANCE_KEY_KEY.getName(), "key"),
            entry(Keys.AUDIT_LOG__PK_AUDIT_LOG.getName(), "id"));
    /** Keys no API call can duplicate: identity columns (the database assigns them) and replication bookkeeping. */
    private static final Set<String> GENERATED = Set.of(Keys.METRICS__PK_METRICS.getName(),
            Keys.LOGS__PK_LOGS.getName(), Keys.SPANS__PK_SPANS.getName(),
            Keys.RESOURCE_SNAPSHOTS__PK_RESOURCE_SNAPSHOTS.getName(),
            // The replication bookkeeping: written by the ledger and the reflector, never through the API.
            Keys.LEDGER_HEAD__PK_LEDGER_HEAD.getName(), Keys.LEDGER__PK_LEDGER.getName(),
            Keys.LDB_POSITION__PK_LDB_POSITION.getName());

    private static final List<Key> ALL = derive();

    private UniqueKeys() {
    }

    /** Every unique key of every table. */
    public static List<Key> all() {
        return ALL;
    }

    /** The key PostgreSQL reports by this name ({@code ServerErrorMessage.getConstraint()}). */
    public static Optional<Key> byPostgresName(String constraint) {
        return ALL.stream().filter(k -> k.postgresName().equals(constraint)).findFirst();
    }

    /** The key of {@code table} on exactly these columns, as SQLite reports them ({@code t.a, t.b}). */
    public static Optional<Key> byColumns(String table, List<String> columns) {
        return ALL.stream().filter(k -> k.table().getName().equals(table) && k.columns().equals(columns))
                .findFirst();
    }

    private static List<Key> derive() {
        List<Key> keys = new ArrayList<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (UniqueKey<?> key : table.getKeys()) {
                keys.add(key(table, key.getName(), key.getFields().stream().map(Field::getName).toList(),
                        key.isPrimary()));
            }
            for (Index index : table.getIndexes()) {
                if (index.getUnique()) {
                    keys.add(key(table, index.getName(), index.getFields().stream().map(SortField::getName).toList(),
                            false));
                }
            }
        }
        return List.copyOf(keys);
    }

    private static Key key(Table<?> table, String name, List<String> columns, boolean primary) {
        String field = FIELDS.get(name);
        // Control tables' keys are checked by the control store itself, which names the family, table or writer.
        if (field == null && !GENERATED.contains(name) && !table.getName().startsWith("control_")) {
            // A new key in the migrations: say which API field a duplicate of it is reported on.
            throw new IllegalStateException("unique key " + name + " of " + table.getName() + " " + columns
                    + " has no API field in UniqueKeys.FIELDS");
        }
        return new Key(table, name, List.copyOf(columns), primary, field);
    }
}
