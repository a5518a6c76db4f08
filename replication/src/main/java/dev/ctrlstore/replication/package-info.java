/**
 * Local replicas of the center: the LDB file ({@code ldb}), the reflector that replays the ledger into it
 * ({@code reflector}) and the typed read-only store over it ({@code replica}).
 */
package dev.ctrlstore.replication;
