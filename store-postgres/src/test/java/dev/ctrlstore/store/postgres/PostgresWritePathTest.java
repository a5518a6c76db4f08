package dev.ctrlstore.store.postgres;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.StoreException;
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
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.jooq.Table;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The one write path on PostgreSQL: the commit hook across retries, duplicates found by constraint name whatever
 * language the server writes its messages in, and no driver type escaping any write method.
 */
@PostgresTest
class PostgresWritePathTest {
    private static final SecretCipher CIPHER = AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES]);

    private final List<List<Change>> commits = Collections.synchronizedList(new ArrayList<>());
    private final CommitHook recorder = (operation, changes) -> commits.add(List.copyOf(changes));

    private static SqlStore open(TestDatabase db, String schema, CommitHook hook) {
        PostgresDatabase database = new PostgresDatabase(new PostgresConfig(Optional.of(db.jdbcUrl()),
                Optional.of(db.user()), Optional.of(db.password()), Optional.empty(), 4, Duration.ofSeconds(10),
                Optional.of(schema), 5, Clock.systemUTC(), Optional.of(CIPHER)), hook);
        database.migrate();
        return new SqlStore(database, Clock.systemUTC(), Optional.of(CIPHER)) { };
    }

    private static void sql(TestDatabase db, String schema, String... statements) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    @DisplayName("the backend changes no rows beside SqlSession")
    void backendChangesRowsOnlyThroughTheSession() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ctrlstore.store.postgres");
        assertThat(classes.contain(PostgresDatabase.class)).isTrue();
        WritePathRule.ONE_WRITE_PATH.check(classes);
    }

    @Test
    @DisplayName("a retried write hands the hook only the changes of the attempt that commits")
    void retriedWriteLeaksNothingIntoTheHook(TestDatabase db) throws SQLException {
        try (SqlStore store = open(db, "retried", recorder)) {
            // The first label insert fails as a serialization failure; a sequence is not rolled back, so the
            // second attempt passes.
            sql(db, "retried", "CREATE SEQUENCE attempts",
                    "CREATE FUNCTION fail_first() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            + " IF nextval('retried.attempts') = 1 THEN RAISE EXCEPTION 'injected conflict'"
                            + " USING ERRCODE = 'serialization_failure'; END IF; RETURN NEW; END $$",
                    "CREATE TRIGGER fail_first BEFORE INSERT ON instance_labels FOR EACH ROW"
                            + " EXECUTE FUNCTION fail_first()");
            TenantId tenant = TenantId.generate();

            // slf4j-simple writes to whatever System.err is at the time: the retry's WARN line is caught here.
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream err = System.err;
            Instance stored;
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                stored = store.instances().insert(Instance.builder().tenantId(tenant).name("a").slug("a")
                        .labels(Map.of("team", "x", "tier", "web")).build());
            } finally {
                System.setErr(err);
            }

            assertThat(log.toString(StandardCharsets.UTF_8)).as("one WARN line for the one retry")
                    .containsOnlyOnce("WARN")
                    .containsPattern("instances\\(\\)\\.insert lost to a concurrent transaction \\(SQLSTATE 40001\\),"
                            + " attempt 1 of \\d+; retrying in \\d+ ms");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT last_value FROM retried.attempts")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("one failed label insert, then two that passed").isEqualTo(3);
            }
            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).extracting(c -> c.table().getName(), Change::operation).containsExactly(
                    tuple("instances", Operation.INSERT), tuple("instance_labels", Operation.INSERT),
                    tuple("instance_labels", Operation.INSERT));
            assertThat(commits.get(0).get(0).key().get(INSTANCES.ID)).isEqualTo(stored.id());
            assertThat(store.instances().get(tenant, stored.id())).isEqualTo(stored);
        }
    }

    @Test
    @DisplayName("duplicates are reported on the key's API field, found by constraint name, not message text")
    void duplicatesByConstraintName(TestDatabase db) throws SQLException {
        try (SqlStore store = open(db, "dups", CommitHook.NONE)) {
            TenantId tenant = TenantId.generate();
            Instance first = store.instances().insert(Instance.builder().tenantId(tenant).name("a").slug("a")
                    .build());
            // The hot path lets the unique keys check: the server's own errors, by constraint.
            assertThatThrownBy(() -> store.instances().insert(Instance.builder().tenantId(tenant).name("b")
                    .slug("a").build()))
                    .isInstanceOfSatisfying(AlreadyExistsException.class,
                            e -> assertThat(e.field()).isEqualTo("slug"));
            assertThatThrownBy(() -> store.instances().insert(Instance.builder().id(first.id()).tenantId(tenant)
                    .name("d").slug("other").build()))
                    .isInstanceOfSatisfying(AlreadyExistsException.class,
                            e -> assertThat(e.field()).isEqualTo("id"));

            // A server whose lc_messages is German words the error in German; this machine has no de_DE locale
            // for the server to switch to, so the trigger raises the same error (SQLSTATE 23505 naming the slug
            // key) with German text and a DETAIL that names another column.
            sql(db, "dups", "CREATE FUNCTION german() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION"
                            + " 'doppelter Schlüsselwert verletzt Unique-Constraint »instances_tenant_slug_key«'"
                            + " USING ERRCODE = 'unique_violation', CONSTRAINT = 'instances_tenant_slug_key',"
                            + " DETAIL = 'Schlüssel »(id)=(x)« existiert bereits. Key (id)=(x) already exists.';"
                            + " END $$",
                    "CREATE TRIGGER german BEFORE INSERT ON instances FOR EACH ROW EXECUTE FUNCTION german()");
            assertThatThrownBy(() -> store.instances().insert(Instance.builder().tenantId(tenant).name("c")
                    .slug("c").build()))
                    .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                        assertThat(e.field()).isEqualTo("slug");
                        assertThat(e.value()).isEqualTo("c");
                    });
        }
    }

    @Test
    @DisplayName("every unique index PostgreSQL made from the migrations is a key UniqueKeys finds by its name")
    void everyUniqueIndexIsAKnownKey(TestDatabase db) throws SQLException {
        open(db, "keys", CommitHook.NONE).close();
        List<String> tables = DefaultSchema.DEFAULT_SCHEMA.getTables().stream().map(Table::getName).toList();
        int found = 0;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT i.relname, t.relname, (SELECT string_agg(a.attname, ','"
                     + " ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a"
                     + " ON a.attrelid = t.oid AND a.attnum = k.attnum) FROM pg_index x"
                     + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                     + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE x.indisunique AND n.nspname = 'keys'")) {
            while (rs.next()) {
                String index = rs.getString(1);
                String table = rs.getString(2);
                if (!tables.contains(table)) {
                    continue; // the migration history
                }
                List<String> columns = List.of(rs.getString(3).split(","));
                assertThat(UniqueKeys.byPostgresName(index)).as("%s on %s %s", index, table, columns)
                        .hasValueSatisfying(key -> {
                            assertThat(key.table().getName()).isEqualTo(table);
                            assertThat(key.columns()).isEqualTo(columns);
                        });
                found++;
            }
        }
        assertThat(found).as("unique indexes seen").isEqualTo(UniqueKeys.all().size());
    }

    /** Every table refuses every change with an error of the given SQLSTATE (and constraint). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ERRCODE = 'unique_violation', CONSTRAINT = 'tenants_pkey'",
            "ERRCODE = 'unique_violation', CONSTRAINT = 'not_a_ctrlstore_key'", "ERRCODE = 'XX000'",
            "ERRCODE = 'check_violation'"})
    @DisplayName("every write method, refused by the database, throws only the API's exceptions")
    void everyWriteMethodThrowsOnlyStoreExceptions(String refusal, TestDatabase db) throws SQLException {
        String schema = "refuse_" + Math.abs(refusal.hashCode());
        try (SqlStore store = open(db, schema, recorder)) {
            WriteCalls calls = WriteCalls.seed(store);
            commits.clear();
            List<String> statements = new ArrayList<>();
            statements.add("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " RAISE EXCEPTION 'refused by trigger' USING " + refusal + "; END $$");
            for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
                statements.add("CREATE TRIGGER refuse BEFORE INSERT OR UPDATE OR DELETE ON " + table.getName()
                        + " FOR EACH STATEMENT EXECUTE FUNCTION refuse()");
            }
            sql(db, schema, statements.toArray(String[]::new));

            calls.calls().forEach((name, call) -> assertThatThrownBy(call::run).as(name)
                    .isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(e.getClass().getPackageName()).startsWith("dev.ctrlstore.store")));
            assertThat(commits).as("nothing committed").isEmpty();
        }
    }

    @Test
    @DisplayName("WriteCalls' calls all succeed on a working database")
    void everyWriteMethodSucceedsUnhindered(TestDatabase db) {
        try (SqlStore store = open(db, "working", CommitHook.NONE)) {
            WriteCalls calls = WriteCalls.seed(store);
            assertThat(calls.calls().keySet()).containsExactlyInAnyOrderElementsOf(WriteCalls.apiWriteMethods());
            calls.calls().forEach((name, call) -> call.run());
        }
    }
}
