package dev.ctrlstore.cli;

import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import picocli.CommandLine.Command;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;

@Command(name = "secret-key", mixinStandardHelpOptions = true,
        description = "Prints a new random AES-256 key, base64, for CTRLSTORE_SECRET_KEY (AesGcmSecretCipher).")
final class SecretKeyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        byte[] key = new byte[AesGcmSecretCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        AesGcmSecretCipher.fromBase64(encoded); // the form the stores accept, checked
        System.out.println(encoded);
        return 0;
    }
}
