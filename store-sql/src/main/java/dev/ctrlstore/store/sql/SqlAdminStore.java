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
import dev.ctrlstore.store.internal.KeysetCursor;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.jooq.tables.records.AuditLogRecord;
import dev.ctrlstore.store.jooq.tables.records.TenantsRecord;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;

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
            Keyset.byTime(TENANTS, TENANTS.CREATED_AT, TENANTS.ID);
    private static final Keyset<AuditLogRecord, Instant, AuditEntryId> AUDIT_PAGES =
            Keyset.byTime(AUDIT_LOG, AUDIT_LOG.CREATED_AT, AUDIT_LOG.ID);
    private static final Keyset.Term TENANT_STATUS = Keyset.Term.eq(TENANTS.STATUS);
    private static final Keyset.Term AUDIT_TENANT = Keyset.Term.eq(AUDIT_LOG.TENANT_ID);
    private static final Keyset.Term AUDIT_ACTOR_ID = Keyset.Term.eq(AUDIT_LOG.ACTOR_ID);
    private static final Keyset.Term AUDIT_RESOURCE = Keyset.Term.eq(AUDIT_LOG.RESOURCE);
    private static final Keyset.Term AUDIT_RESOURCE_ID = Keyset.Term.eq(AUDIT_LOG.RESOURCE_ID);
    private static final Keyset.Term AUDIT_ACTION = Keyset.Term.eq(AUDIT_LOG.ACTION);
    private static final Keyset.Term AUDIT_SINCE = Keyset.Term.ge(AUDIT_LOG.CREATED_AT);
    private static final Keyset.Term AUDIT_UNTIL = Keyset.Term.le(AUDIT_LOG.CREATED_AT);
    // Reads by key, prepared once (see Prepared).
    private static final Prepared TENANT_BY_ID = Prepared.byKey("tenants.byId", TENANTS, TENANTS.ID);
    private static final Prepared TENANT_BY_SLUG = Prepared.byKey("tenants.bySlug", TENANTS, TENANTS.SLUG);
    private static final Prepared TENANT_BY_EXTERNAL_ID = Prepared.byKey("tenants.byExternalId", TENANTS,
            TENANTS.EXTERNAL_ID);

    SqlAdminStore(SqlDatabase db, Clock clock) {
        super(db, clock);
    }

    @Override
    public Tenant insertTenant(Tenant tenant) {
        Checks.notNull(tenant, "tenant");
        Versions.requireNew(tenant.version(), "tenant", tenant.id().value());
        return transact("admin().insertTenant", tx -> {
            DSLContext ctx = tx.dsl();
            if (ctx.fetchExists(TENANTS, TENANTS.ID.eq(tenant.id()))) {
                throw duplicate(tenant, "id");
            }
            requireFreeKeys(ctx, tenant);
            Instant now = now();
            Tenant stored = tenant.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            tx.insert(toRecord(stored));
            return stored;
        }, field -> duplicate(tenant, field));
    }

    @Override
    public Tenant getTenant(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return fetchExisting(TENANT_BY_ID, SqlAdminStore::toTenant,
                () -> new NotFoundException(tenantId, ResourceKind.TENANT, tenantId.value()), tenantId);
    }

    @Override
    public Tenant getTenantBySlug(String slug) {
        Checks.slug(slug, "slug");
        return fetchExisting(TENANT_BY_SLUG, SqlAdminStore::toTenant,
                () -> new NotFoundException(null, ResourceKind.TENANT, slug), slug);
    }

    @Override
    public Tenant getTenantByExternalId(String externalId) {
        Checks.lookupText(externalId, "externalId", Checks.SHORT_TEXT);
        Lookups.findable(externalId, () -> new NotFoundException(null, ResourceKind.TENANT, externalId));
        return fetchExisting(TENANT_BY_EXTERNAL_ID, SqlAdminStore::toTenant,
                () -> new NotFoundException(null, ResourceKind.TENANT, externalId), externalId);
    }

    @Override
    public Page<Tenant> listTenants(TenantFilter filter, PageRequest page) {
        Checks.notNull(filter, "filter");
        Checks.notNull(page, "page");
        Keyset.Where where = new Keyset.Where();
        filter.status().ifPresent(s -> where.and(TENANT_STATUS, s));
        return TENANT_PAGES.page(db, where, page, KeysetCursor.Scope.tenants(filter), SqlAdminStore::toTenant);
    }

    @Override
    public Tenant updateTenant(Tenant tenant) {
        Checks.notNull(tenant, "tenant");
        Versions.requireStored(tenant.version(), "tenant", tenant.id().value());
        return transact("admin().updateTenant", tx -> {
            DSLContext ctx = tx.dsl();
            Tenant current = existing(ctx, tenant.id());
            if (current.version() != tenant.version()) {
                throw conflict(tenant, current.version());
            }
            requireFreeKeys(ctx, tenant);
            Tenant stored = tenant.toBuilder().createdAt(current.createdAt()).updatedAt(now())
                    .version(current.version() + 1).build();
            if (!tx.update(toRecord(stored), tenant.version())) {
                throw conflict(tenant, existing(ctx, tenant.id()).version());
            }
            return stored;
        }, field -> duplicate(tenant, field));
    }

    @Override
    public void deleteTenant(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        transact("admin().deleteTenant", tx -> {
            if (!tx.delete(TENANTS, tenantId, tenantId)) {
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
        return read(ctx -> (long) ctx.fetchCount(TENANTS, TENANTS.STATUS.eq(status)));
    }

    @Override
    public AuditEntry insertAuditEntry(AuditEntry auditEntry) {
        Checks.notNull(auditEntry, "auditEntry");
        StoreRules.requireUnassigned(auditEntry.createdAt(), "auditEntry.createdAt", "audit entry");
        return transact("admin().insertAuditEntry", tx -> {
            // ids are unique across every tenant's log (the primary key), as in the memory store
            if (tx.dsl().fetchExists(AUDIT_LOG, AUDIT_LOG.ID.eq(auditEntry.id()))) {
                throw duplicate(auditEntry);
            }
            AuditEntry stored = auditEntry.toBuilder().createdAt(now()).build();
            tx.insert(toRecord(stored));
            return stored;
        }, field -> duplicate(auditEntry));
    }

    @Override
    public Page<AuditEntry> queryAuditLog(TenantId tenantId, AuditQuery query, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(query, "query");
        Checks.notNull(page, "page");
        Keyset.Where where = new Keyset.Where().and(AUDIT_TENANT, tenantId);
        query.actorId().ifPresent(a -> where.and(AUDIT_ACTOR_ID, a));
        query.resource().ifPresent(r -> where.and(AUDIT_RESOURCE, r));
        query.resourceId().ifPresent(r -> where.and(AUDIT_RESOURCE_ID, r));
        query.action().ifPresent(a -> where.and(AUDIT_ACTION, a));
        // both bounds inclusive, as AuditQuery.matches
        query.since().ifPresent(s -> where.and(AUDIT_SINCE, s));
        query.until().ifPresent(u -> where.and(AUDIT_UNTIL, u));
        return AUDIT_PAGES.page(db, where, page, KeysetCursor.Scope.audit(tenantId, query),
                SqlAdminStore::toAuditEntry);
    }

    private static Tenant existing(DSLContext ctx, TenantId id) {
        return ctx.selectFrom(TENANTS)
                .where(TENANTS.ID.eq(id))
                .fetchOptional(r -> toTenant(Row.of(r)))
                .orElseThrow(() -> new NotFoundException(id, ResourceKind.TENANT, id.value()));
    }

    /** Slugs and non-empty external ids are unique across all other tenants; the slug is checked first. */
    private static void requireFreeKeys(DSLContext ctx, Tenant tenant) {
        if (ctx.fetchExists(TENANTS, TENANTS.SLUG.eq(tenant.slug()), TENANTS.ID.ne(tenant.id()))) {
            throw duplicate(tenant, "slug");
        }
        if (!tenant.externalId().isEmpty() && ctx.fetchExists(TENANTS,
                TENANTS.EXTERNAL_ID.eq(tenant.externalId()), TENANTS.ID.ne(tenant.id()))) {
            throw duplicate(tenant, "externalId");
        }
    }

    /** The registry's errors carry no scoping tenant. {@code field} is the violated key's API field. */
    private static AlreadyExistsException duplicate(Tenant tenant, String field) {
        return switch (field) {
            case "slug" -> new AlreadyExistsException(null, ResourceKind.TENANT, tenant.id().value(), "slug",
                    tenant.slug());
            case "externalId" -> new AlreadyExistsException(null, ResourceKind.TENANT, tenant.id().value(),
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
        r.setStatus(t.status());
        r.setPlan(t.plan());
        r.setQuotaMaxInstances(t.quota().maxInstances());
        r.setQuotaMaxCpuMillis(t.quota().maxCpuMillis());
        r.setQuotaMaxMemoryMb(t.quota().maxMemoryMb());
        r.setQuotaMaxDiskMb(t.quota().maxDiskMb());
        r.setQuotaMaxDomains(t.quota().maxDomains());
        r.setQuotaMaxSecrets(t.quota().maxSecrets());
        r.setSuspendedAt(t.suspendedAt().orElse(null));
        r.setMetadata(t.metadata());
        r.setCreatedAt(t.createdAt());
        r.setUpdatedAt(t.updatedAt());
        r.setVersion(t.version());
        return r;
    }

    private static Tenant toTenant(Row r) {
        return Tenant.builder()
                .id(r.get(TENANTS.ID))
                .externalId(r.get(TENANTS.EXTERNAL_ID))
                .name(r.get(TENANTS.NAME))
                .slug(r.get(TENANTS.SLUG))
                .status(r.get(TENANTS.STATUS))
                .plan(r.get(TENANTS.PLAN))
                .quota(new Quota(r.get(TENANTS.QUOTA_MAX_INSTANCES), r.get(TENANTS.QUOTA_MAX_CPU_MILLIS),
                        r.get(TENANTS.QUOTA_MAX_MEMORY_MB), r.get(TENANTS.QUOTA_MAX_DISK_MB),
                        r.get(TENANTS.QUOTA_MAX_DOMAINS), r.get(TENANTS.QUOTA_MAX_SECRETS)))
                .suspendedAt(r.get(TENANTS.SUSPENDED_AT))
                .metadata(r.get(TENANTS.METADATA))
                .createdAt(r.get(TENANTS.CREATED_AT))
                .updatedAt(r.get(TENANTS.UPDATED_AT))
                .version(r.get(TENANTS.VERSION))
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
        r.setDetails(e.details());
        r.setIpAddress(e.ipAddress());
        r.setCreatedAt(e.createdAt());
        return r;
    }

    private static AuditEntry toAuditEntry(Row r) {
        return AuditEntry.builder()
                .id(r.get(AUDIT_LOG.ID))
                .tenantId(r.get(AUDIT_LOG.TENANT_ID))
                .actorId(r.get(AUDIT_LOG.ACTOR_ID))
                .actorType(r.get(AUDIT_LOG.ACTOR_TYPE))
                .resource(r.get(AUDIT_LOG.RESOURCE))
                .resourceId(r.get(AUDIT_LOG.RESOURCE_ID))
                .action(r.get(AUDIT_LOG.ACTION))
                .details(r.get(AUDIT_LOG.DETAILS))
                .ipAddress(r.get(AUDIT_LOG.IP_ADDRESS))
                .createdAt(r.get(AUDIT_LOG.CREATED_AT))
                .build();
    }
}
