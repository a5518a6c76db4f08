/**
 * The SQLite backend: {@link dev.ctrlstore.store.sqlite.SqliteStore}, one local file with WAL, a single writer and
 * a pool of readers; also the read-only view a local replica is read through.
 */
package dev.ctrlstore.store.sqlite;
