/**
 * Control tables: families of user-defined tables (fields of six types, a primary key), the writers that fill them
 * through one guarded write path, their cookies and limits. The center's {@link dev.ctrlstore.store.control.ControlStore}
 * keeps the schema registry and the rows, and appends every change to the ledger in the same transaction, so every
 * replica holds the same tables and values. Not tenant-scoped: families are the namespace.
 */
package dev.ctrlstore.store.control;
