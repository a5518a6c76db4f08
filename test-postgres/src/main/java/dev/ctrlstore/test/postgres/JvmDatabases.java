package dev.ctrlstore.test.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * The databases {@link TestDatabase#create} made on one server, and their end: a server the run started is
 * stopped (its databases go with it); on a server from the environment, which stays up, each is dropped.
 *
 * <p>The JVM's instance ({@link #jvm()}) resolves its server on first use, as {@link PostgresExtension} does, and
 * is closed by a shutdown hook. A failed resolution is remembered, so later calls fail at once with the same
 * message instead of asking Docker again.
 */
final class JvmDatabases implements AutoCloseable {

    private static JvmDatabases jvm;
    private static RuntimeException failure;

    private final PostgresServer server;
    private final List<String> created = new ArrayList<>();

    JvmDatabases(PostgresServer server) {
        this.server = server;
    }

    /** The JVM's instance, its server resolved from {@code System.getenv()} on the first call. */
    static synchronized JvmDatabases jvm() {
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        if (jvm == null) {
            try {
                jvm = new JvmDatabases(ServerResolver.resolve(System.getenv()));
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            JvmDatabases databases = jvm;
            Runtime.getRuntime().addShutdownHook(new Thread(databases::closeQuietly, "ctrlstore-test-postgres-exit"));
        }
        return jvm;
    }

    PostgresServer server() {
        return server;
    }

    synchronized TestDatabase create(String label) {
        TestDatabase database = server.createDatabase(label);
        created.add(database.databaseName());
        return database;
    }

    @Override
    public synchronized void close() {
        IllegalStateException failed = null;
        if (!server.startedByRun()) {
            for (String name : created) {
                try {
                    server.dropDatabase(name);
                } catch (IllegalStateException e) {
                    // The others are still worth dropping.
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
        }
        created.clear();
        server.close();
        if (failed != null) {
            throw failed;
        }
    }

    /** For the shutdown hook: nobody is left to catch an exception, so it is printed. */
    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("ctrlstore-test-postgres: " + e.getMessage());
        }
    }
}
