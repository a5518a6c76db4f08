package dev.ctrlstore.test.postgres;

import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One database created for one test class on the run's PostgreSQL server; the owner is {@link #user()}, who may do
 * anything in it. It is dropped after the class, also while connections to it are still open. Code outside JUnit
 * gets one from {@link #create(String)}.
 *
 * @param jdbcUrl      the {@code jdbc:postgresql:} URL of this database
 * @param user         the user to connect as
 * @param password     that user's password; empty when the server trusts local connections (embedded)
 * @param databaseName the database's name, {@code ctrlstore_test_<n>_<run>} ({@code ctrlstore_<label>_<n>_<run>}
 *                     from {@link #create(String)})
 * @param source       where the server came from
 */
public record TestDatabase(String jdbcUrl, String user, String password, String databaseName, ServerSource source) {

    /** Checks that no component is null. */
    public TestDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A fresh database for code outside JUnit — a benchmark, a tool, a {@code main} method — on the server that
     * {@link PostgresTest} would use, found the same way: {@code CTRLSTORE_TEST_PG_URL}, else Testcontainers when
     * Docker answers, else embedded PostgreSQL (see {@link PostgresExtension}). The server is resolved on the first
     * call and shared by every later call in this JVM; each call creates a new database
     * {@code ctrlstore_<label>_<n>_<run>}. When the JVM exits, a shutdown hook stops a server this JVM started
     * (container, embedded process) and drops the databases made here on a server from the environment, which
     * stays up. A JVM killed outright leaves those databases behind on such a server.
     *
     * <p>In a {@code @PostgresTest} class take a {@code TestDatabase} parameter instead: the extension keeps its own
     * server, stopped when the test run ends.
     *
     * <pre>{@code
     * TestDatabase db = TestDatabase.create("bench");
     * try (Connection c = db.dataSource().getConnection()) { ... }
     * }</pre>
     *
     * @param label a lower-case word naming the user of the database, {@code [a-z][a-z0-9_]*}, at most 30
     *              characters, e.g. {@code "bench"}
     * @return the new database, its owner the server's user
     * @throws IllegalArgumentException when the label does not fit a database name
     * @throws IllegalStateException    when no server can be found (listing what was tried; the same failure is
     *                                  thrown again by later calls) or the database cannot be created
     */
    public static TestDatabase create(String label) {
        // Checked first: a typo should not cost starting a server.
        return JvmDatabases.jvm().create(PostgresServer.checkLabel(label));
    }

    /**
     * A new, unpooled data source for this database: every {@code getConnection()} opens a new connection, which the
     * caller closes. Wrap it in a pool of your own if the code under test expects one.
     *
     * @return a {@link PGSimpleDataSource} with this database's URL, user and password
     */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Names the database, URL, user and source; never the password. */
    @Override
    public String toString() {
        return "TestDatabase[" + databaseName + " at " + JdbcUrls.redact(jdbcUrl) + ", user " + user + ", " + source + "]";
    }
}
