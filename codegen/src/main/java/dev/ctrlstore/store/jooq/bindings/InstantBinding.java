package dev.ctrlstore.store.jooq.bindings;

import dev.ctrlstore.store.internal.Times;
import org.jooq.Binding;
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

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Binds the schema's {@code ${ts}} columns as {@link Instant}s: epoch microseconds in SQLite's BIGINT columns
 * (exact, and sorted as numbers), {@code TIMESTAMPTZ} in PostgreSQL. The generated classes are built from the
 * SQLite schema, so the declared database type is {@code Long} and the dialect of the running query decides.
 */
public final class InstantBinding implements Binding<Long, Instant> {
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
        Instant value = ctx.value();
        if (timestamptz(ctx.dialect())) {
            if (value == null) {
                ctx.statement().setNull(ctx.index(), Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ctx.statement().setObject(ctx.index(), OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        } else if (value == null) {
            ctx.statement().setNull(ctx.index(), Types.BIGINT);
        } else {
            ctx.statement().setLong(ctx.index(), Times.epochMicros(value));
        }
    }

    @Override
    public void get(BindingGetResultSetContext<Instant> ctx) throws SQLException {
        if (timestamptz(ctx.dialect())) {
            OffsetDateTime value = ctx.resultSet().getObject(ctx.index(), OffsetDateTime.class);
            ctx.value(value == null ? null : value.toInstant());
        } else {
            long micros = ctx.resultSet().getLong(ctx.index());
            ctx.value(ctx.resultSet().wasNull() ? null : Times.ofEpochMicros(micros));
        }
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
