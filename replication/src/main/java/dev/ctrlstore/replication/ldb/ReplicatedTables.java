package dev.ctrlstore.replication.ldb;

import dev.ctrlstore.store.jooq.DefaultSchema;

import java.util.Set;

/** Which tables an LDB accepts changes for. */
final class ReplicatedTables {
    private static final Set<String> REPLICATED = Set.of("tenants", "instances", "instance_labels", "deployments",
            "releases", "health_checks", "domains", "routes", "certificates");

    private ReplicatedTables() {
    }

    static boolean isReplicated(String table) {
        return REPLICATED.contains(table);
    }

    static boolean isKnown(String table) {
        return DefaultSchema.DEFAULT_SCHEMA.getTable(table) != null;
    }
}
