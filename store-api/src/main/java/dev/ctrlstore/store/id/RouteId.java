package dev.ctrlstore.store.id;

/**
 * Id of a route (prefix {@code rte}).
 *
 * @param value the canonical text form, e.g. {@code rte_01h455vb4pex5vsknk084sn02q}
 */
public record RouteId(String value) implements TypedId, Comparable<RouteId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "rte";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public RouteId {
        TypeIds.check(value, PREFIX, "routeId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static RouteId parse(String text) {
        return new RouteId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static RouteId generate() {
        return new RouteId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(RouteId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
