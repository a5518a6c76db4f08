package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.sqlite.SqliteStore;
import dev.ctrlstore.store.telemetry.Metric;
import dev.ctrlstore.store.telemetry.MetricQuery;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows damaged by hand with plain JDBC, on a real SQLite file and on PostgreSQL: every read of such a row, by key
 * (the prepared hot path) or in a list (jOOQ), fails with a {@link StorageException} naming the table, the column and
 * the row, never with an {@code InvalidArgumentException} and never with a made-up value.
 */
@PostgresTest
class DamagedRowsTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase database;
    @TempDir
    static Path dir;

    @BeforeAll
    static void database(TestDatabase db) {
        database = db;
    }

    @ParameterizedTest(name = "{0}: instances.{1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            sqlite     | state              | exploded                | exploded
            postgresql | state              | exploded                | exploded
            sqlite     | current_release_id | rel_not-a-typeid        | rel_not-a-typeid
            postgresql | current_release_id | rel_not-a-typeid        | rel_not-a-typeid
            sqlite     | labels             | null                    | JSON null
            postgresql | labels             | null                    | JSON null
            sqlite     | services           | '[{"name": '            | ServiceSpec
            postgresql | services           | '[{"name": '            | ServiceSpec
            sqlite     | updated_at         | 2026-03-14 yesterday    | 2026-03-14 yesterday
            """)
    // Unknown enum text, a malformed typed id, JSON null and broken JSON in NOT NULL documents, text in a time
    // column (SQLite only: a TIMESTAMPTZ column refuses text).
    void instanceReadsNameTheDamagedColumn(String backend, String column, String stored, String reason)
            throws SQLException {
        try (Backend b = Backend.open(backend)) {
            Instance instance = b.instance();
            b.damage("update instances set " + column + " = ? where id = ?", stored, instance.id().value());

            String id = instance.id().value();
            b.assertDamaged(() -> b.store.instances().get(instance.tenantId(), instance.id()), "instances", column,
                    id, reason);
            b.assertDamaged(() -> b.store.instances().getBySlug(instance.tenantId(), instance.slug()), "instances",
                    column, id, reason);
            b.assertDamaged(() -> b.store.instances().list(instance.tenantId(), InstanceFilter.all(),
                    PageRequest.first()), "instances", column, id, reason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void otherTablesNameTheirRows(String backend) throws SQLException {
        try (Backend b = Backend.open(backend)) {
            Tenant tenant = b.store.admin().insertTenant(Tenant.builder().name("Zed").slug("zed").build());
            Instance instance = b.instance();
            TenantId owner = instance.tenantId();
            b.store.telemetry().insertMetrics(List.of(Metric.builder().tenantId(owner).instanceId(instance.id())
                    .name("cpu").value(1).timestamp(Instant.parse("2026-03-14T15:09:26Z")).build()));
            b.damage("update tenants set status = ? where id = ?", "zombie", tenant.id().value());
            b.damage("update metrics set labels = ? where tenant_id = ?", "{", owner.value());

            b.assertDamaged(() -> b.store.admin().getTenant(tenant.id()), "tenants", "status", tenant.id().value(),
                    "zombie");
            b.assertDamaged(() -> b.store.admin().getTenantBySlug("zed"), "tenants", "status", tenant.id().value(),
                    "zombie");
            b.assertDamaged(() -> b.store.admin().listTenants(TenantFilter.all(), PageRequest.first()),
                    "tenants", "status", tenant.id().value(), "zombie");
            // Telemetry rows have no id: their seq names them.
            b.assertDamaged(() -> b.store.telemetry().queryMetrics(owner, MetricQuery.all()
                    .withWindow(TimeWindow.latest(10))), "metrics", "labels", "1", "Map");
        }
    }

    @Test
    void textInATimeColumnOfSqlite() throws SQLException {
        try (Backend b = Backend.open("sqlite")) {
            Instance instance = b.instance();
            Domain domain = b.store.network().insertDomain(Domain.builder().tenantId(instance.tenantId())
                    .instanceId(instance.id()).hostname("shop.example").build());
            b.damage("update domains set cert_expires_at = ? where id = ?", "soon", domain.id().value());

            b.assertDamaged(() -> b.store.network().getDomainByHostname(instance.tenantId(), "shop.example"),
                    "domains", "cert_expires_at", domain.id().value(), "soon");
            b.assertDamaged(() -> b.store.network().listDomains(instance.tenantId(), instance.id()),
                    "domains", "cert_expires_at", domain.id().value(), "soon");
        }
    }

    /** One backend's store, and plain JDBC on the same database for the damage. */
    private record Backend(String name, Store store, String url, String user, String password, String schema)
            implements AutoCloseable {

        static Backend open(String name) {
            if (name.equals("sqlite")) {
                Path file = dir.resolve("damaged-" + SCHEMAS.incrementAndGet() + ".db");
                Store store = SqliteStore.builder().path(file).build();
                store.migrate();
                return new Backend(name, store, "jdbc:sqlite:" + file, null, null, null);
            }
            String schema = "damaged_" + SCHEMAS.incrementAndGet();
            Store store = PostgresStore.builder().jdbcUrl(database.jdbcUrl()).user(database.user())
                    .password(database.password()).poolSize(2).schema(schema).build();
            store.migrate();
            return new Backend(name, store, database.jdbcUrl(), database.user(), database.password(), schema);
        }

        Instance instance() {
            return store.instances().insert(Instance.builder().tenantId(TenantId.generate()).name("Shop")
                    .slug("shop").build());
        }

        /** Runs {@code sql} with text parameters, outside the store, and checks it changed a row. */
        void damage(String sql, String... parameters) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                if (schema != null) {
                    c.setSchema(schema);
                }
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < parameters.length; i++) {
                        ps.setString(i + 1, parameters[i]);
                    }
                    assertThat(ps.executeUpdate()).as("rows changed by %s", sql).isPositive();
                }
            }
        }

        void assertDamaged(ThrowingCallable read, String table, String column, String rowId, String reason) {
            assertThatThrownBy(read).as("%s: damaged %s.%s", name, table, column)
                    .isExactlyInstanceOf(StorageException.class)
                    .hasMessageContaining("table " + table + ", column " + column + ", row " + rowId + ":")
                    .hasMessageContaining(reason);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
