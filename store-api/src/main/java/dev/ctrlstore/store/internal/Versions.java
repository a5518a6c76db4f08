package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;

import java.time.Instant;

/**
 * The rule every mutable entity follows: version 0 means "never stored" and carries no timestamps (the store assigns
 * createdAt, updatedAt and version 1 on insert); a stored entity has version 1 or more and both timestamps. Not API.
 */
public final class Versions {
    private Versions() {
    }

    public static void check(long version, Instant createdAt, Instant updatedAt, String entity) {
        if (version < 0) {
            throw new InvalidArgumentException(entity + ".version",
                    entity + ".version must not be negative, got " + version);
        }
        if (version == 0 && (createdAt != null || updatedAt != null)) {
            throw new InvalidArgumentException(entity + ".createdAt", entity + ".createdAt and .updatedAt are assigned"
                    + " by the store on insert; leave them null for a new " + entity + " (version 0)");
        }
        if (version > 0 && (createdAt == null || updatedAt == null)) {
            throw new InvalidArgumentException(entity + ".createdAt", entity + ".createdAt and .updatedAt are required"
                    + " for a stored " + entity + " (version " + version + ")");
        }
    }

    /** Rejects an insert of an entity that was already stored. */
    public static void requireNew(long version, String entity, String id) {
        if (version != 0) {
            throw new InvalidArgumentException(entity + ".version", entity + ".version must be 0 to insert, but "
                    + entity + " " + id + " has version " + version + " (already stored): use update to change it");
        }
    }

    /** Rejects an update of an entity that was never stored. */
    public static void requireStored(long version, String entity, String id) {
        if (version == 0) {
            throw new InvalidArgumentException(entity + ".version", entity + ".version is 0, so " + entity + " " + id
                    + " was never stored; update takes what the store returned from insert or get: insert it first");
        }
    }
}
