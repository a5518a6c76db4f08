package dev.ctrlstore.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.jooq.bindings.Json;
import dev.ctrlstore.store.spec.DeploymentSource;
import dev.ctrlstore.store.spec.Endpoint;
import dev.ctrlstore.store.spec.ServiceSpec;
import dev.ctrlstore.store.spec.WorkloadKind;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code instances} row in hand-written JDBC, for the raw baselines of both SQL stores: the SQL, a row mapped
 * into the same {@link Instance} record with the same JSON mapper ({@link Json}) the store uses, and an instance
 * bound for an insert exactly as the store writes it. The schema is the same in both dialects but for the time
 * columns, which a {@link TimeColumn} reads and writes: epoch microseconds in SQLite, {@code TIMESTAMPTZ} in
 * PostgreSQL.
 */
final class RawRows {
    static final Json.Column<List<ServiceSpec>> SERVICES = Json.list(ServiceSpec.class);
    static final Json.Column<DeploymentSource> SOURCE = Json.column(DeploymentSource.class);
    static final Json.Column<List<Endpoint>> ENDPOINTS = Json.column(new TypeReference<>() { });

    static final String COLUMNS = "id, tenant_id, name, slug, datacenter_id, provider_name, provider_ref,"
            + " service_refs, region, state, kind, services, source, endpoints, labels, current_release_id,"
            + " suspended_at, created_at, updated_at, version";
    static final String SELECT_BY_ID = "select " + COLUMNS + " from instances where tenant_id = ? and id = ?";
    static final String SELECT_BY_SLUG = "select " + COLUMNS + " from instances where tenant_id = ? and slug = ?";
    static final String COUNT = "select count(*) from instances where tenant_id = ?";
    static final String PAGE_SEEK = "select " + COLUMNS + " from instances where tenant_id = ?"
            + " and (created_at, id) < (?, ?) order by created_at desc, id desc limit ?";
    static final String PAGE_FIRST = "select " + COLUMNS + " from instances where tenant_id = ?"
            + " order by created_at desc, id desc limit ?";
    static final String PAGE_OFFSET = "select " + COLUMNS + " from instances where tenant_id = ?"
            + " order by created_at desc, id desc limit ? offset ?";
    static final String INSERT = "insert into instances (" + COLUMNS + ")"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_LABEL = "insert into instance_labels (tenant_id, instance_id, label_key, label_value)"
            + " values (?, ?, ?, ?)";

    /** A point in time as one dialect stores it; null stands for SQL NULL both ways. */
    interface TimeColumn {
        Instant get(ResultSet rs, int column) throws SQLException;

        void set(PreparedStatement ps, int index, Instant value) throws SQLException;
    }

    /** SQLite: {@code BIGINT} microseconds since the epoch. */
    static final TimeColumn EPOCH_MICROS = new TimeColumn() {
        @Override
        public Instant get(ResultSet rs, int column) throws SQLException {
            long micros = rs.getLong(column);
            return rs.wasNull() ? null : Times.ofEpochMicros(micros);
        }

        @Override
        public void set(PreparedStatement ps, int index, Instant value) throws SQLException {
            if (value == null) {
                ps.setNull(index, Types.BIGINT);
            } else {
                ps.setLong(index, Times.epochMicros(value));
            }
        }
    };

