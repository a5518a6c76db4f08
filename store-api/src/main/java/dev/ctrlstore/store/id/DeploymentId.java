package dev.ctrlstore.store.id;

/**
 * Id of a deployment (prefix {@code dep}).
 *
 * @param value the canonical text form, e.g. {@code dep_01h455vb4pex5vsknk084sn02q}
 */
public record DeploymentId(String value) implements TypedId, Comparable<DeploymentId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "dep";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public DeploymentId {
        TypeIds.check(value, PREFIX, "deploymentId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static DeploymentId parse(String text) {
        return new DeploymentId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static DeploymentId generate() {
        return new DeploymentId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(DeploymentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
