/**
 * Control tables on a SQL database: the schema registry ({@code control_families}, {@code control_tables}), the DDL
 * of the physical tables ({@code ct_<id>}) for each dialect, and the center's {@code ControlStore}. The DDL is built
 * from the registry's structured description, never from SQL text, so the center and every replica render it alike.
 */
package dev.ctrlstore.store.sql.control;
