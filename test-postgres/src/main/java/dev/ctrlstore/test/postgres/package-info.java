/**
 * A real PostgreSQL server for JUnit 5 tests: annotate a test class with {@link dev.ctrlstore.test.postgres.PostgresTest}
 * and take a {@link dev.ctrlstore.test.postgres.TestDatabase} parameter. One server per test run (from
 * {@code CTRLSTORE_TEST_PG_URL}, else Testcontainers when Docker answers, else embedded PostgreSQL) and a fresh
 * database per test class, dropped after it. Code outside JUnit gets a database on such a server from
 * {@link dev.ctrlstore.test.postgres.TestDatabase#create(String)}.
 */
package dev.ctrlstore.test.postgres;
