package dev.ctrlstore.store.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.jooq.tables.records.InstancesRecord;
import dev.ctrlstore.store.spec.DeploymentSource;
import dev.ctrlstore.store.spec.Endpoint;
import dev.ctrlstore.store.spec.ServiceSpec;
import dev.ctrlstore.store.spec.WorkloadKind;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;
import static dev.ctrlstore.store.jooq.Tables.INSTANCE_LABELS;

/**
 * Instances in the {@code instances} table; labels also in {@code instance_labels}, which serves the label selector.
 * Children (deployments, releases, checks, domains, routes, secrets) go with an instance through the schema's
 * {@code ON DELETE CASCADE} keys.
 */
final class SqlInstanceStore extends SqlSubsystem implements InstanceStore {
    private static final Json.Column<List<ServiceSpec>> SERVICES = Json.list(ServiceSpec.class);
    private static final Json.Column<DeploymentSource> SOURCE = Json.column(DeploymentSource.class);
    private static final Json.Column<List<Endpoint>> ENDPOINTS = Json.column(new TypeReference<>() { });
    private static final Keyset<InstancesRecord, Instant, InstanceId> PAGES =
            Keyset.byTime("instances", INSTANCES, INSTANCES.CREATED_AT, INSTANCES.ID);

    SqlInstanceStore(SqlDatabase db, Clock clock) {
        super(db, clock);
    }

    @Override
    public Instance insert(Instance instance) {
        Checks.notNull(instance, "instance");
        Versions.requireNew(instance.version(), "instance", instance.id().value());
        return write("instances().insert", ctx -> {
            if (ctx.fetchExists(INSTANCES, INSTANCES.ID.eq(instance.id()))) {
                throw duplicate(instance, "id");
            }
            requireFreeSlug(ctx, instance);
            Instant now = now();
            Instance stored = instance.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            ctx.executeInsert(toRecord(stored));
            insertLabels(ctx, stored);
            return stored;
        }, column -> duplicate(instance, column));
    }

    @Override
    public Instance get(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return read(ctx -> existing(ctx, tenantId, instanceId));
    }

