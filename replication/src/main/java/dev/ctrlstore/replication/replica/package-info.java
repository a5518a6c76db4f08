/**
 * The typed replica: {@link dev.ctrlstore.replication.replica.LdbStore}, a read-only
 * {@link dev.ctrlstore.store.Store} over an LDB file that a reflector keeps up to date, with its position for
 * read-your-writes. Needs neither the PostgreSQL driver nor a connection pool on the classpath.
 */
package dev.ctrlstore.replication.replica;
