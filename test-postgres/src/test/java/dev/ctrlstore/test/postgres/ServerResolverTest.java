package dev.ctrlstore.test.postgres;

import static dev.ctrlstore.test.postgres.PostgresExtensionTest.execute;
import static dev.ctrlstore.test.postgres.PostgresExtensionTest.query;
import static dev.ctrlstore.test.postgres.PostgresExtensionTest.serverOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

@PostgresTest
class ServerResolverTest {

    @Test
    @DisplayName("CTRLSTORE_TEST_PG_URL names the server: source ENVIRONMENT, databases created and dropped, server left running")
    void environmentPath(TestDatabase db) throws Exception {
        String adminUrl = JdbcUrls.withDatabase(db.jdbcUrl(), "postgres");
        TestDatabase created;
        try (PostgresServer server = ServerResolver.resolve(Map.of(
                ServerResolver.URL, adminUrl,
                ServerResolver.USER, db.user(),
                ServerResolver.PASSWORD, db.password()))) {
            assertThat(server.source()).isEqualTo(ServerSource.ENVIRONMENT);
            assertThat(server.version()).matches("\\d+.*");
            created = server.createDatabase();
            assertThat(created.source()).isEqualTo(ServerSource.ENVIRONMENT);
            assertThat(serverOf(created)).isEqualTo(serverOf(db));
            execute(created, "create table t (id int)");
            execute(created, "insert into t values (7)");
            assertThat(query(created, "select id from t")).isEqualTo("7");
            server.dropDatabase(created.databaseName());
        }
        // Closing an environment server leaves it running; the dropped database is gone.
        assertThat(query(db, "select count(*) from pg_database where datname = '" + created.databaseName() + "'"))
                .isEqualTo("0");
    }

    @Test
    @DisplayName("a database dropped while a connection is still open to it is dropped anyway")
    void dropWithOpenConnection(TestDatabase db) throws Exception {
        try (PostgresServer server = ServerResolver.resolve(Map.of(
                ServerResolver.URL, JdbcUrls.withDatabase(db.jdbcUrl(), "postgres"),
                ServerResolver.USER, db.user(),
                ServerResolver.PASSWORD, db.password()))) {
            TestDatabase created = server.createDatabase();
            try (var connection = created.dataSource().getConnection()) {
                server.dropDatabase(created.databaseName());
                assertThat(connection.isValid(2)).isFalse();
            }
            assertThat(query(db, "select count(*) from pg_database where datname = '" + created.databaseName() + "'"))
                    .isEqualTo("0");
        }
    }

    @Test
    @DisplayName("a CTRLSTORE_TEST_PG_URL nothing listens on fails, naming the URL and what to do; no skip, no fallback")
    void unreachableUrlFails() {
        String url = "jdbc:postgresql://127.0.0.1:1/postgres";
        assertThatThrownBy(() -> ServerResolver.resolve(Map.of(ServerResolver.URL, url, ServerResolver.USER, "postgres")))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("CTRLSTORE_TEST_PG_URL=" + url)
                .hasMessageContaining("as user 'postgres'")
                .hasMessageContaining("unset CTRLSTORE_TEST_PG_URL to use Docker or embedded PostgreSQL");
    }

    @Test
    @DisplayName("a CTRLSTORE_TEST_PG_URL that is not a PostgreSQL JDBC URL, or one without a user, fails saying so")
    void malformedEnvironmentFails() {
        assertThatThrownBy(() -> ServerResolver.resolve(Map.of(ServerResolver.URL, "postgres://localhost/x",
                ServerResolver.USER, "postgres")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CTRLSTORE_TEST_PG_URL=postgres://localhost/x is not a PostgreSQL JDBC URL")
                .hasMessageContaining("jdbc:postgresql://host:5432/postgres");
        assertThatThrownBy(() -> ServerResolver.resolve(Map.of(ServerResolver.URL, "jdbc:postgresql://localhost/x?password=pw")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CTRLSTORE_TEST_PG_USER is not")
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("pw&")
                .hasMessageNotContaining("password=pw");
    }

    @Test
    @DisplayName("a user without CREATEDB is refused with the GRANT that fixes it")
    void userWithoutCreatedbRefused(TestDatabase db) throws Exception {
        execute(db, "create role ctrlstore_reader login");
        try {
            assertThatThrownBy(() -> ServerResolver.resolve(Map.of(
                    ServerResolver.URL, JdbcUrls.withDatabase(db.jdbcUrl(), "postgres"),
                    ServerResolver.USER, "ctrlstore_reader")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("user 'ctrlstore_reader' may not create databases")
                    .hasMessageContaining("ALTER ROLE \"ctrlstore_reader\" CREATEDB");
        } finally {
            execute(db, "drop role ctrlstore_reader");
        }
    }

    @Test
    @DisplayName("when nothing works, the message lists what was tried and how to provide a server")
    void noServerMessage() {
        String message = ServerResolver.noServerMessage(List.of("CTRLSTORE_TEST_PG_URL: not set", "Testcontainers: no engine"));
        assertThat(message)
                .contains("no PostgreSQL server for @PostgresTest", "CTRLSTORE_TEST_PG_URL: not set", "Testcontainers: no engine")
                .contains("set CTRLSTORE_TEST_PG_URL=jdbc:postgresql://host:5432/postgres plus CTRLSTORE_TEST_PG_USER and CTRLSTORE_TEST_PG_PASSWORD")
                .contains("or start Docker");
    }

    @Test
    @DisplayName("Docker is asked only where an engine could be: nothing configured is a quick no")
    void dockerEndpoints(@TempDir Path home) throws Exception {
        assertThat(DockerProbe.endpoints(Map.of(), home, List.of(home.resolve("var-run-docker.sock")))).isEmpty();

        assertThat(DockerProbe.endpoints(Map.of("DOCKER_HOST", "tcp://docker:2375"), home, List.of()))
                .containsExactly("DOCKER_HOST=tcp://docker:2375");
        Files.createDirectories(home.resolve(".docker/run"));
        Files.createFile(home.resolve(".docker/run/docker.sock"));
        assertThat(DockerProbe.endpoints(Map.of(), home, List.of()))
                .containsExactly(home.resolve(".docker/run/docker.sock").toString());
    }

    @Test
    @DisplayName("URLs keep hosts and parameters when the database changes")
    void withDatabase() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h:5432/postgres?sslmode=require&user=u", "d"))
                .isEqualTo("jdbc:postgresql://h:5432/d?sslmode=require&user=u");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h1:1,h2:2/postgres", "d")).isEqualTo("jdbc:postgresql://h1:1,h2:2/d");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h/", "d")).isEqualTo("jdbc:postgresql://h/d");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h?ssl=true", "d")).isEqualTo("jdbc:postgresql://h/d?ssl=true");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql:postgres", "d")).isEqualTo("jdbc:postgresql:d");
    }
}
