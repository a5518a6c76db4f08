package dev.ctrlstore.replication.reflector;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerHead;
import dev.ctrlstore.store.sql.ledger.LedgerQueries;
import dev.ctrlstore.store.sql.ledger.LedgerSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Reads a center's ledger over JDBC: its PostgreSQL primary or a read replica (a physical standby keeps the commit
 * order), or a SQLite center's file. Connects lazily on the first call and again after a failure; while the center
 * cannot be reached every call throws {@link StoreUnavailableException}, so a reflector keeps serving its LDB and
 * retries.
 *
 * <p>On PostgreSQL, with {@link Builder#listen(boolean) listen} on (the default), the connection {@code LISTEN}s on
 * {@value #CHANNEL}, where the center sends a coalesced notification after its commits, and {@link #awaitAppend}
 * returns as soon as one arrives. Notifications are hints: lost ones (and standbys, which deliver none) cost at most
 * one poll interval. A source without notifications sleeps in {@code awaitAppend}.
 *
 * <pre>{@code
 * JdbcLedgerSource.builder().jdbcUrl("jdbc:postgresql://db:5432/ctrl").user("reflector").password(pw).build()
 * }</pre>
 *
 * Used from one thread at a time, as the reflector does.
 */
public final class JdbcLedgerSource implements LedgerSource {
    /** The notification channel a center sends its ledger hints on. */
    public static final String CHANNEL = "ctrlstore_ledger";
    /** How long a blocking wait runs before it looks at the interrupt flag again: what close() waits at most. */
    private static final long WAIT_SLICE_MILLIS = 50;

    private final String jdbcUrl;
    /** The URL without its parameters, which may hold a password: what messages show. */
    private final String shown;
    private final String schema;
    private final String user;
    private final String password;
    private final boolean listen;
    private final boolean awaitFlush;
    private final Duration timeout;
    private final boolean postgres;
    private Connection connection;
    private boolean listening;
    private boolean closed;

    private JdbcLedgerSource(Builder b) {
        this.jdbcUrl = b.jdbcUrl;
        this.shown = b.jdbcUrl.contains("?") ? b.jdbcUrl.substring(0, b.jdbcUrl.indexOf('?')) : b.jdbcUrl;
        this.schema = b.schema;
        this.user = b.user;
        this.password = b.password;
        this.listen = b.listen;
        this.awaitFlush = b.awaitFlush;
        this.timeout = b.timeout;
        this.postgres = b.jdbcUrl.startsWith("jdbc:postgresql:");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public LedgerHead head() {
        try {
            return LedgerQueries.head(connection());
        } catch (SQLException e) {
            throw unavailable("reading the ledger head", e);
        }
    }

    @Override
    public List<LedgerEntry> read(long afterSeq, int max) {
        List<LedgerEntry> entries;
        try {
            Connection c = connection();
            entries = LedgerQueries.read(c, afterSeq, max);
            // A GROUP_COMMIT center shows an entry a moment before it is durable: applying it then could put the
            // LDB ahead of the center after a crash of the center.
            if (!entries.isEmpty() && awaitFlush && !LedgerQueries.awaitFlushed(c, timeout.toMillis())) {
                throw new StoreUnavailableException("ledger source " + shown + ": the center's WAL was not flushed"
                        + " within " + timeout.toMillis() + " ms of reading entries " + entries.getFirst().seq()
                        + ".." + entries.getLast().seq() + "; not applying them yet, retrying", null);
            }
        } catch (SQLException e) {
            throw unavailable("reading the ledger after seq " + afterSeq, e);
        }
        return entries;
    }

    @Override
    public void awaitAppend(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        if (!listening) {
            Thread.sleep(wait);
            return;
        }
        try {
            for (long left = wait.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("waiting for a ledger notification");
                }
                if (Notifications.await(connection, Math.min(left, WAIT_SLICE_MILLIS))) {
                    return;
                }
            }
        } catch (SQLException e) {
            // A broken connection is found (and reported) by the next read; hints are optional.
            disconnect();
            long left = deadline - System.nanoTime();
            if (left > 0) {
                Thread.sleep(Duration.ofNanos(left));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnect();
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("ledger source " + shown + " is closed");
        }
        if (connection == null) {
            Properties props = new Properties();
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            if (postgres) {
                long seconds = Math.max(1, timeout.toSeconds());
                props.setProperty("connectTimeout", Long.toString(seconds));
                props.setProperty("socketTimeout", Long.toString(seconds));
                props.setProperty("loginTimeout", Long.toString(seconds));
                props.setProperty("tcpKeepAlive", "true");
                props.setProperty("ApplicationName", "ctrlstore reflector");
            }
            Connection c = DriverManager.getConnection(jdbcUrl, props);
            try {
                c.setAutoCommit(true); // every read its own snapshot: no transaction held between polls
                if (schema != null) {
                    c.setSchema(schema);
                }
                if (postgres && listen) {
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN " + CHANNEL);
                    }
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
            listening = postgres && listen;
        }
        return connection;
    }

    private StoreUnavailableException unavailable(String doing, SQLException e) {
        disconnect();
        return new StoreUnavailableException("ledger source " + shown + ": " + doing + " failed (" + e.getMessage()
                + "); the center is unreachable or refused the connection, retrying", e);
    }

    private void disconnect() {
        listening = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Already broken: nothing to release.
            }
            connection = null;
        }
    }

    /** PostgreSQL's notifications; a class of its own so that the driver is loaded only for a PostgreSQL source. */
    private static final class Notifications {
        static boolean await(Connection c, long millis) throws SQLException {
            org.postgresql.PGNotification[] received = c.unwrap(org.postgresql.PGConnection.class)
                    .getNotifications((int) Math.max(1, millis));
            return received != null && received.length > 0;
        }
    }

    /** Settings of a {@link JdbcLedgerSource}; only {@link #jdbcUrl} is required. Not thread-safe. */
    public static final class Builder {
        private String jdbcUrl;
        private String user;
        private String password;
        private String schema;
        private boolean listen = true;
        private boolean awaitFlush = true;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The center's JDBC URL ({@code jdbc:postgresql:…}, or {@code jdbc:sqlite:…} for a SQLite center). Required. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = Checks.notNull(jdbcUrl, "jdbcUrl");
            return this;
        }

        /** The database user. Default: none (the URL's or the driver's). */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The user's password. Default: none. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** The database schema that holds the center's tables. Default: the connection's (PostgreSQL's search path). */
        public Builder schema(String schema) {
            this.schema = Checks.notNull(schema, "schema");
            return this;
        }

        /** Whether to LISTEN for the center's hints (PostgreSQL primaries; standbys deliver none). Default: true. */
        public Builder listen(boolean listen) {
            this.listen = listen;
            return this;
        }

        /**
         * Whether entries read from a PostgreSQL primary are returned only once the center's WAL is flushed past
         * them (one more round trip per non-empty read). Needed for a center in {@code GROUP_COMMIT} mode or with
         * {@code synchronous_commit = off}, where an entry is visible a moment before it is durable; turn it off
         * only for a center whose commits are synchronous. A server running with {@code fsync = off} is never waited
         * for (it makes nothing durable). Default: true.
         */
        public Builder awaitFlush(boolean awaitFlush) {
            this.awaitFlush = awaitFlush;
            return this;
        }

        /** How long connecting and each read may take before the center counts as unreachable. Default: 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.notNull(timeout, "timeout");
            return this;
        }

        /**
         * Validates the settings; connects nothing.
         *
         * @throws InvalidArgumentException for a missing or malformed URL or a timeout below 1 s
         */
        public JdbcLedgerSource build() {
            Checks.notNull(jdbcUrl, "jdbcUrl");
            if (!jdbcUrl.startsWith("jdbc:")) {
                throw new InvalidArgumentException("jdbcUrl", "jdbcUrl must be a JDBC URL (jdbc:postgresql://host/db"
                        + " or jdbc:sqlite:/path), got " + jdbcUrl);
            }
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new InvalidArgumentException("timeout", "timeout must be at least 1 s, got " + timeout);
            }
            return new JdbcLedgerSource(this);
        }
    }
}
