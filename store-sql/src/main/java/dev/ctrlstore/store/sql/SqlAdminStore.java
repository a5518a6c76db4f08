package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.AuditQuery;
import dev.ctrlstore.store.admin.Quota;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.admin.TenantStatus;
import dev.ctrlstore.store.id.AuditEntryId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.jooq.tables.records.AuditLogRecord;
import dev.ctrlstore.store.jooq.tables.records.TenantsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.ctrlstore.store.jooq.Tables.AUDIT_LOG;
import static dev.ctrlstore.store.jooq.Tables.TENANTS;

/**
 * The tenant registry in {@code tenants} and the audit logs in {@code audit_log}. {@code tenants} is the one table
 * not scoped by a tenant: it is the global list of them, so its slug and (non-empty) external id keys are global too,
 * and deleting a row removes the registration only (nothing references it). The quota is stored as six
 * {@code quota_max_*} columns, the metadata as JSON. Audit entries are scoped by {@code tenant_id} on every read;
 * their ids, a primary key, are unique across tenants.
 */
final class SqlAdminStore extends SqlSubsystem implements AdminStore {
    private static final Keyset<TenantsRecord, Instant, TenantId> TENANT_PAGES =
            Keyset.byTime("tenants", TENANTS, TENANTS.CREATED_AT, TENANTS.ID);
    private static final Keyset<AuditLogRecord, Instant, AuditEntryId> AUDIT_PAGES =
            Keyset.byTime("audit", AUDIT_LOG, AUDIT_LOG.CREATED_AT, AUDIT_LOG.ID);

    SqlAdminStore(SqlDatabase db, Clock clock) {
        super(db, clock);
    }

    @Override
    public Tenant insertTenant(Tenant tenant) {
        Checks.notNull(tenant, "tenant");
        Versions.requireNew(tenant.version(), "tenant", tenant.id().value());
        return write("admin().insertTenant", ctx -> {
            if (ctx.fetchExists(TENANTS, TENANTS.ID.eq(tenant.id()))) {
                throw duplicate(tenant, "id");
            }
            requireFreeKeys(ctx, tenant);
            Instant now = now();
            Tenant stored = tenant.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            ctx.executeInsert(toRecord(stored));
            return stored;
        }, column -> duplicate(tenant, column));
    }

    @Override
    public Tenant getTenant(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return read(ctx -> existing(ctx, tenantId));
    }

    @Override
    public Tenant getTenantBySlug(String slug) {
        Checks.slug(slug, "slug");
        return read(ctx -> ctx.selectFrom(TENANTS)
                .where(TENANTS.SLUG.eq(slug))
                .fetchOptional(SqlAdminStore::toTenant)
                .orElseThrow(() -> new NotFoundException(null, ResourceKind.TENANT, slug)));
    }

    @Override
    public Tenant getTenantByExternalId(String externalId) {
        Checks.lookupText(externalId, "externalId", Checks.SHORT_TEXT);
        Lookups.findable(externalId, () -> new NotFoundException(null, ResourceKind.TENANT, externalId));
        return read(ctx -> ctx.selectFrom(TENANTS)
                .where(TENANTS.EXTERNAL_ID.eq(externalId))
                .fetchOptional(SqlAdminStore::toTenant)
                .orElseThrow(() -> new NotFoundException(null, ResourceKind.TENANT, externalId)));
    }

    @Override
    public Page<Tenant> listTenants(TenantFilter filter, PageRequest page) {
        Checks.notNull(filter, "filter");
        Checks.notNull(page, "page");
        Condition where = filter.status().map(s -> TENANTS.STATUS.eq(s.wire())).orElse(DSL.noCondition());
        return read(ctx -> TENANT_PAGES.page(ctx, where, page, SqlAdminStore::toTenant));
    }

