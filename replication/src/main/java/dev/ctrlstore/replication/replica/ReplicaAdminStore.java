package dev.ctrlstore.replication.replica;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.AuditQuery;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.admin.TenantStatus;
import dev.ctrlstore.store.id.TenantId;

/** Tenants are replicated and read from the LDB; the audit log is history and refused. */
final class ReplicaAdminStore implements AdminStore {
    private final AdminStore local;
    private final Refusals refuse;

    ReplicaAdminStore(AdminStore local, Refusals refuse) {
        this.local = local;
        this.refuse = refuse;
    }

    @Override
    public Tenant insertTenant(Tenant tenant) {
        return local.insertTenant(tenant);
    }

    @Override
    public Tenant getTenant(TenantId tenantId) {
        return local.getTenant(tenantId);
    }

    @Override
    public Tenant getTenantBySlug(String slug) {
        return local.getTenantBySlug(slug);
    }

    @Override
    public Tenant getTenantByExternalId(String externalId) {
        return local.getTenantByExternalId(externalId);
    }

    @Override
    public Page<Tenant> listTenants(TenantFilter filter, PageRequest page) {
        return local.listTenants(filter, page);
    }

    @Override
    public Tenant updateTenant(Tenant tenant) {
        return local.updateTenant(tenant);
    }

    @Override
    public void deleteTenant(TenantId tenantId) {
        local.deleteTenant(tenantId);
    }

    @Override
    public long countTenants() {
        return local.countTenants();
    }

    @Override
    public long countTenantsByStatus(TenantStatus status) {
        return local.countTenantsByStatus(status);
    }

    @Override
    public AuditEntry insertAuditEntry(AuditEntry auditEntry) {
        return local.insertAuditEntry(auditEntry);
    }

    @Override
    public Page<AuditEntry> queryAuditLog(TenantId tenantId, AuditQuery query, PageRequest page) {
        throw refuse.auditLog("admin().queryAuditLog");
    }
}
