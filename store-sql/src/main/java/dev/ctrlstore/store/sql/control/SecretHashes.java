package dev.ctrlstore.store.sql.control;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Writer secrets as salted, slow hashes in the form {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64
 * without padding), PBKDF2-HMAC-SHA256 from the JDK. The iterations travel with each hash, so raising them later
 * keeps older secrets valid. Never logs or reports a secret.
 */
final class SecretHashes {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private SecretHashes() {
    }

    /** A new hash of {@code secret} with a fresh salt. */
    static String hash(String secret, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(pbkdf2(secret, salt, iterations, HASH_BITS));
    }

    /** Whether {@code secret} is the one {@code stored} was made from; compares in constant time. */
    static boolean matches(String secret, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalStateException("a writer's stored secret hash is not in the form " + SCHEME
                    + "$iterations$salt$hash; it was changed outside ctrlstore: register the writer again");
        }
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = pbkdf2(secret, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]),
                expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    /** A fast digest of {@code secret}, what the verification memory compares (never stored). */
    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
