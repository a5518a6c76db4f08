package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The plaintext of a secret: up to {@value #MAX_BYTES} arbitrary bytes (zero bytes and non-UTF-8 data included).
 * Immutable: it keeps its own copy of the bytes it is made from and hands out copies, so no caller can change it.
 * {@link #toString()} shows only the length, never the content, so a value cannot leak into logs by accident.
 * Not a record on purpose: a record would expose its array component and print it.
 */
public final class SecretValue {
    /** The largest value, in bytes: 64 KiB. */
    public static final int MAX_BYTES = 65_536;

    private final byte[] bytes;

    private SecretValue(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidArgumentException("secret.value",
                    "secret.value must be at most " + MAX_BYTES + " bytes, got " + bytes.length);
        }
        this.bytes = bytes;
    }

    /**
     * A value holding a copy of {@code bytes}; changing the array afterwards does not change the value.
     *
     * @throws InvalidArgumentException (field {@code secret.value}) if {@code bytes} is null or longer than
     *     {@value #MAX_BYTES} bytes
     */
    public static SecretValue of(byte[] bytes) {
        return new SecretValue(Checks.notNull(bytes, "secret.value").clone());
    }

    /**
     * A value holding the UTF-8 encoding of {@code text} (unpaired surrogates are encoded as {@code ?}).
     *
     * @throws InvalidArgumentException (field {@code secret.value}) if {@code text} is null or its encoding is
     *     longer than {@value #MAX_BYTES} bytes
     */
    public static SecretValue ofUtf8(String text) {
        return new SecretValue(Checks.notNull(text, "secret.value").getBytes(StandardCharsets.UTF_8));
    }

    /** A new copy of the bytes on every call; changing it does not change this value. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes decoded as UTF-8; malformed sequences become U+FFFD. */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Equal when the bytes are equal; compared with {@link MessageDigest#isEqual}, which does not stop early. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** {@code SecretValue[<n> bytes]}; never the content. */
    @Override
    public String toString() {
        return "SecretValue[" + bytes.length + " bytes]";
    }
}
