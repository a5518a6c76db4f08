/**
 * The map of ctrlstore: the aggregate {@link dev.ctrlstore.store.Store}, paging types and the exception hierarchy
 * rooted at {@link dev.ctrlstore.store.StoreException}. One sub-package per subsystem holds its records and its store
 * interface. This module depends on the JDK only.
 *
 * <p>Every record holds only values that every backend stores exactly, and its constructor rejects others with an
 * {@link dev.ctrlstore.store.InvalidArgumentException} naming the field (TCK rules V-n): text is valid Unicode
 * without U+0000; instants are kept to microseconds within 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z,
 * also as query bounds; durations are not negative and at most {@link java.lang.Long#MAX_VALUE} microseconds;
 * JSON-like documents (labels, details, fields, Helm values, ...) nest at most 32 levels and are at most 1,048,576
 * characters as JSON text; label values, like label keys, are at most 255 characters. A lookup by text no record
 * can hold finds nothing.
 */
package dev.ctrlstore.store;
