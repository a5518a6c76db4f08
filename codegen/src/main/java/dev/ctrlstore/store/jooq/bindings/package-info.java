/**
 * Hand-written bindings and converters that the generated jOOQ classes use as forced types: time columns
 * (microseconds on SQLite, TIMESTAMPTZ on PostgreSQL), durations (BIGINT microseconds), enum columns (wire text) and
 * JSON documents (TEXT). They are the one definition of each column's Java form.
 */
package dev.ctrlstore.store.jooq.bindings;
