package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.jooq.DefaultSchema;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.telemetry.LogEntry;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.ResourceSnapshot;
import dev.ctrlstore.store.telemetry.Span;
import org.jooq.Table;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** The constraint → API field table covers every unique key the migrations create, and names real fields. */
class UniqueKeysTest {
    /** The API record each table stores. */
    private static final Map<String, Class<? extends Record>> RECORDS = Map.ofEntries(
            entry("tenants", Tenant.class), entry("instances", Instance.class),
            entry("instance_labels", Instance.class), entry("deployments", Deployment.class),
            entry("releases", Release.class), entry("health_checks", HealthCheck.class),
            entry("health_results", HealthResult.class), entry("metrics", Metric.class),
            entry("logs", LogEntry.class), entry("spans", Span.class),
            entry("resource_snapshots", ResourceSnapshot.class), entry("domains", Domain.class),
            entry("routes", Route.class), entry("certificates", Certificate.class), entry("secrets", Secret.class),
            entry("audit_log", AuditEntry.class));
    /** Replication bookkeeping, written by the ledger and the reflector only: no API record, no API field. */
    private static final List<String> BOOKKEEPING = List.of("ledger_head", "ledger", "ldb_position");

    @Test
    @DisplayName("every unique key maps to a field of its table's API record, or is filled by the database")
    void everyKeyMapsToAnApiField() {
        List<UniqueKeys.Key> keys = UniqueKeys.all();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            if (BOOKKEEPING.contains(table.getName()) || table.getName().startsWith("control_")) {
                assertThat(keys).as("keys of %s", table.getName()).filteredOn(k -> k.table().equals(table))
                        .allSatisfy(k -> assertThat(k.field()).isNull());
                continue;
            }
            assertThat(RECORDS).as("API record of table %s", table.getName()).containsKey(table.getName());
            int declared = table.getKeys().size()
                    + (int) table.getIndexes().stream().filter(i -> i.getUnique()).count();
            assertThat(keys).as("keys of %s", table.getName())
                    .filteredOn(k -> k.table().equals(table)).hasSize(declared);
        }
        for (UniqueKeys.Key key : keys) {
            if (key.field() == null && !BOOKKEEPING.contains(key.table().getName())
                    && !key.table().getName().startsWith("control_")) {
                assertThat(key.columns()).as("%s has no API field, so the database must fill it", key.name())
                        .containsExactly(key.table().getIdentity().getField().getName());
                continue;
            }
            if (key.field() == null) {
                continue;
            }
            Class<? extends Record> record = RECORDS.get(key.table().getName());
            assertThat(Arrays.stream(record.getRecordComponents()).map(c -> c.getName()))
                    .as("%s's field %s is a field of %s", key.name(), key.field(), record.getSimpleName())
                    .contains(key.field());
        }
    }

    @Test
    @DisplayName("keys are found by PostgreSQL's constraint name and by SQLite's column list, each to one key")
    void keysResolveUniquely() {
        for (UniqueKeys.Key key : UniqueKeys.all()) {
            assertThat(UniqueKeys.byPostgresName(key.postgresName())).as(key.postgresName()).contains(key);
            assertThat(UniqueKeys.byColumns(key.table().getName(), key.columns())).as(key.name()).contains(key);
        }
        assertThat(UniqueKeys.byPostgresName("instances_tenant_slug_key").orElseThrow().field()).isEqualTo("slug");
        assertThat(UniqueKeys.byPostgresName("instances_pkey").orElseThrow().field()).isEqualTo("id");
        assertThat(UniqueKeys.byPostgresName("tenants_external_id_key").orElseThrow().field())
                .isEqualTo("externalId");
        assertThat(UniqueKeys.byColumns("releases", List.of("tenant_id", "instance_id", "release_version"))
                .orElseThrow().field()).isEqualTo("version");
        assertThat(UniqueKeys.byPostgresName("no_such_key")).isEmpty();
    }
}
