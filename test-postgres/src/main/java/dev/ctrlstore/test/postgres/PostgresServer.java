package dev.ctrlstore.test.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server of a test run, reached through an admin database from which its user may
 * {@code CREATE DATABASE}. Closing it stops what the run started (container, embedded process) and leaves an
 * external server running.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String NAME_PREFIX = "ctrlstore_";
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]{0,29}");
    private static final Driver DRIVER = new Driver();
    private static final String RUN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final ServerSource source;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String version;
    private final int versionNumber;
    private final Stopper stopper;
    private final String run;
    private final AtomicInteger counter = new AtomicInteger();

    private PostgresServer(ServerSource source, String adminUrl, String user, String password, String version,
            int versionNumber, Stopper stopper) {
        this.source = source;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.version = version;
        this.versionNumber = versionNumber;
        this.stopper = stopper;
        this.run = randomRunId();
    }

    /**
     * Connects to the admin database, reads the server version and checks that the user may create databases.
     *
     * @param stopper stops the server when the run ends; {@code null} for a server the run did not start
     * @throws SQLException when the server cannot be reached or the user lacks CREATEDB (SQLState 42501)
     */
    static PostgresServer connect(ServerSource source, String adminUrl, String user, String password,
            Stopper stopper) throws SQLException {
        try (Connection connection = open(adminUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_setting('server_version'),"
                     + " current_setting('server_version_num')::int,"
                     + " (select rolsuper or rolcreatedb from pg_roles where rolname = current_user)")) {
            rs.next();
            if (!rs.getBoolean(3)) {
                throw new SQLException("user '" + user + "' may not create databases; grant it with ALTER ROLE \""
                        + user + "\" CREATEDB, or connect as a superuser", "42501");
            }
            return new PostgresServer(source, adminUrl, user, password, rs.getString(1), rs.getInt(2), stopper);
        }
    }

    ServerSource source() {
        return source;
    }

    String adminUrl() {
        return adminUrl;
    }

    String version() {
        return version;
    }

    /** E.g. {@code EMBEDDED PostgreSQL 18.1 at jdbc:postgresql://localhost:5432/postgres}. */
    String describe() {
        return source + " PostgreSQL " + version + " at " + JdbcUrls.redact(adminUrl);
    }

    /** Whether closing stops the server: the run started it (container, embedded process). */
    boolean startedByRun() {
        return stopper != null;
    }

    /** Creates a new, empty database named {@code ctrlstore_test_<n>_<run>} and returns how to reach it. */
    TestDatabase createDatabase() {
        return createDatabase("test");
    }

    /**
     * Creates a new, empty database named {@code ctrlstore_<label>_<n>_<run>} and returns how to reach it.
     *
     * @param label a lower-case word, {@code [a-z][a-z0-9_]*}, at most 30 characters
     */
    TestDatabase createDatabase(String label) {
        String name = NAME_PREFIX + checkLabel(label) + "_" + counter.incrementAndGet() + "_" + run;
        try (Connection connection = open(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quote(name));
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + describe() + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + "); check that user '" + user
                    + "' may still create databases and that the server has room for one more", e);
        }
        LOG.debug("created test database {} on {}", name, describe());
        return new TestDatabase(JdbcUrls.withDatabase(adminUrl, name), user, password, name, source);
    }

    /** Returns {@code label} if it fits a database name, else says why not. */
    static String checkLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a database label must be a lower-case word of at most 30 characters"
                    + " ([a-z][a-z0-9_]*), as it goes into the database name " + NAME_PREFIX + "<label>_<n>_<run>;"
                    + " got " + (label == null ? "null" : '"' + label + '"'));
        }
        return label;
    }

    /** Drops a database, ending any sessions still connected to it first. */
    void dropDatabase(String name) {
        try (Connection connection = open(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            if (versionNumber >= 130_000) {
                statement.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            } else {
                try (PreparedStatement terminate = connection.prepareStatement("select pg_terminate_backend(pid)"
                        + " from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
                    terminate.setString(1, name);
                    terminate.execute();
                }
                statement.execute("DROP DATABASE IF EXISTS " + quote(name));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name + " on " + describe() + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + "); drop it by hand: DROP DATABASE "
                    + quote(name), e);
        }
        LOG.debug("dropped test database {} on {}", name, describe());
    }

    /** Stops the container or embedded process the run started; an external server is left alone. */
    @Override
    public void close() {
        if (stopper != null) {
            LOG.debug("stopping {}", describe());
            try {
                stopper.stop();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop " + describe() + ": " + e
                        + "; a leftover process or container may need stopping by hand", e);
            }
        }
    }

    /** Stops a server the run started. */
    @FunctionalInterface
    interface Stopper {
        void stop() throws Exception;
    }

    static Connection open(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "ctrlstore-test-postgres");
        // The driver itself rather than DriverManager: no dependence on which class loader registered it.
        Connection connection = DRIVER.connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL (expected " + JdbcUrls.PREFIX
                    + "//host:5432/database): " + JdbcUrls.redact(url), "08001");
        }
        return connection;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String randomRunId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            id.append(RUN_ALPHABET.charAt(random.nextInt(RUN_ALPHABET.length())));
        }
        return id.toString().toLowerCase(Locale.ROOT);
    }
}
