package dev.ctrlstore.store.memory;

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
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.admin.TenantStatus;
import dev.ctrlstore.store.id.AuditEntryId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.KeysetCursor;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tenant registry (global) and the audit logs (per tenant) in memory. */
final class MemoryAdminStore implements AdminStore {
    private final MemoryState state;
    private final Map<TenantId, Tenant> tenants = new HashMap<>();
    /** Audit entry ids of every tenant: ids are unique store-wide, as a primary key is. */
    private final Set<AuditEntryId> auditIds = new HashSet<>();
    private final Map<TenantId, List<AuditEntry>> auditByTenant = new HashMap<>();

    MemoryAdminStore(MemoryState state) {
        this.state = state;
    }

    @Override
    public Tenant insertTenant(Tenant tenant) {
        Checks.notNull(tenant, "tenant");
        Versions.requireNew(tenant.version(), "tenant", tenant.id().value());
        return state.write(() -> {
            if (tenants.containsKey(tenant.id())) {
                throw new AlreadyExistsException(null, ResourceKind.TENANT, tenant.id().value(), "id",
                        tenant.id().value());
            }
            requireFreeKeys(tenant);
            Instant now = state.now();
            Tenant stored = tenant.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            tenants.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Tenant getTenant(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return state.read(() -> existing(tenantId));
    }

    @Override
    public Tenant getTenantBySlug(String slug) {
        Checks.slug(slug, "slug");
        return state.read(() -> tenants.values().stream()
                .filter(t -> t.slug().equals(slug))
                .findFirst()
                .orElseThrow(() -> new NotFoundException(null, ResourceKind.TENANT, slug)));
    }

    @Override
    public Tenant getTenantByExternalId(String externalId) {
        Checks.lookupText(externalId, "externalId", Checks.SHORT_TEXT);
        return state.read(() -> tenants.values().stream()
                .filter(t -> t.externalId().equals(externalId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException(null, ResourceKind.TENANT, externalId)));
    }

    @Override
    public Page<Tenant> listTenants(TenantFilter filter, PageRequest page) {
        Checks.notNull(filter, "filter");
        Checks.notNull(page, "page");
        return state.read(() -> {
            List<Tenant> matches = tenants.values().stream().filter(filter::matches).toList();
            return MemoryPaging.page(matches, page, KeysetCursor.Scope.tenants(filter),
                    t -> Times.epochMicros(t.createdAt()), t -> t.id().value());
        });
    }

    @Override
    public Tenant updateTenant(Tenant tenant) {
        Checks.notNull(tenant, "tenant");
        Versions.requireStored(tenant.version(), "tenant", tenant.id().value());
        return state.write(() -> {
            Tenant current = existing(tenant.id());
            if (current.version() != tenant.version()) {
                throw new ConflictException(tenant.id(), ResourceKind.TENANT, tenant.id().value(), tenant.version(),
                        current.version());
            }
            requireFreeKeys(tenant);
            Tenant stored = tenant.toBuilder().createdAt(current.createdAt()).updatedAt(state.now())
                    .version(current.version() + 1).build();
            tenants.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public void deleteTenant(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        state.write(() -> {
            existing(tenantId);
            tenants.remove(tenantId);
        });
    }

    @Override
    public long countTenants() {
        return state.read(() -> (long) tenants.size());
    }

    @Override
    public long countTenantsByStatus(TenantStatus status) {
        Checks.notNull(status, "status");
        return state.read(() -> tenants.values().stream().filter(t -> t.status() == status).count());
    }

    @Override
    public AuditEntry insertAuditEntry(AuditEntry auditEntry) {
        Checks.notNull(auditEntry, "auditEntry");
        StoreRules.requireUnassigned(auditEntry.createdAt(), "auditEntry.createdAt", "audit entry");
        return state.write(() -> {
            if (auditIds.contains(auditEntry.id())) {
                throw new AlreadyExistsException(auditEntry.tenantId(), ResourceKind.AUDIT_ENTRY,
                        auditEntry.id().value(), "id", auditEntry.id().value());
            }
            AuditEntry stored = auditEntry.toBuilder().createdAt(state.now()).build();
            auditIds.add(stored.id());
            auditByTenant.computeIfAbsent(stored.tenantId(), t -> new ArrayList<>()).add(stored);
            return stored;
        });
    }

    @Override
    public Page<AuditEntry> queryAuditLog(TenantId tenantId, AuditQuery query, PageRequest page) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(query, "query");
        Checks.notNull(page, "page");
        return state.read(() -> {
            List<AuditEntry> matches = auditByTenant.getOrDefault(tenantId, List.of()).stream()
                    .filter(query::matches)
                    .toList();
            return MemoryPaging.page(matches, page, KeysetCursor.Scope.audit(tenantId, query),
                    e -> Times.epochMicros(e.createdAt()), e -> e.id().value());
        });
    }

    private Tenant existing(TenantId tenantId) {
        Tenant t = tenants.get(tenantId);
        if (t == null) {
            throw new NotFoundException(tenantId, ResourceKind.TENANT, tenantId.value());
        }
        return t;
    }

    /** Slugs and non-empty external ids are unique across all tenants. Call under the write lock. */
    private void requireFreeKeys(Tenant tenant) {
        for (Tenant other : tenants.values()) {
            if (other.id().equals(tenant.id())) {
                continue;
            }
            if (other.slug().equals(tenant.slug())) {
                throw new AlreadyExistsException(null, ResourceKind.TENANT, tenant.id().value(), "slug",
                        tenant.slug());
            }
            if (!tenant.externalId().isEmpty() && other.externalId().equals(tenant.externalId())) {
                throw new AlreadyExistsException(null, ResourceKind.TENANT, tenant.id().value(), "externalId",
                        tenant.externalId());
            }
        }
    }
}
