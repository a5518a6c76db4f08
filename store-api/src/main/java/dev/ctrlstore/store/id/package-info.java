/**
 * Typed entity ids in TypeID form (prefix + UUIDv7). Each id type checks its prefix and shape when constructed, so a
 * store never sees a malformed id or an id of the wrong kind.
 */
package dev.ctrlstore.store.id;
