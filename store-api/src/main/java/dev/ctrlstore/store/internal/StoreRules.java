package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.telemetry.TelemetryStore;

import java.time.Instant;
import java.util.List;

/**
 * Checks every backend makes the same way before it touches its storage, kept in one place so that the backends
 * cannot drift apart in what they accept or in what their errors say.
 */
public final class StoreRules {
    private StoreRules() {
    }

    /**
     * A field that says where a row belongs (its instance, its domain, its release, its id) cannot change on update.
     *
     * @param remedy what the caller should do instead, e.g. "delete it and insert a new route instead"
     * @throws InvalidArgumentException on {@code field} when {@code given} differs from {@code stored}
     */
    public static void requireUnchanged(Object stored, Object given, String field, TenantId tenantId,
            ResourceKind kind, String id, String remedy) {
        if (!stored.equals(given)) {
            throw new InvalidArgumentException(field, field + " of " + kind.label() + " " + id + " is " + stored
                    + " and cannot change (got " + given + "); " + remedy, tenantId, kind, id);
        }
    }

    /**
     * A telemetry batch, checked whole before anything is written: at most {@link TelemetryStore#MAX_BATCH} rows,
     * none null. Returns an unmodifiable copy.
     */
    public static <T> List<T> batch(List<T> rows, String field) {
        Checks.notNull(rows, field);
        if (rows.size() > TelemetryStore.MAX_BATCH) {
            throw new InvalidArgumentException(field, field + " must hold at most " + TelemetryStore.MAX_BATCH
                    + " rows per call, got " + rows.size() + "; split it into several calls");
        }
        return Checks.list(rows, field);
    }

    /** A timestamp the store assigns on insert must not come from the caller. */
    public static void requireUnassigned(Instant value, String field, String what) {
        if (value != null) {
            throw new InvalidArgumentException(field, field + " is assigned by the store on insert; leave it null"
                    + " for a new " + what + " (got " + value + ")");
        }
    }
}
