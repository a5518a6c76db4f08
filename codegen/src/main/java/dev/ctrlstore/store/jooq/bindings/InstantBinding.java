package dev.ctrlstore.store.jooq.bindings;

import dev.ctrlstore.store.internal.Times;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Binds the schema's {@code ${ts}} columns as {@link Instant}s: epoch microseconds in SQLite's BIGINT columns
 * (exact, and sorted as numbers), {@code TIMESTAMPTZ} in PostgreSQL. The generated classes are built from the
 * SQLite schema, so the declared database type is {@code Long} and the dialect of the running query decides.
 */
public final class InstantBinding implements JdbcBinding<Long, Instant> {
    private static final long serialVersionUID = 1L;

    private static final Converter<Long, Instant> MICROS = Converter.ofNullable(Long.class, Instant.class,
            Times::ofEpochMicros, Times::epochMicros);

    @Override
    public Converter<Long, Instant> converter() {
        return MICROS;
    }

    @Override
    public void sql(BindingSQLContext<Instant> ctx) throws SQLException {
        if (ctx.render().paramType() != ParamType.INLINED) {
            ctx.render().sql(ctx.variable());
        } else if (ctx.value() == null) {
            ctx.render().sql("null");
        } else if (timestamptz(ctx.dialect())) {
            ctx.render().sql("timestamptz '" + OffsetDateTime.ofInstant(ctx.value(), ZoneOffset.UTC) + "'");
        } else {
            ctx.render().sql(Long.toString(Times.epochMicros(ctx.value())));
        }
    }

    @Override
    public void register(BindingRegisterContext<Instant> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(),
                timestamptz(ctx.dialect()) ? Types.TIMESTAMP_WITH_TIMEZONE : Types.BIGINT);
    }

    @Override
    public void set(BindingSetStatementContext<Instant> ctx) throws SQLException {
        write(ctx.statement(), ctx.index(), ctx.value(), ctx.dialect());
    }

    @Override
    public void get(BindingGetResultSetContext<Instant> ctx) throws SQLException {
        ctx.value(read(ctx.resultSet(), ctx.index(), ctx.dialect()));
    }

    @Override
    public void get(BindingGetStatementContext<Instant> ctx) throws SQLException {
        if (timestamptz(ctx.dialect())) {
            OffsetDateTime value = ctx.statement().getObject(ctx.index(), OffsetDateTime.class);
            ctx.value(value == null ? null : value.toInstant());
        } else {
            long micros = ctx.statement().getLong(ctx.index());
            ctx.value(ctx.statement().wasNull() ? null : Times.ofEpochMicros(micros));
        }
    }

    @Override
    public Instant read(ResultSet rs, int index, SQLDialect dialect) throws SQLException {
        if (timestamptz(dialect)) {
            OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        // SQLite keeps whatever a column is given: getLong would read text as 0 (the epoch) or as its leading
        // digits, so anything but an integer is refused instead.
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer) {
            return Times.ofEpochMicros(((Number) value).longValue());
        }
        throw new IllegalArgumentException("expected an integer of epoch microseconds, found "
                + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + quote(value));
    }

    @Override
    public void write(PreparedStatement ps, int index, Instant value, SQLDialect dialect) throws SQLException {
        if (timestamptz(dialect)) {
            if (value == null) {
                ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            }
        } else if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, Times.epochMicros(value));
        }
    }

    private static String quote(Object value) {
        String text = String.valueOf(value);
        return "\"" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"";
    }

    @Override
    public void set(BindingSetSQLOutputContext<Instant> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("timestamps are never written to SQL structured types");
    }

    @Override
    public void get(BindingGetSQLInputContext<Instant> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("timestamps are never read from SQL structured types");
    }

    private static boolean timestamptz(SQLDialect dialect) {
        return dialect.family() == SQLDialect.POSTGRES;
    }
}
