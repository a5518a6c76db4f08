package dev.ctrlstore.store.id;

/**
 * Id of a health check result (prefix {@code hres}).
 *
 * @param value the canonical text form, e.g. {@code hres_01h455vb4pex5vsknk084sn02q}
 */
public record HealthResultId(String value) implements TypedId, Comparable<HealthResultId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "hres";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public HealthResultId {
        TypeIds.check(value, PREFIX, "resultId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static HealthResultId parse(String text) {
        return new HealthResultId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static HealthResultId generate() {
        return new HealthResultId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(HealthResultId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
