package dev.ctrlstore.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * An embedded PostgreSQL server that keeps what it acknowledges: {@code fsync}, {@code synchronous_commit} and
 * full-page writes on, on the local disk, where the test harness's server turns all three off. The ledger's
 * ordering costs differ most where a commit waits for its WAL flush, so the ledger-write benchmarks run here too.
 * Its one user, {@value #USER}, is trusted on localhost.
 */
final class DurablePostgres implements AutoCloseable {
    static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private DurablePostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server in a new temporary directory, removed when it is closed. */
    static DurablePostgres start() {
        try {
            return new DurablePostgres(EmbeddedPostgres.builder()
                    // The embedded builder turns synchronous_commit off unless told otherwise.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // As a production server sizes it, not the 128 MB default: a write trial filled that in about a
                    // minute, after which backends wrote dirty pages out themselves and throughput fell by 20-40 %,
                    // at a moment that depends on how many bytes each variant writes.
                    .setServerConfig("shared_buffers", "1GB")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("the durable embedded PostgreSQL server did not start: " + e.getMessage(),
                    e);
        }
    }

    /** Its {@code postgres} database. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
    }

    /** E.g. {@code EMBEDDED PostgreSQL 18.6, fsync on, synchronous_commit on}, read from the server. */
    String describe() throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('server_version'), current_setting('fsync'),"
                     + " current_setting('synchronous_commit')")) {
            rs.next();
            return "durable EMBEDDED PostgreSQL " + rs.getString(1) + ", fsync " + rs.getString(2)
                    + ", synchronous_commit " + rs.getString(3);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping the durable embedded PostgreSQL server failed: " + e, e);
        }
    }
}
