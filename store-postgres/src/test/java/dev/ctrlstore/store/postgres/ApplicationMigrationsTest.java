package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.SchemaMigrator.Standing;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's migrations beside an application's own Flyway ({@code db/migration} V1 and V2 on this module's test
 * classpath, Flyway's default history table) in one database: each applies only its own scripts, records them in
 * its own history table and touches only its own objects, in SQLite and in PostgreSQL. And a database migrated by
 * the earlier layout (V1 recorded in {@code flyway_schema_history}) is upgraded by {@code migrate()} by itself.
 */
@PostgresTest
class ApplicationMigrationsTest {
    private static final Set<String> APP_TABLES = Set.of("app_accounts", "app_users", "flyway_schema_history");

    @TempDir
    static Path dir;

    @Test
    void sqliteAppAndStoreEachMigrateOnlyTheirOwn() throws SQLException {
        DataSource sqlite = sqlite("beside.db");
        appAndStoreEachMigrateOnlyTheirOwn(sqlite, new SchemaMigrator(sqlite, "sqlite", "SQLite beside an app"),
                null);
    }

    @Test
    void postgresAppAndStoreEachMigrateOnlyTheirOwn(TestDatabase db) throws SQLException {
        DataSource postgres = db.dataSource();
        appAndStoreEachMigrateOnlyTheirOwn(postgres, new SchemaMigrator(postgres, "postgresql",
                "PostgreSQL beside an app"), "public");
    }

    /** The application first (V1 only), the store, then the application's V2; then both again: nothing to do. */
    private static void appAndStoreEachMigrateOnlyTheirOwn(DataSource ds, SchemaMigrator store, String schema)
            throws SQLException {
        Flyway app = Flyway.configure().dataSource(ds).load();
        Flyway.configure().dataSource(ds).target("1").load().migrate();
        Set<String> before = tables(ds, schema);
        assertThat(before).containsExactlyInAnyOrder("app_accounts", "flyway_schema_history");

        store.migrate();
        Set<String> ours = tables(ds, schema);
        ours.removeAll(before);
        assertThat(ours).as("what the store added").contains(SchemaMigrator.HISTORY_TABLE, "tenants", "instances",
                "deployments", "releases").doesNotContain("app_users").noneMatch(t -> t.startsWith("app_"));
        assertThat(versions(ds, "flyway_schema_history")).as("the application's history after the store migrated")
                .containsExactly("1");

        app.migrate();
        assertThat(tables(ds, schema)).contains("app_users");
        assertThat(versions(ds, "flyway_schema_history")).as("the application's history").containsExactly("1", "2");
        assertThat(versions(ds, SchemaMigrator.HISTORY_TABLE)).as("the store's history")
                .containsExactly("0", "1", "2", "3", "4", "5", "6");
        assertThat(app.validateWithResult().validationSuccessful).as("the application's Flyway validates").isTrue();

        assertThat(store.standing()).isEqualTo(Standing.CURRENT);
        store.migrate();
        assertThat(app.migrate().migrationsExecuted).isZero();
        assertThat(tables(ds, schema)).containsAll(ours).containsAll(APP_TABLES);
    }

    /** The store first: the application's Flyway baselines at 0 (as the README says) and applies its V1 and V2. */
    @Test
    void sqliteStoreFirstThenTheApp() throws SQLException {
        DataSource sqlite = sqlite("store-first.db");
        new SchemaMigrator(sqlite, "sqlite", "SQLite before an app").migrate();
        Flyway.configure().dataSource(sqlite).baselineOnMigrate(true).baselineVersion("0").load().migrate();
        assertThat(versions(sqlite, "flyway_schema_history")).containsExactly("0", "1", "2");
        assertThat(versions(sqlite, SchemaMigrator.HISTORY_TABLE)).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(tables(sqlite, null)).contains("app_users", "deployments");
    }

    @Test
    void sqliteDatabaseOfTheEarlierLayoutIsUpgradedByMigrate() throws Exception {
        DataSource sqlite = sqlite("earlier.db");
        earlierLayout(sqlite, "sqlite", null);
        try (Connection c = sqlite.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO instances (id, tenant_id, name, slug, datacenter_id, provider_name,"
                    + " provider_ref, service_refs, region, state, kind, services, endpoints, labels, created_at,"
                    + " updated_at, version) VALUES ('inst_1', 'ten_1', 'n', 's', '', '', '', '[]', '', 'PENDING',"
                    + " 'CONTAINER', '[]', '[]', '{}', 1, 1, 1)");
            s.executeUpdate("INSERT INTO releases (id, tenant_id, instance_id, release_version, services, notes,"
                    + " commit_sha, active, created_at) VALUES ('rel_1', 'ten_1', 'inst_1', 1, '[]', '', '', 1, 1)");
            s.executeUpdate("INSERT INTO deployments (id, tenant_id, instance_id, release_id, state, strategy,"
                    + " services, service_progress, provider_ref, error, initiator, created_at, updated_at, version)"
                    + " VALUES ('dep_1', 'ten_1', 'inst_1', 'rel_1', 'PENDING', 'ROLLING', '[]', '{}', '', '', '',"
                    + " 1, 1, 1)");
        }
        SchemaMigrator store = new SchemaMigrator(sqlite, "sqlite", "SQLite of the earlier layout");
        assertThat(store.standing()).isEqualTo(Standing.BEHIND);

        store.migrate();

        assertUpgraded(sqlite, store, null);
        try (Connection c = sqlite.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, release_id FROM deployments")) {
            assertThat(rs.next()).as("the deployment survived the table's rebuild").isTrue();
            assertThat(rs.getString("release_id")).isEqualTo("rel_1");
        }
    }

    @Test
    void postgresDatabaseOfTheEarlierLayoutIsUpgradedByMigrate(TestDatabase db) throws Exception {
        DataSource postgres = db.dataSource();
        earlierLayout(postgres, "postgresql", "earlier");
        SchemaMigrator store = new SchemaMigrator(postgres, "postgresql", "PostgreSQL of the earlier layout",
                Optional.of("earlier"));
        assertThat(store.standing()).isEqualTo(Standing.BEHIND);

        store.migrate();

        assertUpgraded(postgres, store, "earlier");
    }

    /** What the store's earlier releases did: V1 from its old location, in Flyway's default history table. */
    private static void earlierLayout(DataSource ds, String vendor, String schema) throws IOException {
        Properties types = new Properties();
        try (InputStream in = ApplicationMigrationsTest.class.getClassLoader()
                .getResourceAsStream("dev/ctrlstore/migrations/dialect/" + vendor + ".conf")) {
            types.load(in);
        }
        var flyway = Flyway.configure().configuration(types).dataSource(ds)
                .locations("classpath:dev/ctrlstore/migrations/common").target("1");
        if (schema != null) {
            flyway.schemas(schema).defaultSchema(schema);
        }
        flyway.load().migrate();
    }

    private static void assertUpgraded(DataSource ds, SchemaMigrator store, String schema) throws SQLException {
        assertThat(store.standing()).isEqualTo(Standing.CURRENT);
        String prefix = schema == null ? "" : schema + ".";
        assertThat(versions(ds, prefix + SchemaMigrator.HISTORY_TABLE)).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(tables(ds, schema)).as("the old history, which held only the store's row, is gone")
                .doesNotContain("flyway_schema_history");
    }

    private static DataSource sqlite(String file) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve(file));
        return sqlite;
    }

    private static Set<String> tables(DataSource ds, String schema) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        tables.remove("sqlite_sequence");
        return tables;
    }

    /** The versions in a Flyway history table, in the order they were recorded. */
    private static List<String> versions(DataSource ds, String table) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + table + " WHERE version IS NOT NULL"
                     + " ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
