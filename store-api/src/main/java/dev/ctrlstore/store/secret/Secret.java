package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.SecretId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.spec.SecretType;

import java.time.Instant;

/**
 * A named secret of an instance, with its value: an environment variable, a file, registry credentials or a TLS
 * key. The key is unique within the instance. Immutable; build new ones with {@link #builder()} and changed copies
 * with {@link #toBuilder()}. {@link #toString()} never shows the value; {@link #metadata()} drops it altogether.
 *
 * @param id the secret's id; it never changes, also not on update
 * @param tenantId the owning tenant
 * @param instanceId the instance the secret belongs to
 * @param key the name the service sees, e.g. {@code DATABASE_URL}: a letter or {@code _}, then letters, digits,
 *     {@code _}, {@code .} or {@code -}; at most 255 characters; unique within the instance
 * @param type how the secret is handed to the service; {@code env} unless set
 * @param value the plaintext, required
 * @param createdAt set by the store on insert; null while {@code version} is 0
 * @param updatedAt set by the store on every write; null while {@code version} is 0
 * @param version 0 for a secret never stored; the store sets 1 on insert and adds 1 on every update
 */
public record Secret(SecretId id, TenantId tenantId, InstanceId instanceId, String key, SecretType type,
        SecretValue value, Instant createdAt, Instant updatedAt, long version) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first field that is missing, malformed or
     *     too long
     */
    public Secret {
        Checks.notNull(id, "secret.id");
        Checks.notNull(tenantId, "secret.tenantId");
        Checks.notNull(instanceId, "secret.instanceId");
        key = SecretMetadata.checkKey(key, "secret.key");
        Checks.notNull(type, "secret.type");
        Checks.notNull(value, "secret.value");
        createdAt = Times.micros(createdAt, "secret.createdAt");
        updatedAt = Times.micros(updatedAt, "secret.updatedAt");
        Versions.check(version, createdAt, updatedAt, "secret");
    }

    /** Everything but the value: what listings return. */
    public SecretMetadata metadata() {
        return new SecretMetadata(id, tenantId, instanceId, key, type, createdAt, updatedAt, version);
    }

    /** The components, with the value shown only by its length. */
    @Override
    public String toString() {
        return "Secret[id=" + id + ", tenantId=" + tenantId + ", instanceId=" + instanceId + ", key=" + key
                + ", type=" + type + ", value=(" + value.length() + " bytes, hidden), createdAt=" + createdAt
                + ", updatedAt=" + updatedAt + ", version=" + version + "]";
    }

    /** A builder for a new secret: a fresh id, type {@code env}, version 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this secret's values, for a changed copy (keep the id and version for updates). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Secret} values; {@code tenantId}, {@code instanceId}, {@code key} and {@code value} are required. */
    public static final class Builder {
        private SecretId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private InstanceId instanceId;
        private String key;
        private SecretType type = SecretType.ENV;
        private SecretValue value;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(Secret s) {
            id = s.id;
            newId = false;
            tenantId = s.tenantId;
            instanceId = s.instanceId;
            key = s.key;
            type = s.type;
            value = s.value;
            createdAt = s.createdAt;
            updatedAt = s.updatedAt;
            version = s.version;
        }

        public Builder id(SecretId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder key(String v) { key = v; return this; }
        public Builder type(SecretType v) { type = v; return this; }
        public Builder value(SecretValue v) { value = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder version(long v) { version = v; return this; }

        /** @throws dev.ctrlstore.store.InvalidArgumentException as the record's constructor does */
        public Secret build() {
            if (newId) {
                id = SecretId.generate();
                newId = false;
            }
            return new Secret(id, tenantId, instanceId, key, type, value, createdAt, updatedAt, version);
        }
    }
}
