package dev.ctrlstore.store.admin;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An entry of the global tenant registry: who a tenant is, its standing, plan and quota. The tenant's own data
 * (instances, secrets, audit log, ...) is scoped by its {@link TenantId} in the other stores and is not part of this
 * record. Immutable; build new ones with {@link #builder()} and changed copies with {@link #toBuilder()}.
 *
 * @param id the tenant's id, the scope of all its data
 * @param externalId the tenant's id in an external system (e.g. an identity provider's organisation id);
 *     {@code ""} for none; when not empty it is unique across tenants, so {@link AdminStore#getTenantByExternalId}
 *     finds at most one
 * @param name display name, required, at most 255 characters
 * @param slug DNS-label handle, unique across all tenants
 * @param status the tenant's standing
 * @param plan the billing plan's name, required, at most 255 characters (new tenants: {@code free})
 * @param quota the tenant's limits (new tenants: {@link Quota#DEFAULT})
 * @param suspendedAt when it was suspended; empty when not suspended (stores do not tie it to {@code status})
 * @param metadata free key-value data; an unmodifiable copy
 * @param createdAt set by the store on insert; null while {@code version} is 0
 * @param updatedAt set by the store on every write; null while {@code version} is 0
 * @param version 0 for a tenant never stored; the store sets 1 on insert and adds 1 on every update
 */
public record Tenant(TenantId id, String externalId, String name, String slug, TenantStatus status, String plan,
        Quota quota, Optional<Instant> suspendedAt, Map<String, String> metadata, Instant createdAt,
        Instant updatedAt, long version) {

    /** The plan a new tenant gets from {@link #builder()}. */
    public static final String DEFAULT_PLAN = "free";

    /**
     * @throws InvalidArgumentException naming the first field that is missing, malformed or too long; an
     *     {@code externalId} that is not empty but blank is malformed (it could never be looked up)
     */
    public Tenant {
        Checks.notNull(id, "tenant.id");
        externalId = Checks.optionalText(externalId, "tenant.externalId", Checks.SHORT_TEXT);
        if (!externalId.isEmpty() && externalId.isBlank()) {
            throw new InvalidArgumentException("tenant.externalId",
                    "tenant.externalId must be empty (none) or non-blank text, got only whitespace");
        }
        name = Checks.text(name, "tenant.name", Checks.SHORT_TEXT);
        slug = Checks.slug(slug, "tenant.slug");
        Checks.notNull(status, "tenant.status");
        plan = Checks.text(plan, "tenant.plan", Checks.SHORT_TEXT);
        Checks.notNull(quota, "tenant.quota");
        suspendedAt = Times.micros(suspendedAt, "tenant.suspendedAt");
        metadata = Checks.stringMap(metadata, "tenant.metadata");
        createdAt = Times.micros(createdAt, "tenant.createdAt");
        updatedAt = Times.micros(updatedAt, "tenant.updatedAt");
        Versions.check(version, createdAt, updatedAt, "tenant");
    }

    /**
     * A builder for a new tenant: a fresh id, no external id, status {@code active}, plan {@value #DEFAULT_PLAN},
     * quota {@link Quota#DEFAULT}, version 0.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this tenant's values, for a changed copy (keep the version for optimistic updates). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Tenant} values; {@code name} and {@code slug} are required. */
    public static final class Builder {
        private TenantId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private String externalId = "";
        private String name;
        private String slug;
        private TenantStatus status = TenantStatus.ACTIVE;
        private String plan = DEFAULT_PLAN;
        private Quota quota = Quota.DEFAULT;
        private Optional<Instant> suspendedAt = Optional.empty();
        private Map<String, String> metadata = Map.of();
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(Tenant t) {
            id = t.id;
            newId = false;
            externalId = t.externalId;
            name = t.name;
            slug = t.slug;
            status = t.status;
            plan = t.plan;
            quota = t.quota;
            suspendedAt = t.suspendedAt;
            metadata = t.metadata;
            createdAt = t.createdAt;
            updatedAt = t.updatedAt;
            version = t.version;
        }

        public Builder id(TenantId v) { id = v; newId = false; return this; }
        public Builder externalId(String v) { externalId = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder slug(String v) { slug = v; return this; }
        public Builder status(TenantStatus v) { status = v; return this; }
        public Builder plan(String v) { plan = v; return this; }
        public Builder quota(Quota v) { quota = v; return this; }
        public Builder suspendedAt(Instant v) { suspendedAt = Optional.ofNullable(v); return this; }
        public Builder metadata(Map<String, String> v) { metadata = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder version(long v) { version = v; return this; }

        /** @throws InvalidArgumentException as the record's constructor does */
        public Tenant build() {
            if (newId) {
                id = TenantId.generate();
                newId = false;
            }
            return new Tenant(id, externalId, name, slug, status, plan, quota, suspendedAt, metadata, createdAt,
                    updatedAt, version);
        }
    }
}
