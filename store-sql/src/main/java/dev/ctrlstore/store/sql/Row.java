package dev.ctrlstore.store.sql;

import org.jooq.Field;
import org.jooq.Record;

/**
 * One row of a result, read by the generated fields: the one shape row mappers take, whether the row came from a
 * {@link Prepared} query on the hot path or from a jOOQ {@link Record}. Values arrive converted (typed ids,
 * {@code Instant}s), exactly as {@link Record#get(Field)} gives them.
 */
public interface Row {

    /** The value of {@code field}, converted to its user type. */
    <T> T get(Field<T> field);

    /** A jOOQ record as a row. */
    static Row of(Record record) {
        return new Row() {
            @Override
            public <T> T get(Field<T> field) {
                return record.get(field);
            }
        };
    }
}
