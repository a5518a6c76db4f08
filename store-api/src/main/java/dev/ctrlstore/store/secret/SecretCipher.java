package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;

import java.nio.charset.StandardCharsets;

/**
 * Encrypts secret values at rest: the SPI persistent backends use so that no value is ever written in plaintext.
 * {@link AesGcmSecretCipher} is the implementation shipped with ctrlstore.
 *
 * <p>Implementations must be authenticated encryption: {@link #decrypt} of anything that {@link #encrypt} did not
 * produce with the same key and the same associated data fails with {@link SecretDecryptionException}, and never
 * returns altered plaintext. Encryption must be randomized (two encryptions of one plaintext differ), and the
 * ciphertext must not reveal the plaintext beyond its length. Implementations are thread-safe.
 *
 * <p><b>Associated data.</b> Backends bind every ciphertext to its row by passing
 * {@link #associatedData(TenantId, InstanceId, String) associatedData(tenant, instance, key)}, the UTF-8 bytes of
 * {@code tenant|instance|key}, to both methods. A ciphertext copied to another row (another tenant, instance or
 * key) then does not decrypt, so someone with write access to the database cannot move a secret to where it would
 * be handed to another service. The secret's id is not part of it, so an update keeps its binding.
 */
public interface SecretCipher {

    /**
     * Encrypts a value.
     *
     * @param plaintext the value's bytes; not changed
     * @param associatedData data the ciphertext is bound to but that is not encrypted (see the type's javadoc)
     * @return a new array: the ciphertext, with whatever the implementation needs to decrypt it (nonce, version)
     * @throws dev.ctrlstore.store.InvalidArgumentException if an argument is null
     */
    byte[] encrypt(byte[] plaintext, byte[] associatedData);

    /**
     * Decrypts what {@link #encrypt} returned for the same associated data.
     *
     * @param ciphertext what {@link #encrypt} returned; not changed
     * @param associatedData the associated data given to {@link #encrypt}
     * @return a new array holding the plaintext
     * @throws SecretDecryptionException if the ciphertext was made with another key or other associated data, was
     *     changed or truncated, or is not in this cipher's format
     * @throws dev.ctrlstore.store.InvalidArgumentException if an argument is null
     */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData);

    /**
     * The associated data that binds a secret's ciphertext to its row: the UTF-8 bytes of
     * {@code <tenant id>|<instance id>|<key>}. Unambiguous, because neither ids nor keys can contain {@code |}.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException if an argument is null
     */
    static byte[] associatedData(TenantId tenantId, InstanceId instanceId, String key) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        Checks.notNull(key, "key");
        return (tenantId.value() + "|" + instanceId.value() + "|" + key).getBytes(StandardCharsets.UTF_8);
    }
}
