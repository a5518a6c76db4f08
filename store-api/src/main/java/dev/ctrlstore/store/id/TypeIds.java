package dev.ctrlstore.store.id;

import dev.ctrlstore.store.InvalidArgumentException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * TypeID text form ({@code prefix_suffix}): the suffix is a UUIDv7 in 26 lowercase Crockford base32 characters.
 * Generation is monotonic within this process, so ids made later sort after ids made earlier.
 */
final class TypeIds {
    static final int SUFFIX_LENGTH = 26;
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final byte[] DECODE = new byte[128];
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        java.util.Arrays.fill(DECODE, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = (byte) i;
        }
    }

    private static long lastMillis = -1;
    private static int sequence;

    private TypeIds() {
    }

    static String generate(String prefix) {
        long hi;
        synchronized (TypeIds.class) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                sequence = RANDOM.nextInt(2048); // leaves room to count up within the millisecond
            } else if (++sequence > 0xFFF) {
                lastMillis++; // more than ~2000 ids in one millisecond: borrow the next one
                sequence = 0;
            }
            hi = (lastMillis << 16) | 0x7000L | sequence;
        }
        long lo = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return prefix + "_" + encode(hi, lo);
    }

    /**
     * Checks {@code value} is {@code prefix_} followed by a base32 UUIDv7.
     *
     * @throws InvalidArgumentException naming {@code field}, the input and the expected prefix
     */
    static void check(String value, String prefix, String field) {
        if (value == null) {
            throw new InvalidArgumentException(field, field + " must not be null");
        }
        String expected = prefix + "_";
        if (value.isBlank()) {
            throw new InvalidArgumentException(field,
                    field + " must not be blank; expected a TypeID like " + expected + "01h455vb4pex5vsknk084sn02q");
        }
        if (!value.startsWith(expected)) {
            int sep = value.lastIndexOf('_');
            String got = sep < 0 ? "no prefix" : "prefix \"" + value.substring(0, sep) + "\"";
            throw new InvalidArgumentException(field, field + " \"" + abbreviate(value)
                    + "\" has " + got + "; expected prefix \"" + prefix + "\"");
        }
        String suffix = value.substring(expected.length());
        String problem = suffixProblem(suffix);
        if (problem != null) {
            throw new InvalidArgumentException(field, field + " \"" + abbreviate(value) + "\" is not a valid "
                    + prefix + " id: " + problem);
        }
    }

    private static String suffixProblem(String suffix) {
        if (suffix.length() != SUFFIX_LENGTH) {
            return "the part after \"_\" must be " + SUFFIX_LENGTH + " characters, got " + suffix.length();
        }
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            char c = suffix.charAt(i);
            if (c >= 128 || DECODE[c] < 0) {
                return "character '" + c + "' at position " + i + " is not lowercase Crockford base32";
            }
        }
        if (suffix.charAt(0) > '7') {
            return "the first character must be 0-7 (the value overflows 128 bits)";
        }
        UUID uuid = decode(suffix);
        if (uuid.version() != 7 || uuid.variant() != 2) {
            return "it does not encode a UUIDv7";
        }
        return null;
    }

    static UUID decode(String suffix) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            hi = (hi << 5) | (lo >>> 59);
            lo = (lo << 5) | DECODE[suffix.charAt(i)];
        }
        return new UUID(hi, lo);
    }

    static String encode(long hi, long lo) {
        char[] out = new char[SUFFIX_LENGTH];
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            int shift = 5 * (SUFFIX_LENGTH - 1 - i);
            long bits;
            if (shift >= 64) {
                bits = hi >>> (shift - 64);
            } else if (shift == 0) {
                bits = lo;
            } else {
                bits = (lo >>> shift) | (hi << (64 - shift));
            }
            out[i] = ALPHABET[(int) (bits & 31)];
        }
        return new String(out);
    }

    static Instant timestamp(String value) {
        UUID uuid = decode(value.substring(value.lastIndexOf('_') + 1));
        return Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
