package dev.ctrlstore.store.id;

/**
 * Id of a custom domain (prefix {@code dom}).
 *
 * @param value the canonical text form, e.g. {@code dom_01h455vb4pex5vsknk084sn02q}
 */
public record DomainId(String value) implements TypedId, Comparable<DomainId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "dom";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public DomainId {
        TypeIds.check(value, PREFIX, "domainId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static DomainId parse(String text) {
        return new DomainId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static DomainId generate() {
        return new DomainId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(DomainId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
