package dev.ctrlstore.store.id;

/**
 * Id of a tenant: the scope of every tenant-owned row (prefix {@code ten}).
 *
 * @param value the canonical text form, e.g. {@code ten_01h455vb4pex5vsknk084sn02q}
 */
public record TenantId(String value) implements TypedId, Comparable<TenantId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "ten";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public TenantId {
        TypeIds.check(value, PREFIX, "tenantId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static TenantId parse(String text) {
        return new TenantId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static TenantId generate() {
        return new TenantId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
