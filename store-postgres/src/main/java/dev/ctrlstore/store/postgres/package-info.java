/**
 * The PostgreSQL backend: {@link dev.ctrlstore.store.postgres.PostgresStore}, HikariCP, one transaction per call,
 * SQLSTATEs translated into the API's exceptions.
 */
package dev.ctrlstore.store.postgres;
