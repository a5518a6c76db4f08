package dev.ctrlstore.store.admin;

import dev.ctrlstore.store.id.AuditEntryId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.JsonValues;
import dev.ctrlstore.store.internal.Times;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a tenant's audit log: who did what to which resource. Append-only: entries are never changed, so they
 * carry no version. Immutable; build them with {@link #builder()}.
 *
 * @param id the entry's id
 * @param tenantId the tenant whose log holds it (the tenant need not be in the registry)
 * @param actorId who acted (a user id, an API key id, a service name), required, at most 255 characters
 * @param actorType what kind of actor, e.g. {@code user}, {@code api_key}, {@code system}; required
 * @param resource the kind of resource acted on, e.g. {@code instance}; {@code ""} for none
 * @param resourceId the id of the resource acted on; {@code ""} for none
 * @param action what was done, e.g. {@code instance.create}; required, at most 255 characters
 * @param details free-form JSON values (event metadata, outcome, severity, reason); a deep unmodifiable copy in
 *     which integers are {@link Long} and other numbers {@link Double}, as a JSON reader gives them back
 * @param ipAddress the address the request came from; {@code ""} for none
 * @param createdAt when it was recorded: null until stored; the store sets it from its clock on insert
 */
public record AuditEntry(AuditEntryId id, TenantId tenantId, String actorId, String actorType, String resource,
        String resourceId, String action, Map<String, Object> details, String ipAddress, Instant createdAt) {

    /** The actor type {@link #builder()} starts with. */
    public static final String DEFAULT_ACTOR_TYPE = "user";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed or too
     *     long, or the path of a details value that is not a JSON value (e.g. {@code auditEntry.details.when})
     */
    public AuditEntry {
        Checks.notNull(id, "auditEntry.id");
        Checks.notNull(tenantId, "auditEntry.tenantId");
        actorId = Checks.text(actorId, "auditEntry.actorId", Checks.SHORT_TEXT);
        actorType = Checks.text(actorType, "auditEntry.actorType", Checks.SHORT_TEXT);
        resource = Checks.optionalText(resource, "auditEntry.resource", Checks.SHORT_TEXT);
        resourceId = Checks.optionalText(resourceId, "auditEntry.resourceId", Checks.SHORT_TEXT);
        action = Checks.text(action, "auditEntry.action", Checks.SHORT_TEXT);
        details = JsonValues.document(details, "auditEntry.details");
        ipAddress = Checks.optionalText(ipAddress, "auditEntry.ipAddress", Checks.SHORT_TEXT);
        createdAt = Times.micros(createdAt, "auditEntry.createdAt");
    }

    /** A builder for a new entry: a fresh id, actor type {@value #DEFAULT_ACTOR_TYPE}, no createdAt. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this entry's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link AuditEntry} values; {@code tenantId}, {@code actorId} and {@code action} are required. */
    public static final class Builder {
        private AuditEntryId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private String actorId;
        private String actorType = DEFAULT_ACTOR_TYPE;
        private String resource = "";
        private String resourceId = "";
        private String action;
        private Map<String, ?> details = Map.of();
        private String ipAddress = "";
        private Instant createdAt;

        private Builder() {
        }

        private Builder(AuditEntry e) {
            id = e.id;
            newId = false;
            tenantId = e.tenantId;
            actorId = e.actorId;
            actorType = e.actorType;
            resource = e.resource;
            resourceId = e.resourceId;
            action = e.action;
            details = e.details;
            ipAddress = e.ipAddress;
            createdAt = e.createdAt;
        }

        public Builder id(AuditEntryId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder actorId(String v) { actorId = v; return this; }
        public Builder actorType(String v) { actorType = v; return this; }
        public Builder resource(String v) { resource = v; return this; }
        public Builder resourceId(String v) { resourceId = v; return this; }
        public Builder action(String v) { action = v; return this; }
        public Builder details(Map<String, ?> v) { details = v; return this; }
        public Builder ipAddress(String v) { ipAddress = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public AuditEntry build() {
            if (newId) {
                id = AuditEntryId.generate();
                newId = false;
            }
            // the constructor deep-copies the document, so viewing Map<String, ?> as Map<String, Object> is safe
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) details;
            return new AuditEntry(id, tenantId, actorId, actorType, resource, resourceId, action, d, ipAddress,
                    createdAt);
        }
    }
}