    @Override
    public Instance getBySlug(TenantId tenantId, String slug) {
        Checks.notNull(tenantId, "tenantId");
        Checks.text(slug, "slug", Checks.SLUG);
        return read(ctx -> ctx.selectFrom(INSTANCES)
                .where(INSTANCES.TENANT_ID.eq(tenantId), INSTANCES.SLUG.eq(slug))
                .fetchOptional(SqlInstanceStore::toInstance)
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.INSTANCE, slug)));
    }

    @Override
    public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(filter, "filter");
        Checks.notNull(page, "page");
        List<Condition> where = new ArrayList<>();
        where.add(INSTANCES.TENANT_ID.eq(tenantId));
        filter.state().ifPresent(s -> where.add(INSTANCES.STATE.eq(s.wire())));
        filter.providerName().ifPresent(p -> where.add(INSTANCES.PROVIDER_NAME.eq(p)));
        filter.datacenterId().ifPresent(d -> where.add(INSTANCES.DATACENTER_ID.eq(d)));
        for (Map.Entry<String, String> label : filter.labels().entrySet()) {
            where.add(DSL.exists(DSL.selectOne().from(INSTANCE_LABELS).where(
                    INSTANCE_LABELS.TENANT_ID.eq(tenantId),
                    INSTANCE_LABELS.INSTANCE_ID.eq(INSTANCES.ID),
                    INSTANCE_LABELS.LABEL_KEY.eq(label.getKey()),
                    INSTANCE_LABELS.LABEL_VALUE.eq(label.getValue()))));
        }
        return read(ctx -> PAGES.page(ctx, DSL.and(where), page, SqlInstanceStore::toInstance));
    }

    @Override
    public Instance update(Instance instance) {
        Checks.notNull(instance, "instance");
        Versions.requireStored(instance.version(), "instance", instance.id().value());
        return write("instances().update", ctx -> {
            Instance current = existing(ctx, instance.tenantId(), instance.id());
            if (current.version() != instance.version()) {
                throw conflict(instance, current.version());
            }
            requireFreeSlug(ctx, instance);
            Instance stored = instance.toBuilder().createdAt(current.createdAt()).updatedAt(now())
                    .version(current.version() + 1).build();
            int updated = ctx.update(INSTANCES).set(toRecord(stored))
                    .where(INSTANCES.TENANT_ID.eq(stored.tenantId()), INSTANCES.ID.eq(stored.id()),
                            INSTANCES.VERSION.eq(instance.version()))
                    .execute();
            if (updated == 0) {
                throw conflict(instance, existing(ctx, instance.tenantId(), instance.id()).version());
            }
            if (!stored.labels().equals(current.labels())) {
                ctx.deleteFrom(INSTANCE_LABELS).where(INSTANCE_LABELS.TENANT_ID.eq(stored.tenantId()),
                        INSTANCE_LABELS.INSTANCE_ID.eq(stored.id())).execute();
                insertLabels(ctx, stored);
            }
            return stored;
        }, column -> duplicate(instance, column));
    }

    @Override
    public void delete(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        write("instances().delete", ctx -> {
            int deleted = ctx.deleteFrom(INSTANCES)
                    .where(INSTANCES.TENANT_ID.eq(tenantId), INSTANCES.ID.eq(instanceId))
                    .execute();
            if (deleted == 0) {
                throw new NotFoundException(tenantId, ResourceKind.INSTANCE, instanceId.value());
            }
            return null;
        });
    }

    @Override
    public long count(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return read(ctx -> (long) ctx.fetchCount(INSTANCES, INSTANCES.TENANT_ID.eq(tenantId)));
    }

    private static Instance existing(DSLContext ctx, TenantId tenantId, InstanceId id) {
        return ctx.selectFrom(INSTANCES)
                .where(INSTANCES.TENANT_ID.eq(tenantId), INSTANCES.ID.eq(id))
                .fetchOptional(SqlInstanceStore::toInstance)
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.INSTANCE, id.value()));
    }

    private static void requireFreeSlug(DSLContext ctx, Instance instance) {
        if (ctx.fetchExists(INSTANCES, INSTANCES.TENANT_ID.eq(instance.tenantId()),
                INSTANCES.SLUG.eq(instance.slug()), INSTANCES.ID.ne(instance.id()))) {
            throw duplicate(instance, "slug");
        }
    }

    private static void insertLabels(DSLContext ctx, Instance instance) {
        if (instance.labels().isEmpty()) {
            return;
        }
        var insert = ctx.insertInto(INSTANCE_LABELS, INSTANCE_LABELS.TENANT_ID, INSTANCE_LABELS.INSTANCE_ID,
                INSTANCE_LABELS.LABEL_KEY, INSTANCE_LABELS.LABEL_VALUE);
        for (Map.Entry<String, String> label : instance.labels().entrySet()) {
            insert = insert.values(instance.tenantId(), instance.id(), label.getKey(), label.getValue());
        }
        insert.execute();
    }

    private static AlreadyExistsException duplicate(Instance instance, String column) {
        return "slug".equals(column)
                ? new AlreadyExistsException(instance.tenantId(), ResourceKind.INSTANCE, instance.id().value(),
                        "slug", instance.slug())
                : new AlreadyExistsException(instance.tenantId(), ResourceKind.INSTANCE, instance.id().value(),
                        "id", instance.id().value());
    }

    private static ConflictException conflict(Instance instance, long actual) {
        return new ConflictException(instance.tenantId(), ResourceKind.INSTANCE, instance.id().value(),
                instance.version(), actual);
    }

    private static InstancesRecord toRecord(Instance i) {
        InstancesRecord r = new InstancesRecord();
        r.setId(i.id());
        r.setTenantId(i.tenantId());
        r.setName(i.name());
        r.setSlug(i.slug());
        r.setDatacenterId(i.datacenterId());
        r.setProviderName(i.providerName());
        r.setProviderRef(i.providerRef());
        r.setServiceRefs(Json.STRING_MAP.to(i.serviceRefs()));
        r.setRegion(i.region());
        r.setState(i.state().wire());
        r.setKind(i.kind().wire());
        r.setServices(SERVICES.to(i.services()));
        r.setSource(i.source().map(SOURCE::to).orElse(null));
        r.setEndpoints(ENDPOINTS.to(i.endpoints()));
        r.setLabels(Json.STRING_MAP.to(i.labels()));
        r.setCurrentReleaseId(i.currentRelease().orElse(null));
        r.setSuspendedAt(i.suspendedAt().orElse(null));
        r.setCreatedAt(i.createdAt());
        r.setUpdatedAt(i.updatedAt());
        r.setVersion(i.version());
        return r;
    }

    private static Instance toInstance(InstancesRecord r) {
        return Instance.builder()
                .id(r.getId())
                .tenantId(r.getTenantId())
                .name(r.getName())
                .slug(r.getSlug())
                .datacenterId(r.getDatacenterId())
                .providerName(r.getProviderName())
                .providerRef(r.getProviderRef())
                .serviceRefs(Json.STRING_MAP.from(r.getServiceRefs()))
                .region(r.getRegion())
                .state(InstanceState.fromWire(r.getState()))
                .kind(WorkloadKind.fromWire(r.getKind()))
                .services(SERVICES.from(r.getServices()))
                .source(SOURCE.from(r.getSource()))
                .endpoints(ENDPOINTS.from(r.getEndpoints()))
                .labels(Json.STRING_MAP.from(r.getLabels()))
                .currentRelease(r.getCurrentReleaseId())
                .suspendedAt(r.getSuspendedAt())
                .createdAt(r.getCreatedAt())
                .updatedAt(r.getUpdatedAt())
                .version(r.getVersion())
                .build();
    }
}
