package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.SecretId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.spec.SecretType;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A {@link Secret} without its value: what {@link SecretStore#list} returns and what writes return, so a listing
 * cannot carry a value at all. Components mean what they mean on {@link Secret}; a stored secret's metadata always
 * has version 1 or more.
 *
 * @param id the secret's id
 * @param tenantId the owning tenant
 * @param instanceId the instance the secret belongs to
 * @param key the secret's key, unique within the instance
 * @param type how the secret is handed to the service
 * @param createdAt when the store first stored it
 * @param updatedAt when the store last wrote it
 * @param version the stored version (1 after insert, plus 1 per update)
 */
public record SecretMetadata(SecretId id, TenantId tenantId, InstanceId instanceId, String key, SecretType type,
        Instant createdAt, Instant updatedAt, long version) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /**
     * @throws InvalidArgumentException naming the first field that is missing, malformed or too long
     */
    public SecretMetadata {
        Checks.notNull(id, "secretMetadata.id");
        Checks.notNull(tenantId, "secretMetadata.tenantId");
        Checks.notNull(instanceId, "secretMetadata.instanceId");
        key = checkKey(key, "secretMetadata.key");
        Checks.notNull(type, "secretMetadata.type");
        createdAt = Times.micros(createdAt, "secretMetadata.createdAt");
        updatedAt = Times.micros(updatedAt, "secretMetadata.updatedAt");
        Versions.check(version, createdAt, updatedAt, "secretMetadata");
    }

    /** A key: a letter or {@code _}, then letters, digits, {@code _}, {@code .} or {@code -}; at most 255. */
    static String checkKey(String key, String field) {
        Checks.text(key, field, Checks.SHORT_TEXT);
        if (!KEY.matcher(key).matches()) {
            throw new InvalidArgumentException(field, field + " \"" + key + "\" must start with a letter or '_' and"
                    + " contain only letters, digits, '_', '.' and '-' (like an environment variable name)");
        }
        return key;
    }
}
