package dev.ctrlstore.replication.process;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.health.CheckType;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.Route;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process tests' own tools, checked before they are trusted: the row digest sees a one-value difference, the
 * ledger model cascades deletes as the schema does, a child JVM can be started and killed, and the test's own
 * PostgreSQL keeps its data and port across a stop.
 */
class ProcessHarnessTest {

    @TempDir
    Path dir;

    @Test
    void theDigestSeesOneChangedValueAndNamesItsRow() throws Exception {
        Path file = dir.resolve("store.db");
        Instance instance;
        try (SqliteStore store = SqliteStore.builder().path(file).build()) {
            store.migrate();
            TenantId tenant = store.admin().insertTenant(Tenant.builder().name("t").slug("t").build()).id();
            instance = store.instances().insert(Instance.builder().tenantId(tenant).name("a").slug("a")
                    .providerName("docker").region("eu-1").state(InstanceState.RUNNING).build());
        }
        Rows before = Databases.readSqlite(file, Rows::read);
        assertThat(before.differences(Databases.readSqlite(file, Rows::read), "first", "second")).isEmpty();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE instances SET updated_at = updated_at + 1 WHERE id = '" + instance.id().value() + "'");
        }
        String differences = before.differences(Databases.readSqlite(file, Rows::read), "before", "after");

        assertThat(differences).startsWith("1 rows differ").contains("instances [\"" + instance.id().value() + "\"]")
                .contains("updated_at=");
    }

    @Test
    void theModelCascadesADeleteAsTheSchemaDoes() throws Exception {
        Path file = dir.resolve("store.db");
        try (SqliteStore store = SqliteStore.builder().path(file).build()) {
            store.migrate();
            TenantId tenant = store.admin().insertTenant(Tenant.builder().name("t").slug("t").build()).id();
            Instance doomed = null;
            for (int i = 0; i < 2; i++) {
                Instance app = store.instances().insert(Instance.builder().tenantId(tenant).name("a" + i).slug("a" + i)
                        .providerName("docker").region("eu-1").state(InstanceState.RUNNING)
                        .labels(Map.of("team", "t" + i, "tier", "web")).build());
                store.health().insertCheck(HealthCheck.builder().tenantId(tenant).instanceId(app.id()).name("c")
                        .type(CheckType.TCP).build());
                Domain domain = store.network().insertDomain(Domain.builder().tenantId(tenant).instanceId(app.id())
                        .hostname("h" + i + ".example.com").build());
                store.network().insertCertificate(Certificate.builder().tenantId(tenant).domainId(domain.id())
                        .issuer("le").expiresAt(Instant.ofEpochSecond(1_900_000_000L)).build());
                store.network().insertRoute(Route.builder().tenantId(tenant).instanceId(app.id()).path("/").port(80)
                        .build());
                doomed = app;
            }
            LedgerModel model = new LedgerModel();
            model.apply(new LedgerEntry(1, Instant.now(), 5, "copy", upsertsOf(file)));
            assertThat(model.rows().differences(Databases.readSqlite(file, Rows::read), "model", "store")).isEmpty();

            store.instances().delete(tenant, doomed.id());
            model.apply(new LedgerEntry(2, Instant.now(), 5, "instances().delete",
                    List.of(new LedgerChange.Delete("instances", Map.of("id", doomed.id().value())))));

            Rows stored = Databases.readSqlite(file, Rows::read);
            assertThat(model.rows().differences(stored, "model", "store")).isEmpty();
            assertThat(stored.counts()).contains("instances=1", "instance_labels=2", "domains=1", "certificates=1",
                    "routes=1", "health_checks=1");
        }
    }

    @Test
    void theModelRefusesAGapAndAnUnreplicatedTable() {
        LedgerModel model = new LedgerModel();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.apply(new LedgerEntry(2, Instant.now(), 5, "x",
                List.of()))).hasMessageContaining("after seq 0 came seq 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.apply(new LedgerEntry(1, Instant.now(), 5,
                "secrets().insert", List.of(new LedgerChange.Upsert("secrets", Map.of("id", "x"))))))
                .hasMessageContaining("secrets, which is never replicated");
    }

    @Test
    void aChildJvmPrintsItsLinesAndDiesOnSigkill() throws Exception {
        try (ChildJvm child = ChildJvm.start("sleeper", Sleeper.class, dir, List.of("60000"))) {
            assertThat(child.awaitLineStartingWith("PID ", Duration.ofSeconds(30)))
                    .isEqualTo(Long.toString(child.pid()));
            child.kill();
            assertThat(child.isAlive()).isFalse();
        }
        try (ChildJvm polite = ChildJvm.start("polite", Sleeper.class, dir, List.of("60000"))) {
            polite.awaitLineStartingWith("PID ", Duration.ofSeconds(30));
            assertThat(polite.stop(Duration.ofSeconds(30))).as(polite::describe).isZero();
        }
    }

    @Test
    void theOwnServerKeepsItsDataAndPortAcrossAStop() throws Exception {
        try (OwnPostgres postgres = OwnPostgres.start(dir.resolve("pg"));
             PostgresStore store = PostgresStore.builder().jdbcUrl(postgres.jdbcUrl()).user(postgres.user())
                     .connectionTimeout(Duration.ofSeconds(2)).build()) {
            store.migrate();
            TenantId tenant = store.admin().insertTenant(Tenant.builder().name("t").slug("kept").build()).id();

            postgres.stop();
            postgres.start();

            assertThat(store.admin().getTenant(tenant).slug()).isEqualTo("kept");
        }
    }

    /** Every row of every replicated table of an SQLite store, as upserts (parents before children). */
    private static List<LedgerChange> upsertsOf(Path file) throws Exception {
        return Databases.readSqlite(file, ctx -> {
            List<LedgerChange> changes = new ArrayList<>();
            for (Table<?> table : Rows.REPLICATED) {
                for (Record record : ctx.selectFrom(table).fetch()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (Field<?> field : table.fields()) {
                        row.put(field.getName(), Rows.databaseValue(field, record.get(field)));
                    }
                    changes.add(new LedgerChange.Upsert(table.getName(), row));
                }
            }
            assertThat(changes).anyMatch(c -> c instanceof LedgerChange.Upsert u && u.table().equals(INSTANCES.getName()));
            return changes;
        });
    }

    /** Prints its pid, then waits for stdin to close (or the given milliseconds). */
    public static final class Sleeper {
        public static void main(String[] args) throws Exception {
            System.out.println("PID " + ProcessHandle.current().pid());
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    System.in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException e) {
                    // stdin gone: stop as if closed.
                }
                System.exit(0);
            });
            Thread.sleep(Long.parseLong(args[0]));
        }
    }
}
