/**
 * Control tables at the center: the schema registry, writers and their cookies, mutations checked value by value
 * against their fields' types, and the limits, behind {@link dev.ctrlstore.store.sql.control.SqlControlStore}.
 */
package dev.ctrlstore.store.sql.control;
