package dev.ctrlstore.test.postgres;

import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One database created for one test class on the run's PostgreSQL server; the owner is {@link #user()}, who may do
 * anything in it. It is dropped after the class, also while connections to it are still open.
 *
 * @param jdbcUrl      the {@code jdbc:postgresql:} URL of this database
 * @param user         the user to connect as
 * @param password     that user's password; empty when the server trusts local connections (embedded)
 * @param databaseName the database's name, {@code ctrlstore_test_<n>_<run>}
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
