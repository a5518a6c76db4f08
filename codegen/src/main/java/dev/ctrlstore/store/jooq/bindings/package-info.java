/**
 * Hand-written bindings and converters that the generated jOOQ classes use for time columns (microseconds on
 * SQLite, TIMESTAMPTZ on PostgreSQL) and durations (BIGINT microseconds).
 */
package dev.ctrlstore.store.jooq.bindings;
