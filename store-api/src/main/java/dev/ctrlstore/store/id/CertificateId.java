package dev.ctrlstore.store.id;

/**
 * Id of a TLS certificate (prefix {@code cert}).
 *
 * @param value the canonical text form, e.g. {@code cert_01h455vb4pex5vsknk084sn02q}
 */
public record CertificateId(String value) implements TypedId, Comparable<CertificateId> {
    /** The TypeID prefix of this id type. */
    public static final String PREFIX = "cert";

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code value} is null, blank, has another prefix or a
     *     malformed suffix; the message names the input and the expected prefix
     */
    public CertificateId {
        TypeIds.check(value, PREFIX, "certificateId");
    }

    /**
     * Parses the text form; never returns null.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException as the constructor does
     */
    public static CertificateId parse(String text) {
        return new CertificateId(text);
    }

    /** A new, unique id whose UUIDv7 carries the current time. */
    public static CertificateId generate() {
        return new CertificateId(TypeIds.generate(PREFIX));
    }

    @Override
    public int compareTo(CertificateId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
