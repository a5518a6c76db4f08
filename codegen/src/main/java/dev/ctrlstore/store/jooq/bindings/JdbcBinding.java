package dev.ctrlstore.store.jooq.bindings;

import org.jooq.Binding;
import org.jooq.SQLDialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A binding whose JDBC form is also reachable without jOOQ's execution contexts, so that the stores' prepared hot
 * path (store-sql's {@code PreparedJdbc}) reads and writes the column through this very code instead of a copy of it.
 * The binding's own {@code get} and {@code set} delegate here too.
 */
public interface JdbcBinding<T, U> extends Binding<T, U> {

    /** The value at {@code index} of the current row in {@code dialect}; SQL NULL is null. */
    U read(ResultSet rs, int index, SQLDialect dialect) throws SQLException;

    /** Sets {@code value} (may be null) as parameter {@code index} in {@code dialect}. */
    void write(PreparedStatement ps, int index, U value, SQLDialect dialect) throws SQLException;
}
