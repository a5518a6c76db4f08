package dev.ctrlstore.store.id;

/**
 * Id of an instance (prefix {@code inst}).
 *
 * @param value the canonical text form, e.g. {@code inst_01h455vb4pex5vsknk084sn02q}
 */
public record InstanceId(String value) implements TypedId, Comparable<InstanceId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "inst";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public InstanceId {
        TypeIds.check(value, PREFIX, "instanceId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static InstanceId parse(String text) {
        return new InstanceId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static InstanceId generate() {
        return new InstanceId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(InstanceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
