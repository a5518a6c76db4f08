package dev.ctrlstore.store.id;

/**
 * Id of a release (prefix {@code rel}).
 *
 * @param value the canonical text form, e.g. {@code rel_01h455vb4pex5vsknk084sn02q}
 */
public record ReleaseId(String value) implements TypedId, Comparable<ReleaseId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "rel";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public ReleaseId {
        TypeIds.check(value, PREFIX, "releaseId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static ReleaseId parse(String text) {
        return new ReleaseId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static ReleaseId generate() {
        return new ReleaseId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(ReleaseId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
