package dev.ctrlstore.store.control;

/**
 * The six field types of a control table, by their API names. Values of a row are checked against these before
 * anything is written, so the center and every replica hold the same value.
 */
public enum FieldType {
    /** Text of at most 191 characters, without U+0000; may be a key. */
    STRING("string", true),
    /** An exact signed 64-bit integer; may be a key. */
    INTEGER("integer", true),
    /** A finite binary floating-point number (double). */
    DECIMAL("decimal", false),
    /** Text of any length, without U+0000. */
    TEXT("text", false),
    /** Bytes of any length (base64 on the wire). */
    BINARY("binary", false),
    /** At most 255 bytes (base64 on the wire); may be a key. */
    BYTESTRING("bytestring", true);

    private final String apiName;
    private final boolean keyAllowed;

    FieldType(String apiName, boolean keyAllowed) {
        this.apiName = apiName;
        this.keyAllowed = keyAllowed;
    }

    /** The name on the wire and in the registry, e.g. {@code bytestring}. */
    public String apiName() {
        return apiName;
    }

    /** Whether a field of this type may be part of a primary key. */
    public boolean keyAllowed() {
        return keyAllowed;
    }

    /**
     * The type named {@code apiName} (case-insensitive).
     *
     * @throws ControlException ({@link ControlException.Reason#INVALID}) naming the unknown type
     */
    public static FieldType ofApiName(String apiName) {
        if (apiName != null) {
            for (FieldType t : values()) {
                if (t.apiName.equalsIgnoreCase(apiName)) {
                    return t;
                }
            }
        }
        throw new ControlException(ControlException.Reason.INVALID, "Type '" + apiName + "' unknown; the types are"
                + " string, integer, decimal, text, binary and bytestring", null, null);
    }
}
