package dev.ctrlstore.store.id;

/**
 * Id of a health check (prefix {@code chk}).
 *
 * @param value the canonical text form, e.g. {@code chk_01h455vb4pex5vsknk084sn02q}
 */
public record HealthCheckId(String value) implements TypedId, Comparable<HealthCheckId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "chk";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public HealthCheckId {
        TypeIds.check(value, PREFIX, "checkId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static HealthCheckId parse(String text) {
        return new HealthCheckId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static HealthCheckId generate() {
        return new HealthCheckId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(HealthCheckId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
