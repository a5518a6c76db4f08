/**
 * The LDB: a local SQLite file with the store's schema and the position of the last ledger entry applied to it
 * ({@link dev.ctrlstore.replication.ldb.Ldb}), the applier that writes entries into it in batches, and the in-process
 * signal readers wait on ({@link dev.ctrlstore.replication.ldb.LdbSignals}).
 */
package dev.ctrlstore.replication.ldb;
