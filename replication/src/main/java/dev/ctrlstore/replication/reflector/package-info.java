/**
 * The reflector: follows a center's ledger ({@link dev.ctrlstore.store.sql.ledger.LedgerSource}, over JDBC with
 * {@link dev.ctrlstore.replication.reflector.JdbcLedgerSource}) and applies it to an LDB in batches, crash-exact, and
 * keeps serving the LDB while the center is down.
 */
package dev.ctrlstore.replication.reflector;
