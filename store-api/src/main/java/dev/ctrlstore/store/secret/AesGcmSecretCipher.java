package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A {@link SecretCipher} with AES-256 in GCM mode, from the JDK's {@code javax.crypto} alone. Each encryption uses a
 * fresh random 12-byte nonce and a 128-bit authentication tag; the output is
 * {@code 1 version byte (1) | 12-byte nonce | ciphertext | 16-byte tag}, so a value of n bytes takes n + 29 bytes.
 * Random nonces keep the collision risk negligible up to about 2<sup>32</sup> encryptions under one key; rotate
 * the key long before that. Thread-safe. {@link #toString()} never shows the key.
 */
public final class AesGcmSecretCipher implements SecretCipher {
    /** The first byte of every ciphertext this cipher writes; other formats may follow. */
    static final byte FORMAT_VERSION = 1;
    /** Key length in bytes (AES-256). */
    public static final int KEY_BYTES = 32;
    /** A shell command that prints a new random key in the form {@link #fromBase64} takes. */
    public static final String MAKE_KEY = "openssl rand -base64 32";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private AesGcmSecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES"); // copies the array
        try {
            Cipher.getInstance(TRANSFORMATION).init(Cipher.ENCRYPT_MODE, this.key,
                    new GCMParameterSpec(TAG_BITS, new byte[NONCE_BYTES]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot run " + TRANSFORMATION + " with a 256-bit key", e);
        }
    }

    /**
     * A cipher with this key.
     *
     * @param key exactly 32 random bytes; copied, so the caller may wipe its array afterwards
     * @throws InvalidArgumentException (field {@code key}) if the key is null or not 32 bytes long
     */
    public static AesGcmSecretCipher of(byte[] key) {
        Checks.notNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new InvalidArgumentException("key", "key must be " + KEY_BYTES + " bytes (AES-256), got "
                    + key.length + " bytes; generate one with 32 bytes from a SecureRandom");
        }
        return new AesGcmSecretCipher(key);
    }

    /**
     * A cipher with a key given in standard Base64 (44 characters for 32 bytes), e.g. from configuration. Make a key
     * with {@value #MAKE_KEY}.
     *
     * @throws InvalidArgumentException (field {@code key}) if the text is null, blank (an unset setting), not Base64
     *     or does not decode to 32 bytes; the message says how to make a key and does not repeat the text
     */
    public static AesGcmSecretCipher fromBase64(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidArgumentException("key", "key (the AES-256 key that encrypts secret values) is not set:"
                    + " AesGcmSecretCipher.fromBase64 got " + (key == null ? "null" : key.isEmpty() ? "an empty string"
                    : "only whitespace") + "; make a key with `" + MAKE_KEY + "`, keep it safe (secrets stored under"
                    + " it cannot be read without it) and pass it in, e.g. from an environment variable such as"
                    + " CTRLSTORE_SECRET_KEY");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("key", "key (the AES-256 key that encrypts secret values) is not valid"
                    + " standard Base64 (" + key.length() + " characters); expected the Base64 form of " + KEY_BYTES
                    + " bytes, as `" + MAKE_KEY + "` prints");
        }
        try {
            if (raw.length != KEY_BYTES) {
                throw new InvalidArgumentException("key", "key (the AES-256 key that encrypts secret values) must"
                        + " decode to " + KEY_BYTES + " bytes, got " + raw.length + " bytes; make one with `"
                        + MAKE_KEY + "`");
            }
            return of(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** @throws InvalidArgumentException if an argument is null */
    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        Checks.notNull(plaintext, "plaintext");
        Checks.notNull(associatedData, "associatedData");
        byte[] out = new byte[OVERHEAD + plaintext.length];
        out[0] = FORMAT_VERSION;
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + NONCE_BYTES);
            if (written != out.length - 1 - NONCE_BYTES) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected "
                        + (out.length - 1 - NONCE_BYTES));
            }
            return out;
        } catch (GeneralSecurityException e) {
            // The constructor proved the JDK supports the transformation and key; this cannot happen.
            throw new IllegalStateException("AES-GCM encryption failed unexpectedly", e);
        }
    }

    /**
     * @throws SecretDecryptionException if the input is shorter than 29 bytes, has an unknown format version, or
     *     fails authentication (another key, other associated data, any changed byte)
     * @throws InvalidArgumentException if an argument is null
     */
    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
        Checks.notNull(ciphertext, "ciphertext");
        Checks.notNull(associatedData, "associatedData");
        if (ciphertext.length < OVERHEAD) {
            throw new SecretDecryptionException("the ciphertext is " + ciphertext.length + " bytes, shorter than the "
                    + OVERHEAD + " bytes every AES-GCM ciphertext has; it was truncated", null);
        }
        if (ciphertext[0] != FORMAT_VERSION) {
            throw new SecretDecryptionException("unknown ciphertext format version " + (ciphertext[0] & 0xff)
                    + ", expected " + FORMAT_VERSION, null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext, 1 + NONCE_BYTES, ciphertext.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException("authentication failed: the key, the associated data or the"
                    + " ciphertext does not match", e);
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("AES-GCM decryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Names the algorithm; never shows the key. */
    @Override
    public String toString() {
        return "AesGcmSecretCipher[AES-256-GCM]";
    }
}
