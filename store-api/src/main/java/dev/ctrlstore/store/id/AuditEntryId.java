package dev.ctrlstore.store.id;

/**
 * Id of an audit log entry (prefix {@code aud}).
 *
 * @param value the canonical text form, e.g. {@code aud_01h455vb4pex5vsknk084sn02q}
 */
public record AuditEntryId(String value) implements TypedId, Comparable<AuditEntryId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "aud";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public AuditEntryId {
        TypeIds.check(value, PREFIX, "auditEntryId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static AuditEntryId parse(String text) {
        return new AuditEntryId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static AuditEntryId generate() {
        return new AuditEntryId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(AuditEntryId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
