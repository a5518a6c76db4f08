package dev.ctrlstore.replication.process;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server of the test's own, which it may stop and start again: the same data directory and port, so a
 * client's URL stays valid across the outage. Binds 127.0.0.1 only; durability off, as for every test server.
 */
final class OwnPostgres implements AutoCloseable {

    static {
        // The server's own log lines (each start and stop) would bury the test's output; warnings still show.
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.zonky.test.db.postgres", "warn");
    }

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private OwnPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Creates a cluster in {@code dataDirectory} (which must be empty or missing) and starts it on a free port. */
    static OwnPostgres start(Path dataDirectory) throws IOException {
        OwnPostgres postgres = new OwnPostgres(dataDirectory, freePort());
        postgres.start();
        return postgres;
    }

    /** Starts the server again on its data directory and port; the data written before the stop is there. */
    void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the server on port " + port + " is already running");
        }
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** Stops the server (a fast shutdown: sessions are ended); clients see connection failures until {@link #start()}. */
    void stop() throws IOException {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }

    boolean running() {
        return server != null;
    }

    /** The URL of the {@code postgres} database, valid across stops and starts. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String user() {
        return "postgres";
    }

    String password() {
        return "";
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
