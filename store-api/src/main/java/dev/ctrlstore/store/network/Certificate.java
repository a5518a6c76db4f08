package dev.ctrlstore.store.network;

import dev.ctrlstore.store.id.CertificateId;
import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;

import java.time.Instant;

/**
 * A TLS certificate issued for a {@link Domain}. It belongs to an instance only through its domain, and is deleted
 * with it. Immutable; build new ones with {@link #builder()} and changed copies with {@link #toBuilder()}.
 *
 * @param id the certificate's id
 * @param tenantId the owning tenant (the domain's tenant)
 * @param domainId the domain it was issued for; fixed once stored
 * @param issuer who issued it, e.g. {@code letsencrypt}; required, at most 255 characters
 * @param expiresAt when it stops being valid
 * @param autoRenew whether it is renewed automatically before {@code expiresAt}
 * @param createdAt set by the store on insert; null while {@code version} is 0
 * @param updatedAt set by the store on every write; null while {@code version} is 0
 * @param version 0 for a certificate never stored; the store sets 1 on insert and adds 1 on every update
 */
public record Certificate(CertificateId id, TenantId tenantId, DomainId domainId, String issuer, Instant expiresAt,
        boolean autoRenew, Instant createdAt, Instant updatedAt, long version) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed or
     *     too long
     */
    public Certificate {
        Checks.notNull(id, "certificate.id");
        Checks.notNull(tenantId, "certificate.tenantId");
        Checks.notNull(domainId, "certificate.domainId");
        issuer = Checks.text(issuer, "certificate.issuer", Checks.SHORT_TEXT);
        expiresAt = Times.required(expiresAt, "certificate.expiresAt");
        createdAt = Times.micros(createdAt, "certificate.createdAt");
        updatedAt = Times.micros(updatedAt, "certificate.updatedAt");
        Versions.check(version, createdAt, updatedAt, "certificate");
    }

    /** A builder for a new certificate: a fresh id, no auto-renewal, version 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this certificate's values, for a changed copy (keep the version for optimistic updates). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link Certificate} values; {@code tenantId}, {@code domainId}, {@code issuer} and {@code expiresAt} are
     * required.
     */
    public static final class Builder {
        private CertificateId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private DomainId domainId;
        private String issuer;
        private Instant expiresAt;
        private boolean autoRenew;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(Certificate c) {
            id = c.id;
            newId = false;
            tenantId = c.tenantId;
            domainId = c.domainId;
            issuer = c.issuer;
            expiresAt = c.expiresAt;
            autoRenew = c.autoRenew;
            createdAt = c.createdAt;
            updatedAt = c.updatedAt;
            version = c.version;
        }

        public Builder id(CertificateId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder domainId(DomainId v) { domainId = v; return this; }
        public Builder issuer(String v) { issuer = v; return this; }
        public Builder expiresAt(Instant v) { expiresAt = v; return this; }
        public Builder autoRenew(boolean v) { autoRenew = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder version(long v) { version = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public Certificate build() {
            if (newId) {
                id = CertificateId.generate();
                newId = false;
            }
            return new Certificate(id, tenantId, domainId, issuer, expiresAt, autoRenew, createdAt, updatedAt,
                    version);
        }
    }
}
