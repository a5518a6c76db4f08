/**
 * The generic reader of control tables in an LDB: rows by full key or by key prefix, found by family and table name
 * through the replicated registry, with position, latency and read-your-writes as the typed replica has them.
 */
package dev.ctrlstore.replication.control;
