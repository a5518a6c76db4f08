package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.secret.SecretCipher;

import java.time.Clock;
import java.util.Optional;

/**
 * The settings every SQL backend's builder has: the clock and the secret cipher.
 *
 * @param <B> the concrete builder, returned by the setters so calls chain
 */
public abstract class SqlStoreBuilder<B extends SqlStoreBuilder<B>> {
    private Clock clock = Clock.systemUTC();
    private SecretCipher secretCipher;

    protected SqlStoreBuilder() {
    }

    /** Where createdAt/updatedAt come from. Default: the system clock (UTC). */
    public final B clock(Clock clock) {
        this.clock = Checks.notNull(clock, "clock");
        return self();
    }

    /**
     * Encrypts secret values at rest, e.g. {@code AesGcmSecretCipher.fromBase64(key)}. Default: none, and then the
     * secret methods that need a value fail saying so.
     */
    public final B secretCipher(SecretCipher secretCipher) {
        this.secretCipher = Checks.notNull(secretCipher, "secretCipher");
        return self();
    }

    protected final Clock clock() {
        return clock;
    }

    protected final Optional<SecretCipher> secretCipher() {
        return Optional.ofNullable(secretCipher);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
