package dev.ctrlstore.store.network;

import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;

import java.time.Instant;
import java.util.Optional;

/**
 * A custom hostname a tenant points at one of its instances. A hostname is unique within its tenant only: two tenants
 * may claim the same name, and ownership is proven by DNS verification ({@link #verified()}), not by who stored it
 * first. Immutable; build new ones with {@link #builder()} and changed copies with {@link #toBuilder()}.
 *
 * @param id the domain's id
 * @param tenantId the owning tenant
 * @param instanceId the instance the hostname routes to; fixed once stored
 * @param hostname lowercase DNS name (dot-separated labels of {@code a-z}, {@code 0-9} and inner {@code -}), at most
 *     253 characters; unique within the tenant
 * @param verified whether DNS ownership was proven; {@code false} for a new domain unless set
 * @param tlsEnabled whether TLS is served for the hostname
 * @param certExpiry when the current certificate expires; empty when there is none
 * @param dnsTarget the name the tenant's DNS record must point at; {@code ""} for none
 * @param verifyToken the token the tenant publishes in DNS to prove ownership; {@code ""} for none
 * @param createdAt set by the store on insert; null while {@code version} is 0
 * @param updatedAt set by the store on every write; null while {@code version} is 0
 * @param version 0 for a domain never stored; the store sets 1 on insert and adds 1 on every update
 */
public record Domain(DomainId id, TenantId tenantId, InstanceId instanceId, String hostname, boolean verified,
        boolean tlsEnabled, Optional<Instant> certExpiry, String dnsTarget, String verifyToken, Instant createdAt,
        Instant updatedAt, long version) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed or
     *     too long
     */
    public Domain {
        Checks.notNull(id, "domain.id");
        Checks.notNull(tenantId, "domain.tenantId");
        Checks.notNull(instanceId, "domain.instanceId");
        hostname = Checks.hostname(hostname, "domain.hostname");
        certExpiry = Times.micros(certExpiry, "domain.certExpiry");
        dnsTarget = Checks.optionalText(dnsTarget, "domain.dnsTarget", Checks.SHORT_TEXT);
        verifyToken = Checks.optionalText(verifyToken, "domain.verifyToken", Checks.SHORT_TEXT);
        createdAt = Times.micros(createdAt, "domain.createdAt");
        updatedAt = Times.micros(updatedAt, "domain.updatedAt");
        Versions.check(version, createdAt, updatedAt, "domain");
    }

    /** A builder for a new domain: a fresh id, not verified, no TLS, version 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this domain's values, for a changed copy (keep the version for optimistic updates). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Domain} values; {@code tenantId}, {@code instanceId} and {@code hostname} are required. */
    public static final class Builder {
        private DomainId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private InstanceId instanceId;
        private String hostname;
        private boolean verified;
        private boolean tlsEnabled;
        private Optional<Instant> certExpiry = Optional.empty();
        private String dnsTarget = "";
        private String verifyToken = "";
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(Domain d) {
            id = d.id;
            newId = false;
            tenantId = d.tenantId;
            instanceId = d.instanceId;
            hostname = d.hostname;
            verified = d.verified;
            tlsEnabled = d.tlsEnabled;
            certExpiry = d.certExpiry;
            dnsTarget = d.dnsTarget;
            verifyToken = d.verifyToken;
            createdAt = d.createdAt;
            updatedAt = d.updatedAt;
            version = d.version;
        }

        public Builder id(DomainId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder verified(boolean v) { verified = v; return this; }
        public Builder tlsEnabled(boolean v) { tlsEnabled = v; return this; }
        public Builder certExpiry(Instant v) { certExpiry = Optional.ofNullable(v); return this; }
        public Builder dnsTarget(String v) { dnsTarget = v; return this; }
        public Builder verifyToken(String v) { verifyToken = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder version(long v) { version = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public Domain build() {
            if (newId) {
                id = DomainId.generate();
                newId = false;
            }
            return new Domain(id, tenantId, instanceId, hostname, verified, tlsEnabled, certExpiry, dnsTarget,
                    verifyToken, createdAt, updatedAt, version);
        }
    }
}
