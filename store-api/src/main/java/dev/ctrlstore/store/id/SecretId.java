package dev.ctrlstore.store.id;

/**
 * Id of a secret (prefix {@code sec}).
 *
 * @param value the canonical text form, e.g. {@code sec_01h455vb4pex5vsknk084sn02q}
 */
public record SecretId(String value) implements TypedId, Comparable<SecretId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "sec";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public SecretId {
        TypeIds.check(value, PREFIX, "secretId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static SecretId parse(String text) {
        return new SecretId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static SecretId generate() {
        return new SecretId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(SecretId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
