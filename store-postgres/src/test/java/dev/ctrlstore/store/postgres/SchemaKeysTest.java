package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the schema itself holds, below the store's own checks: a deployment's release must be a release of the same
 * instance of the same tenant (the foreign key of migration V3), in SQLite and PostgreSQL alike; and a label at the
 * value domain's limit (255 characters for key and value, 3-byte UTF-8 characters) fits PostgreSQL's label index.
 */
@PostgresTest
class SchemaKeysTest {
    @TempDir
    static Path dir;

    @Test
    void sqliteRefusesADeploymentOfAnotherInstancesRelease() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("keys.db"));
        new SchemaMigrator(sqlite, "sqlite", "SQLite keys").migrate();
        refusesADeploymentOfAnotherInstancesRelease(sqlite, "", "1");
    }

    @Test
    void postgresRefusesADeploymentOfAnotherInstancesRelease(TestDatabase db) throws SQLException {
        DataSource postgres = db.dataSource();
        new SchemaMigrator(postgres, "postgresql", "PostgreSQL keys", Optional.of("keys")).migrate();
        refusesADeploymentOfAnotherInstancesRelease(postgres, "keys.", "now()");
    }

    /** Instances a and b of one tenant, a release of b; a deployment of a may not name it, nor a missing one. */
    private static void refusesADeploymentOfAnotherInstancesRelease(DataSource ds, String schema, String now)
            throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String instance : new String[] {"inst_a", "inst_b"}) {
                s.executeUpdate("INSERT INTO " + schema + "instances (id, tenant_id, name, slug, datacenter_id,"
                        + " provider_name, provider_ref, service_refs, region, state, kind, services, endpoints, labels,"
                        + " created_at, updated_at, version) VALUES ('" + instance + "', 'ten_1', 'n', '" + instance
                        + "', '', '', '', '[]', '', 'PENDING', 'CONTAINER', '[]', '[]', '{}', " + now + ", " + now
                        + ", 1)");
            }
            s.executeUpdate("INSERT INTO " + schema + "releases (id, tenant_id, instance_id, release_version, services,"
                    + " notes, commit_sha, active, created_at) VALUES ('rel_b', 'ten_1', 'inst_b', 1, '[]', '', '',"
                    + " true, " + now + ")");
            for (String release : new String[] {"rel_b", "rel_missing"}) {
                assertThatThrownBy(() -> s.executeUpdate(deployment(schema, now, "inst_a", release)))
                        .as("a deployment of inst_a naming %s", release)
                        .isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*(deployments_release_fk|FOREIGN KEY constraint failed).*");
            }
            assertThat(s.executeUpdate(deployment(schema, now, "inst_b", "rel_b"))).as("inst_b's own release").isOne();
            // Deleting the instance takes its releases and deployments with it, whatever order they go in.
            // (sqlite-jdbc counts the cascaded rows in the update count, PostgreSQL does not: counted below instead.)
            s.executeUpdate("DELETE FROM " + schema + "instances WHERE id = 'inst_b'");
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM " + schema + "instances), (SELECT count(*)"
                    + " FROM " + schema + "releases), (SELECT count(*) FROM " + schema + "deployments)")) {
                assertThat(rs.next()).isTrue();
                assertThat(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}).as("instances, releases, deployments")
                        .containsExactly(1, 0, 0);
            }
        }
    }

    private static String deployment(String schema, String now, String instance, String release) {
        return "INSERT INTO " + schema + "deployments (id, tenant_id, instance_id, release_id, state, strategy,"
                + " services, service_progress, provider_ref, error, initiator, created_at, updated_at, version)"
                + " VALUES ('dep_" + instance + "_" + release + "', 'ten_1', '" + instance + "', '" + release
                + "', 'PENDING', 'ROLLING', '[]', '{}', '', '', '', " + now + ", " + now + ", 1)";
    }

    @Test
    void aLabelAtTheLimitWith3ByteCharactersIsStoredAndFoundThroughTheIndex(TestDatabase db) throws SQLException {
        String key = "k" + "€".repeat(254);
        String value = "v" + "€".repeat(254);
        assertThat(key).hasSize(255);
        assertThat(value.getBytes(StandardCharsets.UTF_8)).hasSize(1 + 3 * 254);
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).schema("labels").build()) {
            store.migrate();
            TenantId tenant = TenantId.generate();
            Instance stored = store.instances().insert(Instance.builder().tenantId(tenant).name("labelled")
                    .slug("labelled").labels(Map.of(key, value, "other", "x")).build());
            store.instances().insert(Instance.builder().tenantId(tenant).name("unlabelled").slug("unlabelled")
                    .labels(Map.of(key, "v")).build());

            assertThat(store.instances().get(tenant, stored.id()).labels()).containsEntry(key, value);
            assertThat(store.instances().list(tenant, InstanceFilter.all().withLabels(Map.of(key, value)),
                    PageRequest.first(10)).items()).containsExactly(stored);
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_column_size(ROW(tenant_id, label_key, label_value,"
                     + " instance_id)) FROM labels.instance_labels WHERE label_value = '" + value + "'")) {
            assertThat(rs.next()).as("the label's row in the index table").isTrue();
            assertThat(rs.getInt(1)).as("bytes of the indexed tuple, PostgreSQL's limit being 2704")
                    .isBetween(1_500, 2_704);
        }
    }
}