    @Override
    public Tenant updateTenant(Tenant tenant) {
        Checks.notNull(tenant, "tenant");
        Versions.requireStored(tenant.version(), "tenant", tenant.id().value());
        return write("admin().updateTenant", ctx -> {
            Tenant current = existing(ctx, tenant.id());
            if (current.version() != tenant.version()) {
                throw conflict(tenant, current.version());
            }
            requireFreeKeys(ctx, tenant);
            Tenant stored = tenant.toBuilder().createdAt(current.createdAt()).updatedAt(now())
                    .version(current.version() + 1).build();
            int updated = ctx.update(TENANTS).set(toRecord(stored))
                    .where(TENANTS.ID.eq(stored.id()), TENANTS.VERSION.eq(tenant.version()))
                    .execute();
            if (updated == 0) {
                throw conflict(tenant, existing(ctx, tenant.id()).version());
            }
            return stored;
        }, column -> duplicate(tenant, column));
    }

    @Override
    public void deleteTenant(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        write("admin().deleteTenant", ctx -> {
            int deleted = ctx.deleteFrom(TENANTS).where(TENANTS.ID.eq(tenantId)).execute();
            if (deleted == 0) {
                throw new NotFoundException(tenantId, ResourceKind.TENANT, tenantId.value());
            }
            return null;
        });
    }

    @Override
    public long countTenants() {
        return read(ctx -> (long) ctx.fetchCount(TENANTS));
    }

    @Override
    public long countTenantsByStatus(TenantStatus status) {
        Checks.notNull(status, "status");
        return read(ctx -> (long) ctx.fetchCount(TENANTS, TENANTS.STATUS.eq(status.wire())));
    }

    @Override
    public AuditEntry insertAuditEntry(AuditEntry auditEntry) {
        Checks.notNull(auditEntry, "auditEntry");
        StoreRules.requireUnassigned(auditEntry.createdAt(), "auditEntry.createdAt", "audit entry");
        return write("admin().insertAuditEntry", ctx -> {
            // ids are unique across every tenant's log (the primary key), as in the memory store
            if (ctx.fetchExists(AUDIT_LOG, AUDIT_LOG.ID.eq(auditEntry.id()))) {
                throw duplicate(auditEntry);
            }
            AuditEntry stored = auditEntry.toBuilder().createdAt(now()).build();
            ctx.executeInsert(toRecord(stored));
            return stored;
        }, column -> duplicate(auditEntry));
    }

    @Override
    public Page<AuditEntry> queryAuditLog(TenantId tenantId, AuditQuery query, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(query, "query");
        Checks.notNull(page, "page");
        List<Condition> where = new ArrayList<>();
        where.add(AUDIT_LOG.TENANT_ID.eq(tenantId));
        query.actorId().ifPresent(a -> where.add(Lookups.eq(AUDIT_LOG.ACTOR_ID, a)));
        query.resource().ifPresent(r -> where.add(Lookups.eq(AUDIT_LOG.RESOURCE, r)));
        query.resourceId().ifPresent(r -> where.add(Lookups.eq(AUDIT_LOG.RESOURCE_ID, r)));
        query.action().ifPresent(a -> where.add(Lookups.eq(AUDIT_LOG.ACTION, a)));
        // both bounds inclusive, as AuditQuery.matches
        query.since().ifPresent(s -> where.add(AUDIT_LOG.CREATED_AT.ge(s)));
        query.until().ifPresent(u -> where.add(AUDIT_LOG.CREATED_AT.le(u)));
        return read(ctx -> AUDIT_PAGES.page(ctx, DSL.and(where), page, SqlAdminStore::toAuditEntry));
    }

    private static Tenant existing(DSLContext ctx, TenantId id) {
        return ctx.selectFrom(TENANTS)
                .where(TENANTS.ID.eq(id))
                .fetchOptional(SqlAdminStore::toTenant)
                .orElseThrow(() -> new NotFoundException(id, ResourceKind.TENANT, id.value()));
    }

    /** Slugs and non-empty external ids are unique across all other tenants; the slug is checked first. */
    private static void requireFreeKeys(DSLContext ctx, Tenant tenant) {
        if (ctx.fetchExists(TENANTS, TENANTS.SLUG.eq(tenant.slug()), TENANTS.ID.ne(tenant.id()))) {
            throw duplicate(tenant, "slug");
        }
        if (!tenant.externalId().isEmpty() && ctx.fetchExists(TENANTS,
                TENANTS.EXTERNAL_ID.eq(tenant.externalId()), TENANTS.ID.ne(tenant.id()))) {
            throw duplicate(tenant, "external_id");
        }
    }

