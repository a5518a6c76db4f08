package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.internal.Checks;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.function.Supplier;

/**
 * Guards and conditions for text a caller looks up. Text that is not {@link Checks#isStorable storable} (U+0000, an unpaired
 * surrogate) is in no row, so it matches nothing without being bound: PostgreSQL rejects U+0000 in a bind value,
 * and both drivers would turn an unpaired surrogate into {@code ?} and match rows that hold one.
 */
final class Lookups {
    private Lookups() {
    }

    /** Throws {@code notFound} before any SQL runs if no row can hold {@code value}; a point lookup's guard. */
    static void findable(String value, Supplier<NotFoundException> notFound) {
        if (!Checks.isStorable(value)) {
            throw notFound.get();
        }
    }

    /** {@code field = value}, or a condition that is always false if no row can hold {@code value}. */
    static Condition eq(Field<String> field, String value) {
        return Checks.isStorable(value) ? field.eq(value) : DSL.falseCondition();
    }

    /** {@code field} contains {@code value} literally ({@link Field#contains}), or always false as {@link #eq}. */
    static Condition contains(Field<String> field, String value) {
        return Checks.isStorable(value) ? field.contains(value) : DSL.falseCondition();
    }
}
