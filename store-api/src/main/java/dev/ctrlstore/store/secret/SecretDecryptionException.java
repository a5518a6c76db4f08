package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.id.TenantId;

/**
 * A stored secret value could not be decrypted: the store was opened with another encryption key than the one the
 * value was written with, or the stored data is corrupt (changed, truncated, or moved from another row). Nothing is
 * returned in its place. Retrying does not help; check the configured key. The message never contains plaintext.
 */
public final class SecretDecryptionException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure found by a {@link SecretCipher}, which does not know which secret it is decrypting.
     *
     * @param detail what was wrong with the ciphertext, e.g. {@code authentication failed}; must not contain
     *     plaintext or key material
     * @param cause the underlying exception, or null
     */
    public SecretDecryptionException(String detail, Throwable cause) {
        super("secret value could not be decrypted (" + detail + "); the encryption key may be wrong or the stored"
                + " data corrupt", null, ResourceKind.SECRET, null, cause);
    }

    /**
     * The same failure, reported for the secret a backend was reading.
     *
     * @param tenantId the tenant of the secret
     * @param key the secret's key
     * @param cause the failure the cipher reported
     */
    public SecretDecryptionException(TenantId tenantId, String key, SecretDecryptionException cause) {
        super("secret " + key + (tenantId == null ? "" : " in tenant " + tenantId) + " could not be decrypted; the"
                + " encryption key may be wrong or the stored data corrupt (see the cause for details)",
                tenantId, ResourceKind.SECRET, key, cause);
    }
}