    /** PostgreSQL: {@code TIMESTAMPTZ}, through {@link OffsetDateTime} in UTC as the store binds it. */
    static final TimeColumn TIMESTAMPTZ = new TimeColumn() {
        @Override
        public Instant get(ResultSet rs, int column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }

        @Override
        public void set(PreparedStatement ps, int index, Instant value) throws SQLException {
            ps.setObject(index, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC),
                    Types.TIMESTAMP_WITH_TIMEZONE);
        }
    };

    private RawRows() {
    }

    /** The row at the cursor of {@code rs}, selected as {@link #COLUMNS}. */
    static Instance instance(ResultSet rs, TimeColumn times) throws SQLException {
        String release = rs.getString(16);
        return Instance.builder()
                .id(new InstanceId(rs.getString(1)))
                .tenantId(new TenantId(rs.getString(2)))
                .name(rs.getString(3))
                .slug(rs.getString(4))
                .datacenterId(rs.getString(5))
                .providerName(rs.getString(6))
                .providerRef(rs.getString(7))
                .serviceRefs(Json.STRING_MAP.from(rs.getString(8)))
                .region(rs.getString(9))
                .state(InstanceState.fromWire(rs.getString(10)))
                .kind(WorkloadKind.fromWire(rs.getString(11)))
                .services(SERVICES.from(rs.getString(12)))
                .source(SOURCE.from(rs.getString(13)))
                .endpoints(ENDPOINTS.from(rs.getString(14)))
                .labels(Json.STRING_MAP.from(rs.getString(15)))
                .currentRelease(release == null ? null : new ReleaseId(release))
                .suspendedAt(times.get(rs, 17))
                .createdAt(times.get(rs, 18))
                .updatedAt(times.get(rs, 19))
                .version(rs.getLong(20))
                .build();
    }

    /** Runs {@link #SELECT_BY_ID} prepared as {@code ps}; null when there is no such row. */
    static Instance byId(PreparedStatement ps, TenantId tenant, InstanceId id, TimeColumn times) throws SQLException {
        return byKey(ps, tenant, id.value(), times);
    }

    /** Runs {@link #SELECT_BY_ID} or {@link #SELECT_BY_SLUG} prepared as {@code ps}; null when there is no row. */
    static Instance byKey(PreparedStatement ps, TenantId tenant, String key, TimeColumn times) throws SQLException {
        ps.setString(1, tenant.value());
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? instance(rs, times) : null;
        }
    }

    /** Runs {@link #COUNT} prepared as {@code ps}: what a page's {@code total} needs. */
    static long count(PreparedStatement ps, TenantId tenant) throws SQLException {
        ps.setString(1, tenant.value());
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs {@link #PAGE_SEEK} prepared as {@code ps}: up to {@code rows} rows after (key, id). */
    static List<Instance> seek(PreparedStatement ps, TenantId tenant, Instant key, String id, int rows,
            TimeColumn times) throws SQLException {
        ps.setString(1, tenant.value());
        times.set(ps, 2, key);
        ps.setString(3, id);
        ps.setInt(4, rows);
        return rows(ps, times);
    }

    /** Runs {@link #PAGE_FIRST} prepared as {@code ps}: the first {@code rows} rows. */
    static List<Instance> first(PreparedStatement ps, TenantId tenant, int rows, TimeColumn times)
            throws SQLException {
        ps.setString(1, tenant.value());
        ps.setInt(2, rows);
        return rows(ps, times);
    }

    /** Runs {@link #PAGE_OFFSET} prepared as {@code ps}: up to {@code rows} rows after skipping {@code offset}. */
    static List<Instance> offset(PreparedStatement ps, TenantId tenant, int rows, int offset, TimeColumn times)
            throws SQLException {
        ps.setString(1, tenant.value());
        ps.setInt(2, rows);
        ps.setInt(3, offset);
        return rows(ps, times);
    }

    private static List<Instance> rows(PreparedStatement ps, TimeColumn times) throws SQLException {
        List<Instance> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(instance(rs, times));
            }
        }
        return items;
    }

    /** {@code instance} as the store stores a new one: version 1, created and updated {@code now}. */
    static Instance stored(Instance instance, Instant now) {
        return instance.toBuilder().createdAt(now).updatedAt(now).version(1).build();
    }

    /**
     * Writes {@code stored}'s row with {@code insert} ({@link #INSERT}) and one row per label with
     * {@code insertLabel} ({@link #INSERT_LABEL}), statement by statement as the store does; the caller owns the
     * transaction.
     */
    static void insert(PreparedStatement insert, PreparedStatement insertLabel, Instance stored, TimeColumn times)
            throws SQLException {
        bind(insert, stored, times);
        insert.executeUpdate();
        for (Map.Entry<String, String> label : stored.labels().entrySet()) {
            insertLabel.setString(1, stored.tenantId().value());
            insertLabel.setString(2, stored.id().value());
            insertLabel.setString(3, label.getKey());
            insertLabel.setString(4, label.getValue());
            insertLabel.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Instance i, TimeColumn times) throws SQLException {
        ps.setString(1, i.id().value());
        ps.setString(2, i.tenantId().value());
        ps.setString(3, i.name());
        ps.setString(4, i.slug());
        ps.setString(5, i.datacenterId());
        ps.setString(6, i.providerName());
        ps.setString(7, i.providerRef());
        ps.setString(8, Json.STRING_MAP.to(i.serviceRefs()));
        ps.setString(9, i.region());
        ps.setString(10, i.state().wire());
        ps.setString(11, i.kind().wire());
        ps.setString(12, SERVICES.to(i.services()));
        ps.setString(13, i.source().map(SOURCE::to).orElse(null));
        ps.setString(14, ENDPOINTS.to(i.endpoints()));
        ps.setString(15, Json.STRING_MAP.to(i.labels()));
        ps.setString(16, i.currentRelease().map(ReleaseId::value).orElse(null));
        times.set(ps, 17, i.suspendedAt().orElse(null));
        times.set(ps, 18, i.createdAt());
        times.set(ps, 19, i.updatedAt());
        ps.setLong(20, i.version());
    }
}
