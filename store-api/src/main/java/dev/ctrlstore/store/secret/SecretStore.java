package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;

import java.util.List;

/**
 * The secrets of every tenant's instances, each addressed by (tenant, instance, key) and visible only within its
 * own tenant: a secret or instance of another tenant behaves exactly like one that does not exist. Every method may
 * also throw {@link dev.ctrlstore.store.StoreClosedException} after close and
 * {@link dev.ctrlstore.store.StoreUnavailableException} when the backend cannot be reached; every argument is
 * required (null throws {@link InvalidArgumentException} naming it). Rules are numbered {@code S-n} in the TCK's
 * {@code tck-rules/secrets.md}.
 *
 * <p><b>The value.</b> The store keeps the value with the secret, in the same storage and with the same lifetime
 * (not in a separate vault, so a restart never loses it). Only {@link #get} returns it; every
 * other method returns {@link SecretMetadata}, which has no value. A backend that persists data must never write a
 * value in plaintext: the SQL backends encrypt it with a {@link SecretCipher}, binding each ciphertext to its row
 * (see {@link SecretCipher#associatedData}). A value that cannot be decrypted (wrong key, corrupt data) makes
 * {@link #get} throw {@link SecretDecryptionException}; it is never returned altered.
 *
 * <p><b>Copies.</b> Returned values are immutable: {@link SecretValue} copies the bytes it is made from and the bytes
 * it hands out, so changing an array passed in or handed out never changes what is stored (S-5).
 */
public interface SecretStore {

    /**
     * Stores a new secret for an instance of its tenant. The store sets {@code createdAt} and {@code updatedAt} to
     * its clock's now (microsecond precision) and {@code version} to 1.
     *
     * @param secret a new secret (version 0)
     * @return the stored secret's metadata (not its value)
     * @throws NotFoundException (resource {@code INSTANCE}) if the secret's tenant has no instance with its
     *     {@code instanceId}; nothing is written
     * @throws AlreadyExistsException if the id exists (field {@code id}), or the instance already has a secret with
     *     this key (field {@code key}; the same key on another instance is fine); nothing is written
     * @throws InvalidArgumentException if the secret's version is not 0 (field {@code secret.version})
     */
    SecretMetadata insert(Secret secret);

    /**
     * The secret with this key, including its value.
     *
     * @throws NotFoundException (resource {@code SECRET}, id = the key) if the tenant's instance has no secret with
     *     this key, also when the instance does not exist or belongs to another tenant, or the key holds text no key
     *     can (U+0000, an unpaired surrogate)
     * @throws InvalidArgumentException (field {@code key}) if the key is blank or longer than 255 characters
     * @throws SecretDecryptionException if a persistent backend cannot decrypt the stored value (wrong key or corrupt
     *     data)
     */
    Secret get(TenantId tenantId, InstanceId instanceId, String key);

    /**
     * The metadata of all of the instance's secrets, ordered by key ascending, comparing keys character by
     * character by code (ordinal, case-sensitive: {@code "B" < "_" < "a"}; SQL backends use a binary collation).
     * Never throws {@link NotFoundException}: a missing instance, or one of another tenant, gives an empty list.
     *
     * @return an unmodifiable list; it holds no values
     */
    List<SecretMetadata> list(TenantId tenantId, InstanceId instanceId);

    /**
     * Replaces the type and value of a stored secret, if it is still at the version given. The secret is found by
     * its (tenantId, instanceId, key); the key and instance of a secret cannot change (delete it and insert a new
     * one), nor can its id. {@code createdAt} keeps its stored value; {@code updatedAt} becomes the clock's now;
     * {@code version} goes up by one.
     *
     * @param secret the new values, carrying the id and version they were based on (from a previous read)
     * @return the stored secret's metadata (not its value)
     * @throws NotFoundException (resource {@code SECRET}, id = the key) if the secret's tenant has no secret with its
     *     instance and key
     * @throws InvalidArgumentException if the secret was never stored (version 0, field {@code secret.version}), or
     *     the stored secret with this key has another id (field {@code secret.id}): the secret was deleted and a new
     *     one inserted under the same key since it was read; nothing is written
     * @throws ConflictException (id = the key) if the stored version differs from {@code secret.version()}; nothing
     *     is written
     */
    SecretMetadata update(Secret secret);

    /**
     * Deletes the secret with this key, value included. Deleting an instance deletes its secrets as well.
     *
     * @throws NotFoundException (resource {@code SECRET}, id = the key) if the tenant's instance has no secret with
     *     this key
     * @throws InvalidArgumentException (field {@code key}) if the key is blank or longer than 255 characters
     */
    void delete(TenantId tenantId, InstanceId instanceId, String key);

    /** The number of the tenant's secrets, over all its instances; 0 for an unknown tenant. */
    long count(TenantId tenantId);
}