    /** The registry's errors carry no scoping tenant. {@code column} is the violated key's (last) column. */
    private static AlreadyExistsException duplicate(Tenant tenant, String column) {
        return switch (column) {
            case "slug" -> new AlreadyExistsException(null, ResourceKind.TENANT, tenant.id().value(), "slug",
                    tenant.slug());
            case "external_id" -> new AlreadyExistsException(null, ResourceKind.TENANT, tenant.id().value(),
                    "externalId", tenant.externalId());
            default -> new AlreadyExistsException(null, ResourceKind.TENANT, tenant.id().value(), "id",
                    tenant.id().value());
        };
    }

    private static AlreadyExistsException duplicate(AuditEntry entry) {
        return new AlreadyExistsException(entry.tenantId(), ResourceKind.AUDIT_ENTRY, entry.id().value(), "id",
                entry.id().value());
    }

    /** As the memory store: a stale version reports the tenant's own id as the exception's tenant. */
    private static ConflictException conflict(Tenant tenant, long actual) {
        return new ConflictException(tenant.id(), ResourceKind.TENANT, tenant.id().value(), tenant.version(),
                actual);
    }

    private static TenantsRecord toRecord(Tenant t) {
        TenantsRecord r = new TenantsRecord();
        r.setId(t.id());
        r.setExternalId(t.externalId());
        r.setName(t.name());
        r.setSlug(t.slug());
        r.setStatus(t.status().wire());
        r.setPlan(t.plan());
        r.setQuotaMaxInstances(t.quota().maxInstances());
        r.setQuotaMaxCpuMillis(t.quota().maxCpuMillis());
        r.setQuotaMaxMemoryMb(t.quota().maxMemoryMb());
        r.setQuotaMaxDiskMb(t.quota().maxDiskMb());
        r.setQuotaMaxDomains(t.quota().maxDomains());
        r.setQuotaMaxSecrets(t.quota().maxSecrets());
        r.setSuspendedAt(t.suspendedAt().orElse(null));
        r.setMetadata(Json.STRING_MAP.to(t.metadata()));
        r.setCreatedAt(t.createdAt());
        r.setUpdatedAt(t.updatedAt());
        r.setVersion(t.version());
        return r;
    }

    private static Tenant toTenant(TenantsRecord r) {
        return Tenant.builder()
                .id(r.getId())
                .externalId(r.getExternalId())
                .name(r.getName())
                .slug(r.getSlug())
                .status(TenantStatus.fromWire(r.getStatus()))
                .plan(r.getPlan())
                .quota(new Quota(r.getQuotaMaxInstances(), r.getQuotaMaxCpuMillis(), r.getQuotaMaxMemoryMb(),
                        r.getQuotaMaxDiskMb(), r.getQuotaMaxDomains(), r.getQuotaMaxSecrets()))
                .suspendedAt(r.getSuspendedAt())
                .metadata(Json.STRING_MAP.from(r.getMetadata()))
                .createdAt(r.getCreatedAt())
                .updatedAt(r.getUpdatedAt())
                .version(r.getVersion())
                .build();
    }

    private static AuditLogRecord toRecord(AuditEntry e) {
        AuditLogRecord r = new AuditLogRecord();
        r.setId(e.id());
        r.setTenantId(e.tenantId());
        r.setActorId(e.actorId());
        r.setActorType(e.actorType());
        r.setResource(e.resource());
        r.setResourceId(e.resourceId());
        r.setAction(e.action());
        r.setDetails(Json.DOCUMENT.to(e.details()));
        r.setIpAddress(e.ipAddress());
        r.setCreatedAt(e.createdAt());
        return r;
    }

    private static AuditEntry toAuditEntry(AuditLogRecord r) {
        return AuditEntry.builder()
                .id(r.getId())
                .tenantId(r.getTenantId())
                .actorId(r.getActorId())
                .actorType(r.getActorType())
                .resource(r.getResource())
                .resourceId(r.getResourceId())
                .action(r.getAction())
                .details(Json.DOCUMENT.from(r.getDetails()))
                .ipAddress(r.getIpAddress())
                .createdAt(r.getCreatedAt())
                .build();
    }
}
