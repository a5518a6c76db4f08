/**
 * The SQL implementation of the store API, written once in jOOQ over the classes generated from the shared
 * migrations. A backend supplies a {@link dev.ctrlstore.store.sql.SqlDatabase} (connections, dialect, error
 * translation) and wraps a {@link dev.ctrlstore.store.sql.SqlStore}.
 */
package dev.ctrlstore.store.sql;
