package dev.ctrlstore.test.postgres;

import static dev.ctrlstore.test.postgres.PostgresExtensionTest.execute;
import static dev.ctrlstore.test.postgres.PostgresExtensionTest.query;
import static dev.ctrlstore.test.postgres.PostgresExtensionTest.runOf;
import static dev.ctrlstore.test.postgres.PostgresExtensionTest.serverOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@PostgresTest
class TestDatabaseCreateTest {

    @Test
    @DisplayName("create(label) gives a fresh, usable database named after the label; later calls share the server")
    void createsUsableDatabases() throws SQLException {
        TestDatabase first = TestDatabase.create("unit");
        TestDatabase second = TestDatabase.create("unit");

        assertThat(first.databaseName()).matches("ctrlstore_unit_\\d+_[a-z0-9]{5}");
        assertThat(second.databaseName()).isNotEqualTo(first.databaseName());
        assertThat(serverOf(second)).isEqualTo(serverOf(first));
        assertThat(runOf(second)).isEqualTo(runOf(first));
        assertThat(query(first, "select current_database()")).isEqualTo(first.databaseName());
        execute(first, "create table t (id int primary key)");
        execute(first, "insert into t values (42)");
        assertThat(query(first, "select id from t")).isEqualTo("42");
        assertThat(query(second, "select count(*) from information_schema.tables where table_name = 't'"))
                .isEqualTo("0");
    }

    @Test
    @DisplayName("a label that cannot go into a database name is refused, saying what fits")
    void badLabelRefused() {
        assertThatThrownBy(() -> TestDatabase.create("Bench-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a-z][a-z0-9_]*")
                .hasMessageContaining("\"Bench-1\"");
        assertThatThrownBy(() -> TestDatabase.create("a".repeat(31))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("closing drops the databases made on a server from the environment and leaves the server up")
    void closeDropsDatabasesOnAnEnvironmentServer(TestDatabase db) throws SQLException {
        JvmDatabases databases = new JvmDatabases(ServerResolver.resolve(environment(db)));
        TestDatabase made = databases.create("closing");
        execute(made, "create table t (id int)");

        databases.close();

        assertThat(query(db, "select count(*) from pg_database where datname = '" + made.databaseName() + "'"))
                .isEqualTo("0");
        assertThat(query(db, "select 1")).isEqualTo("1");
    }

    @Test
    @DisplayName("a JVM that used create(label) drops its databases when it exits")
    void databasesDroppedWhenTheJvmExits(TestDatabase db) throws Exception {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CreateAndExit.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        child.environment().putAll(environment(db));
        Process process = child.start();
        String name = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM exited").isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(name).matches("ctrlstore_child_\\d+_[a-z0-9]{5}");
        assertThat(query(db, "select count(*) from pg_database where datname = '" + name + "'")).isEqualTo("0");
    }

    /** The class's own server, named as CTRLSTORE_TEST_PG_URL would name an external one. */
    private static Map<String, String> environment(TestDatabase db) {
        return Map.of(ServerResolver.URL, JdbcUrls.withDatabase(db.jdbcUrl(), "postgres"),
                ServerResolver.USER, db.user(), ServerResolver.PASSWORD, db.password());
    }

    /** The child JVM: makes a database, proves it exists, prints its name and exits. */
    static final class CreateAndExit {
        public static void main(String[] args) throws IOException, SQLException {
            TestDatabase db = TestDatabase.create("child");
            if (!db.databaseName().equals(query(db, "select current_database()"))) {
                System.exit(1);
            }
            System.out.println(db.databaseName());
        }
    }
}
