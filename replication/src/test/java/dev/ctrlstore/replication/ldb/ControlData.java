package dev.ctrlstore.replication.ldb;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.spec.ServiceSnapshot;
import dev.ctrlstore.store.health.CheckType;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Control data for replication tests: a tenant and an instance with a row in every replicated child table, written
 * through a store's API, and the replicated tables of a SQLite file read back as database values.
 */
public final class ControlData {
    /** The replicated tables, parents before children. */
    public static final List<String> TABLES = List.of("tenants", "instances", "instance_labels", "releases",
            "deployments", "health_checks", "domains", "routes", "certificates");
    /** The replicated registry of control tables, written by the control-table API rather than by populate. */
    public static final List<String> CONTROL_REGISTRY = List.of("control_families", "control_tables");

    private ControlData() {
    }

    /** Writes a tenant and one instance with labels, a release, a deployment, a check, a domain with a certificate and a route. */
    public static Instance populate(Store store, String n) {
        Tenant tenant = store.admin().insertTenant(Tenant.builder().name("tenant " + n).slug("tenant-" + n).build());
        Instance instance = store.instances().insert(Instance.builder().tenantId(tenant.id()).name("app " + n)
                .slug("app-" + n).providerName("docker").region("eu-1").state(InstanceState.RUNNING)
                .labels(Map.of("team", "storefront", "tier", "web")).suspendedAt(Instant.parse(
                        "2026-01-02T03:04:05.123456Z")).build());
        Release release = store.deployments().insertRelease(Release.builder().tenantId(tenant.id())
                .instanceId(instance.id()).version(1)
                .services(List.of(new ServiceSnapshot("web", "registry.example/web:1", Map.of("V", "1")))).build());
        store.deployments().insertDeployment(Deployment.builder().tenantId(tenant.id()).instanceId(instance.id())
                .releaseId(release.id()).initiator("usr_1").build());
        store.health().insertCheck(HealthCheck.builder().tenantId(tenant.id()).instanceId(instance.id())
                .name("check " + n).type(CheckType.HTTP).target("http://localhost:8080/healthz").build());
        Domain domain = store.network().insertDomain(Domain.builder().tenantId(tenant.id()).instanceId(instance.id())
                .hostname("d" + n + ".example.com").build());
        store.network().insertRoute(Route.builder().tenantId(tenant.id()).instanceId(instance.id()).path("/r" + n)
                .port(8080).build());
        store.network().insertCertificate(Certificate.builder().tenantId(tenant.id()).domainId(domain.id())
                .issuer("letsencrypt").expiresAt(Instant.parse("2027-01-01T00:00:00Z")).build());
        return instance;
    }

    /** Every row of every replicated table of a SQLite file, by table and primary key, as database values. */
    public static Map<String, Map<String, Map<String, Object>>> rows(Path sqlite) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite)) {
            Map<String, Map<String, Map<String, Object>>> all = new LinkedHashMap<>();
            for (String table : TABLES) {
                all.put(table, rows(c, table));
            }
            return all;
        }
    }

    /** The rows of one table of a SQLite file, keyed by their primary key's values. */
    public static Map<String, Map<String, Object>> rows(Connection c, String table) throws SQLException {
        List<String> key = primaryKey(c, table);
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.put(meta.getColumnName(i), v instanceof Integer n ? Long.valueOf(n) : v);
                }
                rows.put(key.stream().map(k -> String.valueOf(row.get(k))).toList().toString(), row);
            }
        }
        return rows;
    }

    /** Upserts of every replicated row of a SQLite file, parents first: what a ledger would carry to rebuild it. */
    public static List<LedgerChange> upserts(Path sqlite) throws SQLException {
        List<LedgerChange> changes = new ArrayList<>();
        rows(sqlite).forEach((table, rows) -> rows.values().forEach(row -> changes.add(
                new LedgerChange.Upsert(table, row))));
        return changes;
    }

    /** One entry. */
    public static LedgerEntry entry(long seq, LedgerChange... changes) {
        return new LedgerEntry(seq, Instant.parse("2026-03-04T05:06:07.000001Z").plusSeconds(seq), 5, "test",
                List.of(changes));
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        Map<Integer, String> key = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (rs.getInt("pk") > 0) {
                    key.put(rs.getInt("pk"), rs.getString("name"));
                }
            }
        }
        return List.copyOf(key.values());
    }
}
