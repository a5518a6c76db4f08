package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.secret.SecretCipher;
import dev.ctrlstore.store.sql.ledger.LedgerMode;

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
    private LedgerMode ledger = LedgerMode.OFF;

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

    /**
     * Whether every committed write of a replicated table appends its row images to the ledger in the same
     * transaction, for replicas to follow. Default: {@link LedgerMode#OFF}.
     */
    public final B ledger(LedgerMode ledger) {
        this.ledger = Checks.notNull(ledger, "ledger");
        return self();
    }

    protected final LedgerMode ledgerMode() {
        return ledger;
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
