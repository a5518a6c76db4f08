package dev.ctrlstore.store;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum whose constants have an exact lower-case text form, the one used in JSON, in SQL columns and on the wire
 * (e.g. {@code rolled_back}). Stores write {@link #wire()}, never {@code name()} or {@code toString()}.
 */
public interface WireValue {

    /** The exact text form. */
    String wire();

    /**
     * The constant of {@code type} whose {@link #wire()} is {@code text}.
     *
     * @throws InvalidArgumentException naming {@code field}, the text and the allowed values
     */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String text, String field) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(text)) {
                return e;
            }
        }
        throw new InvalidArgumentException(field, field + " \"" + text + "\" is not one of "
                + Arrays.stream(type.getEnumConstants()).map(WireValue::wire).collect(Collectors.joining(", ")));
    }
}
