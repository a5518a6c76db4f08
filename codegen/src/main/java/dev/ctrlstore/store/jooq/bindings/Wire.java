package dev.ctrlstore.store.jooq.bindings;

import dev.ctrlstore.store.WireValue;
import org.jooq.Converter;

import java.io.Serial;

/**
 * An enum column: the API's {@link WireValue} enum as its wire text ({@code rolled_back}), the generated classes'
 * forced type for every enum column. Text that is no constant's wire form fails as {@link WireValue#parse} does.
 */
public final class Wire<E extends Enum<E> & WireValue> implements Converter<String, E> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Class<E> type;

    private Wire(Class<E> type) {
        this.type = type;
    }

    public static <E extends Enum<E> & WireValue> Wire<E> of(Class<E> type) {
        return new Wire<>(type);
    }

    @Override
    public E from(String text) {
        return text == null ? null : WireValue.parse(type, text, type.getSimpleName());
    }

    @Override
    public String to(E value) {
        return value == null ? null : value.wire();
    }

    @Override
    public Class<String> fromType() {
        return String.class;
    }

    @Override
    public Class<E> toType() {
        return type;
    }
}
