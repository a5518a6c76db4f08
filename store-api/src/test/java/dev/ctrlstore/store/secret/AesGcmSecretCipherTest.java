package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AesGcmSecretCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PLAINTEXT = "postgres://app:correct-horse-battery-staple@db:5432/app"
            .getBytes(StandardCharsets.UTF_8);

    private final byte[] key = randomKey();
    private final AesGcmSecretCipher cipher = AesGcmSecretCipher.of(key);
    private final byte[] ad = SecretCipher.associatedData(TenantId.generate(), InstanceId.generate(), "DB_URL");

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    @Test
    void roundTripsTextBinaryEmptyAndMaximalValues() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        byte[] max = new byte[SecretValue.MAX_BYTES];
        RANDOM.nextBytes(max);
        for (byte[] plaintext : new byte[][] {PLAINTEXT, binary, new byte[0], max}) {
            byte[] ciphertext = cipher.encrypt(plaintext, ad);
            assertThat(ciphertext).hasSize(plaintext.length + 29);
            assertThat(ciphertext[0]).isEqualTo((byte) 1);
            assertThat(cipher.decrypt(ciphertext, ad)).isEqualTo(plaintext);
        }
    }

    @Test
    void anotherInstanceWithTheSameKeyDecrypts() {
        byte[] ciphertext = cipher.encrypt(PLAINTEXT, ad);
        assertThat(AesGcmSecretCipher.of(key.clone()).decrypt(ciphertext, ad)).isEqualTo(PLAINTEXT);
        assertThat(AesGcmSecretCipher.fromBase64(Base64.getEncoder().encodeToString(key)).decrypt(ciphertext, ad))
                .isEqualTo(PLAINTEXT);
    }

    @Test
    void decryptsTheDocumentedFormatMadeByPlainJca() throws Exception {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher jca = Cipher.getInstance("AES/GCM/NoPadding");
        jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        jca.updateAAD(ad);
        byte[] body = jca.doFinal(PLAINTEXT);
        byte[] framed = new byte[1 + nonce.length + body.length];
        framed[0] = 1;
        System.arraycopy(nonce, 0, framed, 1, nonce.length);
        System.arraycopy(body, 0, framed, 1 + nonce.length, body.length);

        assertThat(cipher.decrypt(framed, ad)).isEqualTo(PLAINTEXT);
    }

    @Test
    void twoEncryptionsOfOnePlaintextDiffer() {
        byte[] a = cipher.encrypt(PLAINTEXT, ad);
        byte[] b = cipher.encrypt(PLAINTEXT, ad);
        assertThat(a).isNotEqualTo(b);
        assertThat(Arrays.copyOfRange(a, 1, 13)).as("nonce").isNotEqualTo(Arrays.copyOfRange(b, 1, 13));
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        byte[] ciphertext = cipher.encrypt(PLAINTEXT, ad);
        assertThat(indexOf(ciphertext, PLAINTEXT)).isEqualTo(-1);
        // not even an 8-byte run of it
        for (int i = 0; i + 8 <= PLAINTEXT.length; i++) {
            assertThat(indexOf(ciphertext, Arrays.copyOfRange(PLAINTEXT, i, i + 8))).isEqualTo(-1);
        }
    }

    @Test
    void changingAnyByteFailsToDecrypt() {
        byte[] ciphertext = cipher.encrypt(PLAINTEXT, ad);
        for (int i = 0; i < ciphertext.length; i++) {
            byte[] tampered = ciphertext.clone();
            tampered[i] ^= 0x01;
            int index = i;
            assertDecryptionFails(() -> cipher.decrypt(tampered, ad), "byte " + index);
        }
    }

    @Test
    void wrongKeyFailsToDecrypt() {
        byte[] ciphertext = cipher.encrypt(PLAINTEXT, ad);
        assertDecryptionFails(() -> AesGcmSecretCipher.of(randomKey()).decrypt(ciphertext, ad), "wrong key");
    }

    @Test
    void wrongAssociatedDataFailsToDecrypt() {
        TenantId tenant = TenantId.generate();
        InstanceId instance = InstanceId.generate();
        byte[] bound = SecretCipher.associatedData(tenant, instance, "DB_URL");
        byte[] ciphertext = cipher.encrypt(PLAINTEXT, bound);

        assertDecryptionFails(() -> cipher.decrypt(ciphertext,
                SecretCipher.associatedData(TenantId.generate(), instance, "DB_URL")), "other tenant");
        assertDecryptionFails(() -> cipher.decrypt(ciphertext,
                SecretCipher.associatedData(tenant, InstanceId.generate(), "DB_URL")), "other instance");
        assertDecryptionFails(() -> cipher.decrypt(ciphertext,
                SecretCipher.associatedData(tenant, instance, "DB_URL2")), "other key");
        assertDecryptionFails(() -> cipher.decrypt(ciphertext, new byte[0]), "no associated data");
    }

    @Test
    void truncatedInputFailsToDecrypt() {
        byte[] ciphertext = cipher.encrypt(PLAINTEXT, ad);
        for (int length = 0; length < ciphertext.length; length++) {
            byte[] truncated = Arrays.copyOf(ciphertext, length);
            assertDecryptionFails(() -> cipher.decrypt(truncated, ad), "length " + length);
        }
        byte[] extended = Arrays.copyOf(ciphertext, ciphertext.length + 1);
        assertDecryptionFails(() -> cipher.decrypt(extended, ad), "one byte appended");
    }

    @Test
    void unknownFormatVersionFailsToDecryptAndSaysSo() {
        byte[] ciphertext = cipher.encrypt(PLAINTEXT, ad);
        ciphertext[0] = 2;
        SecretDecryptionException e = catchThrowableOfType(SecretDecryptionException.class,
                () -> cipher.decrypt(ciphertext, ad));
        assertThat(e.getMessage()).contains("format version 2");
    }

    @Test
    void keyOfTheWrongLengthIsRejected() {
        for (int length : new int[] {0, 16, 24, 31, 33, 64}) {
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> AesGcmSecretCipher.of(new byte[length]));
            assertThat(e).as("key of %d bytes", length).isNotNull();
            assertThat(e.field()).isEqualTo("key");
            assertThat(e.getMessage()).contains("32 bytes").contains("got " + length + " bytes");
        }
        InvalidArgumentException nullKey = catchThrowableOfType(InvalidArgumentException.class,
                () -> AesGcmSecretCipher.of(null));
        assertThat(nullKey.field()).isEqualTo("key");
    }

    @Test
    void base64KeyMustBeValidAndNotEchoed() {
        String notBase64 = "this is not base64 at all!";
        InvalidArgumentException bad = catchThrowableOfType(InvalidArgumentException.class,
                () -> AesGcmSecretCipher.fromBase64(notBase64));
        assertThat(bad.field()).isEqualTo("key");
        assertThat(bad.getMessage()).doesNotContain(notBase64);

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        InvalidArgumentException tooShort = catchThrowableOfType(InvalidArgumentException.class,
                () -> AesGcmSecretCipher.fromBase64(shortKey));
        assertThat(tooShort.field()).isEqualTo("key");
        assertThat(tooShort.getMessage()).contains("got 16 bytes");
    }

    @Test
    void unsetKeySaysWhichKeyAndHowToMakeOne() {
        for (String unset : new String[] {null, "", " \n"}) {
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> AesGcmSecretCipher.fromBase64(unset));
            assertThat(e).as("fromBase64(%s)", unset == null ? "null" : "\"" + unset + "\"").isNotNull();
            assertThat(e.field()).isEqualTo("key");
            assertThat(e.getMessage()).contains("AES-256 key that encrypts secret values").contains("is not set")
                    .contains("`openssl rand -base64 32`");
        }
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
        assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> AesGcmSecretCipher.fromBase64(shortKey)))
                .hasMessageContaining("got 31 bytes").hasMessageContaining("`openssl rand -base64 32`");
        assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> AesGcmSecretCipher.fromBase64("%%%")))
                .hasMessageContaining("`openssl rand -base64 32`");
    }

    @Test
    void aKeyInTheFormTheReadmeCommandPrintsIsAccepted() {
        // `openssl rand -base64 32` prints 44 characters of standard Base64 and a newline
        byte[] key = randomKey();
        String printed = Base64.getEncoder().encodeToString(key) + "\n";
        assertThat(printed).hasSize(45);
        byte[] ciphertext = AesGcmSecretCipher.of(key).encrypt(PLAINTEXT, ad);
        assertThat(AesGcmSecretCipher.fromBase64(printed).decrypt(ciphertext, ad)).isEqualTo(PLAINTEXT);
    }

    @Test
    void changingTheKeyArrayAfterwardsDoesNotChangeTheCipher() {
        byte[] k = randomKey();
        AesGcmSecretCipher c = AesGcmSecretCipher.of(k);
        byte[] ciphertext = c.encrypt(PLAINTEXT, ad);
        Arrays.fill(k, (byte) 0);
        assertThat(c.decrypt(ciphertext, ad)).isEqualTo(PLAINTEXT);
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> cipher.encrypt(null, ad)).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).field()).isEqualTo("plaintext");
        assertThatThrownBy(() -> cipher.encrypt(PLAINTEXT, null)).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).field()).isEqualTo("associatedData");
        assertThatThrownBy(() -> cipher.decrypt(null, ad)).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).field()).isEqualTo("ciphertext");
    }

    @Test
    void toStringDoesNotShowTheKey() {
        assertThat(cipher.toString()).contains("AES-256-GCM")
                .doesNotContain(Base64.getEncoder().encodeToString(key))
                .doesNotContain(Arrays.toString(key));
    }

    @Test
    void associatedDataIsTenantInstanceAndKey() {
        TenantId tenant = TenantId.generate();
        InstanceId instance = InstanceId.generate();
        assertThat(new String(SecretCipher.associatedData(tenant, instance, "API_KEY"), StandardCharsets.UTF_8))
                .isEqualTo(tenant.value() + "|" + instance.value() + "|API_KEY");
    }

    @Test
    void decryptionExceptionIsANonRetryableSecretError() {
        byte[] ciphertext = cipher.encrypt(PLAINTEXT, ad);
        SecretDecryptionException e = catchThrowableOfType(SecretDecryptionException.class,
                () -> AesGcmSecretCipher.of(randomKey()).decrypt(ciphertext, ad));
        assertThat(e.resource()).isEqualTo(ResourceKind.SECRET);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("key may be wrong").contains("corrupt");

        TenantId tenant = TenantId.generate();
        SecretDecryptionException withContext = new SecretDecryptionException(tenant, "DB_URL", e);
        assertThat(withContext.tenantId()).isEqualTo(tenant);
        assertThat(withContext.id()).isEqualTo("DB_URL");
        assertThat(withContext.resource()).isEqualTo(ResourceKind.SECRET);
        assertThat(withContext.getCause()).isSameAs(e);
        assertThat(withContext.getMessage()).contains("DB_URL").contains(tenant.value())
                .contains("key may be wrong");
    }

    private void assertDecryptionFails(ThrowingCallable call, String what) {
        SecretDecryptionException e = catchThrowableOfType(SecretDecryptionException.class, call);
        assertThat(e).as("decryption with %s must fail", what).isNotNull();
        assertThat(e.getMessage()).contains("key may be wrong")
                .doesNotContain(new String(PLAINTEXT, StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
