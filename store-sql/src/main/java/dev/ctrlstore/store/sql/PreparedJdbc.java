package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.jooq.bindings.JdbcBinding;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link Prepared} statements over plain JDBC in one dialect, for the backends' hot paths: the SQL rendered once,
 * values bound and columns read by the generated fields' own bindings and converters (a {@link JdbcBinding} such as
 * the instants' is called directly; otherwise the column's JDBC type is read and the field's converter applied), so
 * no column's form is written down twice. A value that cannot be read is a {@link DamagedRows damaged row}. The
 * backend owns the statements:
 * SQLite keeps one per connection for the connection's life; PostgreSQL prepares per call and lets the driver's
 * per-connection cache keep the server-side statement.
 *
 * <p>Thread-safe; one instance per backend.
 */
public final class PreparedJdbc {
    private final SQLDialect dialect;
    private final DSLContext renderer;
    private final Map<Prepared, Plan> plans = new ConcurrentHashMap<>();

    public PreparedJdbc(SQLDialect dialect, Settings settings) {
        this.dialect = dialect;
        this.renderer = DSL.using(dialect, settings);
    }

    /**
     * jOOQ on {@code connection} in this dialect, with this class's settings, reporting rows that cannot be read as
     * {@link DamagedRows} do: how the backends make every {@code DSLContext} they hand to the stores.
     */
    public DSLContext dsl(Connection connection) {
        return DSL.using(connection, dialect, renderer.settings()).configuration()
                .derive(new DefaultExecuteListenerProvider(DamagedRows.LISTENER)).dsl();
    }

    /** The statement's SQL in this dialect, rendered on first use. */
    public String sql(Prepared prepared) {
        return plan(prepared).sql;
    }

    /** Sets {@code values} (by position, user types) as the statement's parameters. */
    private static void bind(PreparedStatement ps, Prepared prepared, Plan plan, Object[] values) throws SQLException {
        if (values.length != plan.binders.length) {
            throw new IllegalArgumentException("prepared statement " + prepared.name() + " takes "
                    + plan.binders.length + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            plan.binders[i].set(ps, i + 1, values[i]);
        }
    }

    /** Binds {@code values} and executes {@code ps}, an update; returns the number of rows it changed. */
    public int executeUpdate(PreparedStatement ps, Prepared prepared, Object... values) {
        try {
            bind(ps, prepared, plan(prepared), values);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(prepared, e);
        }
    }

    /** Binds {@code values}, executes {@code ps}, a query, and maps its first row; null when it returns none. */
    public <T> T fetchFirst(PreparedStatement ps, Prepared prepared, Function<Row, T> mapper, Object... values) {
        try {
            Plan plan = plan(prepared);
            bind(ps, prepared, plan, values);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? mapper.apply(new ResultRow(prepared, plan, rs)) : null;
            }
        } catch (SQLException e) {
            throw failed(prepared, e);
        }
    }

    /** Binds {@code values}, executes {@code ps}, a query, and maps every row it returns, in order. */
    public <T> List<T> fetchAll(PreparedStatement ps, Prepared prepared, Function<Row, T> mapper, Object... values) {
        try {
            Plan plan = plan(prepared);
            bind(ps, prepared, plan, values);
            try (ResultSet rs = ps.executeQuery()) {
                Row row = new ResultRow(prepared, plan, rs);
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.apply(row));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failed(prepared, e);
        }
    }

    /** A driver error of {@code prepared}, as jOOQ reports them, so the backends translate both alike. */
    public static DataAccessException failed(Prepared prepared, SQLException e) {
        return new DataAccessException("prepared statement " + prepared.name() + ": " + e.getMessage(), e);
    }

    private Plan plan(Prepared prepared) {
        Plan plan = plans.get(prepared);
        return plan != null ? plan : plans.computeIfAbsent(prepared, this::newPlan);
    }

    private Plan newPlan(Prepared prepared) {
        List<Param<?>> params = prepared.params();
        Binder[] binders = new Binder[params.size()];
        for (int i = 0; i < binders.length; i++) {
            binders[i] = binder(params.get(i));
        }
        List<Field<?>> fields = prepared.fields();
        Column[] columns = new Column[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = column(fields.get(i));
        }
        int id = -1;
        for (int i = 0; i < fields.size() && id < 0; i++) {
            if (DamagedRows.identifies(fields.get(i))) {
                id = i + 1;
            }
        }
        return new Plan(renderer.render(prepared.query()), binders, columns, id);
    }

    @SuppressWarnings("unchecked")
    private Binder binder(Param<?> param) {
        if (param.getBinding() instanceof JdbcBinding<?, ?> binding) {
            JdbcBinding<?, Object> jdbc = (JdbcBinding<?, Object>) binding;
            return (ps, i, v) -> jdbc.write(ps, i, v, dialect);
        }
        Converter<Object, Object> converter = (Converter<Object, Object>) param.getConverter();
        if (converter.fromType() == converter.toType()) {
            return (ps, i, v) -> ps.setObject(i, v);
        }
        return (ps, i, v) -> ps.setObject(i, v == null ? null : converter.to(v));
    }

    @SuppressWarnings("unchecked")
    private Column column(Field<?> field) {
        if (field.getBinding() instanceof JdbcBinding<?, ?> binding) {
            return (rs, i) -> binding.read(rs, i, dialect);
        }
        Converter<Object, Object> converter = (Converter<Object, Object>) field.getConverter();
        Column raw = raw(field, converter.fromType());
        if (converter.fromType() == converter.toType()) {
            return raw;
        }
        return (rs, i) -> {
            Object value = raw.read(rs, i);
            return value == null ? null : converter.from(value);
        };
    }

    /** A typed JDBC getter for the column's database type (as the generated classes declare it); SQL NULL is null. */
    private static Column raw(Field<?> field, Class<?> type) {
        if (type == String.class) {
            return ResultSet::getString;
        } else if (type == Long.class) {
            return (rs, i) -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            };
        } else if (type == Integer.class) {
            return (rs, i) -> {
                int v = rs.getInt(i);
                return rs.wasNull() ? null : v;
            };
        } else if (type == Boolean.class) {
            return (rs, i) -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            };
        } else if (type == Double.class) {
            return (rs, i) -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : v;
            };
        } else if (type == byte[].class) {
            return ResultSet::getBytes;
        } else if (type == BigDecimal.class) {
            return ResultSet::getBigDecimal;
        }
        throw new IllegalArgumentException("a prepared query cannot read " + field + " of type " + type.getName());
    }

    /** The rendered SQL, a binder per parameter, a reader per column, and the column of the row's id (or -1). */
    private record Plan(String sql, Binder[] binders, Column[] columns, int idColumn) {
    }

    @FunctionalInterface
    private interface Binder {
        void set(PreparedStatement ps, int index, Object value) throws SQLException;
    }

    @FunctionalInterface
    private interface Column {
        Object read(ResultSet rs, int index) throws SQLException;
    }

    /** The current row, read by field through the plan's column readers. */
    private record ResultRow(Prepared prepared, Plan plan, ResultSet rs) implements Row {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Field<T> field) {
            int column = prepared.column(field);
            try {
                return (T) plan.columns[column - 1].read(rs, column);
            } catch (SQLException e) {
                throw new DataAccessException("prepared statement " + prepared.name()
                        + ": reading " + field + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // A converter or binding refused the stored value.
                throw DamagedRows.damaged(DamagedRows.table(field), field.getName(),
                        DamagedRows.rowId(rs, plan.idColumn), e);
            }
        }
    }
}
