package dev.ctrlstore.store.admin;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;

import java.time.Instant;
import java.util.Optional;

/**
 * Which entries of a tenant's audit log {@link AdminStore#queryAuditLog} returns. Every present criterion must hold
 * (AND); text criteria match exactly (case-sensitive, no patterns). The tenant is not part of the query: it is the
 * store method's own argument.
 *
 * @param actorId only entries by this actor
 * @param resource only entries on this kind of resource
 * @param resourceId only entries on the resource with this id
 * @param action only entries with this action
 * @param since only entries with {@code createdAt} at or after this instant (inclusive; kept to microseconds)
 * @param until only entries with {@code createdAt} at or before this instant (inclusive; kept to microseconds)
 */
public record AuditQuery(Optional<String> actorId, Optional<String> resource, Optional<String> resourceId,
        Optional<String> action, Optional<Instant> since, Optional<Instant> until) {

    /**
     * @throws InvalidArgumentException naming {@code since} if {@code since} is after {@code until}
     */
    public AuditQuery {
        actorId = actorId == null ? Optional.empty() : actorId;
        resource = resource == null ? Optional.empty() : resource;
        resourceId = resourceId == null ? Optional.empty() : resourceId;
        action = action == null ? Optional.empty() : action;
        since = Times.micros(since, "query.since");
        until = Times.micros(until, "query.until");
        if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
            throw new InvalidArgumentException("since",
                    "since (" + since.get() + ") must not be after until (" + until.get() + ")");
        }
    }

    /** No criteria: the tenant's whole log. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public AuditQuery withActorId(String v) {
        return new AuditQuery(Optional.of(Checks.notNull(v, "query.actorId")), resource, resourceId, action, since,
                until);
    }

    public AuditQuery withResource(String v) {
        return new AuditQuery(actorId, Optional.of(Checks.notNull(v, "query.resource")), resourceId, action, since,
                until);
    }

    public AuditQuery withResourceId(String v) {
        return new AuditQuery(actorId, resource, Optional.of(Checks.notNull(v, "query.resourceId")), action, since,
                until);
    }

    public AuditQuery withAction(String v) {
        return new AuditQuery(actorId, resource, resourceId, Optional.of(Checks.notNull(v, "query.action")), since,
                until);
    }

    /** @throws InvalidArgumentException if {@code v} is after the present {@code until} */
    public AuditQuery withSince(Instant v) {
        return new AuditQuery(actorId, resource, resourceId, action, Optional.of(Checks.notNull(v, "query.since")),
                until);
    }

    /** @throws InvalidArgumentException if {@code v} is before the present {@code since} */
    public AuditQuery withUntil(Instant v) {
        return new AuditQuery(actorId, resource, resourceId, action, since,
                Optional.of(Checks.notNull(v, "query.until")));
    }

    /** Whether {@code e} meets every criterion (the tenant is not considered; a stored entry has a createdAt). */
    public boolean matches(AuditEntry e) {
        return actorId.map(a -> a.equals(e.actorId())).orElse(true)
                && resource.map(r -> r.equals(e.resource())).orElse(true)
                && resourceId.map(r -> r.equals(e.resourceId())).orElse(true)
                && action.map(a -> a.equals(e.action())).orElse(true)
                && since.map(s -> e.createdAt() != null && !e.createdAt().isBefore(s)).orElse(true)
                && until.map(u -> e.createdAt() != null && !e.createdAt().isAfter(u)).orElse(true);
    }
}
