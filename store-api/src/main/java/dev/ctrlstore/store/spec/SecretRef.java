package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

/**
 * A reference from a service to a secret of its instance, by key. The value stays in the secret store.
 *
 * @param key the secret's key, required
 * @param type how the secret is handed to the service
 */
public record SecretRef(String key, SecretType type) {
    public SecretRef {
        key = Checks.text(key, "secretRef.key", Checks.SHORT_TEXT);
        Checks.notNull(type, "secretRef.type");
    }
}
