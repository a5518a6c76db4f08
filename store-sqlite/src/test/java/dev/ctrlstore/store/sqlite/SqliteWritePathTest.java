package dev.ctrlstore.store.sqlite;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.jooq.DefaultSchema;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.secret.SecretCipher;
import dev.ctrlstore.store.sql.Change;
import dev.ctrlstore.store.sql.Change.Operation;
import dev.ctrlstore.store.sql.CommitHook;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.UniqueKeys;
import dev.ctrlstore.store.sql.WriteCalls;
import dev.ctrlstore.store.sql.WritePathRule;
import dev.ctrlstore.store.telemetry.Metric;
import org.jooq.Table;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;
import static dev.ctrlstore.store.jooq.Tables.INSTANCE_LABELS;
import static dev.ctrlstore.store.jooq.Tables.METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The one write path on SQLite: the commit hook, failures that never leak driver types, batches of any size. */
class SqliteWritePathTest {
    private static final SecretCipher CIPHER = AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES]);

    @TempDir
    Path dir;

    private final List<List<Change>> commits = new ArrayList<>();
    private final CommitHook recorder = (operation, changes) -> commits.add(List.copyOf(changes));

    private SqlStore open(String name, CommitHook hook) {
        SqliteDatabase db = new SqliteDatabase(new SqliteConfig(dir.resolve(name), false, 2, Duration.ofSeconds(2),
                Clock.systemUTC(), Optional.of(CIPHER)), hook);
        db.migrate();
        return new SqlStore(db, Clock.systemUTC(), Optional.of(CIPHER)) { };
    }

    @Test
    @DisplayName("the backend changes no rows beside SqlSession")
    void backendChangesRowsOnlyThroughTheSession() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ctrlstore.store.sqlite");
        assertThat(classes.contain(SqliteDatabase.class)).isTrue();
        WritePathRule.ONE_WRITE_PATH.check(classes);
    }

    @Test
    @DisplayName("the commit hook sees each write's row changes once, in order, and nothing of a failed write")
    void hookSeesEveryChangeOfACommittedWrite() {
        try (SqlStore store = open("hook.db", recorder)) {
            TenantId tenant = TenantId.generate();
            Instance stored = store.instances().insert(Instance.builder().tenantId(tenant).name("a").slug("a")
                    .labels(Map.of("team", "x", "tier", "web")).build());
            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).extracting(c -> c.table().getName(), Change::operation).containsExactly(
                    tuple("instances", Operation.INSERT), tuple("instance_labels", Operation.INSERT),
                    tuple("instance_labels", Operation.INSERT));
            assertThat(commits.get(0).get(0).key().get(INSTANCES.ID)).isEqualTo(stored.id());
            assertThat(commits.get(0).get(0).row().get(INSTANCES.SLUG)).isEqualTo("a");

            store.instances().update(stored.toBuilder().labels(Map.of("team", "y")).build());
            assertThat(commits.get(1)).extracting(c -> c.table().getName(), Change::operation).containsExactly(
                    tuple("instances", Operation.UPDATE), tuple("instance_labels", Operation.DELETE),
                    tuple("instance_labels", Operation.DELETE), tuple("instance_labels", Operation.INSERT));
            assertThat(commits.get(1).get(0).row().get(INSTANCES.VERSION)).isEqualTo(2L);
            assertThat(commits.get(1).get(3).row().get(INSTANCE_LABELS.LABEL_VALUE)).isEqualTo("y");

            InstanceId missing = InstanceId.generate();
            assertThatThrownBy(() -> store.instances().delete(tenant, missing)).isInstanceOf(NotFoundException.class);
            assertThat(commits).as("a write that threw commits nothing and reports nothing").hasSize(2);

            store.instances().delete(tenant, stored.id());
            assertThat(commits.get(2)).singleElement().satisfies(c -> {
                assertThat(c.operation()).isEqualTo(Operation.DELETE);
                assertThat(c.key().get(INSTANCES.ID)).isEqualTo(stored.id());
                assertThat(c.row().get(INSTANCES.TENANT_ID)).isEqualTo(tenant);
            });

            store.telemetry().insertMetrics(metrics(tenant, 300, Instant.parse("2020-01-01T00:00:00Z")));
            assertThat(commits.get(3)).hasSize(300).allSatisfy(c -> {
                assertThat(c.operation()).isEqualTo(Operation.INSERT);
                assertThat(c.key()).as("seq is the database's").isNull();
            });
            store.telemetry().purgeBefore(tenant, Instant.parse("2021-01-01T00:00:00Z"));
            assertThat(commits.get(4)).extracting(Change::operation).containsOnly(Operation.PURGE);
            assertThat(commits).hasSize(5);
        }
    }

    @Test
    @DisplayName("a hook that throws rolls its transaction back")
    void hookFailureRollsBack() {
        CommitHook refusing = (operation, changes) -> {
            throw new IllegalStateException("ledger refused " + operation);
        };
        try (SqlStore store = open("refusing.db", refusing)) {
            TenantId tenant = TenantId.generate();
            assertThatThrownBy(() -> store.instances().insert(Instance.builder().tenantId(tenant).name("a").slug("a")
                    .build())).isInstanceOf(StoreException.class).hasMessageContaining("ledger refused");
            assertThat(store.instances().count(tenant)).isZero();
        }
    }

    @Test
    @DisplayName("WriteCalls covers every write method of the API, and each succeeds on a working file")
    void everyWriteMethodSucceedsUnhindered() {
        try (SqlStore store = open("working.db", CommitHook.NONE)) {
            WriteCalls calls = WriteCalls.seed(store);
            assertThat(calls.calls().keySet()).containsExactlyInAnyOrderElementsOf(WriteCalls.apiWriteMethods());
            calls.calls().forEach((name, call) -> call.run());
        }
    }

    /**
     * Every table refuses every change through a trigger: by {@code RAISE}, by a duplicate in a table the schema
     * does not know, or by a duplicate of a real key (the tenants' primary key) that the write never meant to touch.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SELECT RAISE(ABORT, 'refused by trigger')", "INSERT INTO probe VALUES (1)",
            "INSERT INTO tenants SELECT * FROM tenants LIMIT 1"})
    @DisplayName("every write method, refused by the database, throws only the API's exceptions")
    void everyWriteMethodThrowsOnlyStoreExceptions(String refusal) throws SQLException {
        Path file = dir.resolve("refusing.db");
        try (SqlStore store = open("refusing.db", recorder)) {
            WriteCalls calls = WriteCalls.seed(store);
            commits.clear();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE probe (k INTEGER PRIMARY KEY)");
                s.execute("INSERT INTO probe VALUES (1)");
                for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
                    for (String op : List.of("INSERT", "UPDATE", "DELETE")) {
                        s.execute("CREATE TRIGGER refuse_" + table.getName() + "_" + op + " BEFORE " + op + " ON "
                                + table.getName() + " BEGIN " + refusal + "; END");
                    }
                }
            }
            calls.calls().forEach((name, call) -> assertThatThrownBy(call::run).as(name)
                    .isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(e.getClass().getPackageName()).startsWith("dev.ctrlstore.store")));
            assertThat(commits).as("nothing committed").isEmpty();
        }
    }

    @Test
    @DisplayName("every unique index SQLite made from the migrations is a key UniqueKeys finds by its columns")
    void everyUniqueIndexIsAKnownKey() throws SQLException {
        Path file = dir.resolve("keys.db");
        open("keys.db", CommitHook.NONE).close();
        int found = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
                List<String> unique = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("PRAGMA index_list(" + table.getName() + ")")) {
                    while (rs.next()) {
                        if (rs.getBoolean("unique")) {
                            unique.add(rs.getString("name"));
                        }
                    }
                }
                for (String index : unique) {
                    List<String> columns = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery("PRAGMA index_info(" + index + ")")) {
                        while (rs.next()) {
                            columns.add(rs.getString("name"));
                        }
                    }
                    // Replication bookkeeping (ledger_head, ledger, ldb_position) is never written through the API;
                    // the control tables' keys are reported by the control store itself.
                    boolean bookkeeping = List.of("ledger_head", "ledger", "ldb_position").contains(table.getName())
                            || table.getName().startsWith("control_");
                    assertThat(UniqueKeys.byColumns(table.getName(), columns)).as("%s %s", index, columns)
                            .hasValueSatisfying(key -> assertThat(key.field() != null).isNotEqualTo(bookkeeping));
                    found++;
                }
            }
        }
        assertThat(found).as("unique indexes seen").isGreaterThan(15);
    }

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {1, 127, 128, 129, 1_000, 5_000})
    @DisplayName("a metrics batch of any size stores exactly the values given")
    void batchesOfAnySizeStoreExactValues(int rows) throws SQLException {
        Path file = dir.resolve("batch.db");
        TenantId tenant = TenantId.generate();
        List<Metric> given = metrics(tenant, rows, Instant.parse("2026-03-14T15:09:26.535897Z"));
        try (SqlStore store = open("batch.db", CommitHook.NONE)) {
            store.telemetry().insertMetrics(given);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, metric_value, labels, recorded_at FROM "
                     + METRICS.getName() + " ORDER BY seq")) {
            for (Metric m : given) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(m.name());
                assertThat(Double.doubleToRawLongBits(rs.getDouble(2))).as("value of %s", m.name())
                        .isEqualTo(Double.doubleToRawLongBits(m.value()));
                assertThat(rs.getString(3)).contains(m.labels().get("note"));
                assertThat(rs.getLong(4)).isEqualTo(m.timestamp().getEpochSecond() * 1_000_000
                        + m.timestamp().getNano() / 1_000);
            }
            assertThat(rs.next()).isFalse();
        }
    }

    /** Values whose SQL literals would not read back exactly, and text that needs quoting. */
    private static List<Metric> metrics(TenantId tenant, int n, Instant at) {
        double[] awkward = {Double.MIN_VALUE, 0.1, 1e-310, Double.MAX_VALUE, 123456789.123456789, -7.0E-5};
        InstanceId instance = InstanceId.generate();
        List<Metric> metrics = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            metrics.add(Metric.builder().tenantId(tenant).instanceId(instance).name("m'" + i + " ünï")
                    .value(awkward[i % awkward.length]).labels(Map.of("note", "it's " + i + " ünï"))
                    .timestamp(at.plusNanos(1_000L * i)).build());
        }
        return metrics;
    }
}
