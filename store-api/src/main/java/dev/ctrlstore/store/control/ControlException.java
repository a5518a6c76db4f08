package dev.ctrlstore.store.control;

import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StoreException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A control-table operation was refused. The {@link Reason} says why, so callers (the write service maps each to an
 * HTTP status) decide by type, never by message; the message names the family, table, field, writer or value and
 * what to do. Nothing was written.
 */
public final class ControlException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Why an operation was refused. */
    public enum Reason {
        /** A name, definition or value is malformed or does not fit its field. */
        INVALID,
        /** The writer is unknown or its secret is wrong. */
        UNAUTHORIZED,
        /** A destructive schema change while those are disabled. */
        FORBIDDEN,
        /** The family, table or writer does not exist. */
        NOT_FOUND,
        /** It exists already (differently), or a cookie check failed. */
        CONFLICT,
        /** Too many mutations in one request. */
        TOO_LARGE,
        /** The writer's rate limit is used up; {@link #retryAfter()} says when to try again. */
        RATE_LIMITED,
        /** A table is over its size limit. */
        TABLE_FULL
    }

    private final Reason reason;
    private final transient Duration retryAfter;

    /**
     * @param resource the kind of thing concerned, or null
     * @param id its name (family, family.table, writer), or null
     */
    public ControlException(Reason reason, String message, ResourceKind resource, String id) {
        this(reason, message, resource, id, null);
    }

    /** A {@link Reason#RATE_LIMITED} refusal that may be retried after {@code retryAfter}. */
    public ControlException(Reason reason, String message, ResourceKind resource, String id, Duration retryAfter) {
        super(message, null, resource, id, null);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
    }

    /** Why the operation was refused. */
    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#RATE_LIMITED}: how long until the writer's next period starts. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
