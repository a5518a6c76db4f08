package dev.ctrlstore.store.admin;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.id.TenantId;

/**
 * The tenant registry and the tenants' audit logs.
 *
 * <p><b>Tenants</b> are a global registry: the list of tenants, not data owned by one, so the tenant methods take no
 * scoping tenant and see every tenant. Slugs are unique across all tenants, and so are non-empty external ids. The
 * errors of the tenant methods carry no scoping tenant ({@code tenantId()} is null), except that a missing tenant
 * looked up by id reports that id as its {@code tenantId()}.
 *
 * <p><b>The audit log</b> is tenant-owned: each entry belongs to one tenant and is only read through that tenant's
 * id. The tenant need not be in the registry (the log of a deleted tenant stays readable).
 *
 * <p>Every method may also throw {@link dev.ctrlstore.store.StoreClosedException} after close and
 * {@link dev.ctrlstore.store.StoreUnavailableException} when the backend cannot be reached; every argument is
 * required (null throws {@link InvalidArgumentException} naming it). Returned values are immutable and never change
 * after they are returned; changing a map passed in after the call does not change what is stored. Rules are
 * numbered {@code A-n} in the TCK's {@code tck-rules/admin.md}.
 */
public interface AdminStore {

    /**
     * Registers a new tenant. The store sets {@code createdAt} and {@code updatedAt} to its clock's now
     * (microsecond precision) and {@code version} to 1; every other field is kept exactly as given.
     *
     * @param tenant a new tenant (version 0)
     * @return the stored tenant
     * @throws AlreadyExistsException if the id exists (field {@code id}), another tenant has the slug (field
     *     {@code slug}) or, when the external id is not empty, another tenant has that external id (field
     *     {@code externalId}); nothing is written
     * @throws InvalidArgumentException if the tenant's version is not 0
     */
    Tenant insertTenant(Tenant tenant);

    /**
     * The tenant with this id. Matches the id only, never the external id.
     *
     * @throws NotFoundException if no tenant has this id; its {@code tenantId()} and {@code id()} are that id
     */
    Tenant getTenant(TenantId tenantId);

    /**
     * The tenant with this slug (slugs are unique across tenants, so there is at most one).
     *
     * @throws NotFoundException if no tenant has this slug; its {@code id()} is the slug, its {@code tenantId()} null
     * @throws InvalidArgumentException on {@code slug} if it is not a slug (a DNS label of 1 to 63 lowercase letters,
     *     digits and inner hyphens); the message quotes it
     */
    Tenant getTenantBySlug(String slug);

    /**
     * The tenant with this external id (non-empty external ids are unique across tenants, so there is at most one).
     * Tenants without an external id cannot be found this way.
     *
     * @throws NotFoundException if no tenant has this external id, also if it holds text no tenant can (U+0000, an
     *     unpaired surrogate); its {@code id()} is the external id, its {@code tenantId()} null
     * @throws InvalidArgumentException naming {@code externalId} if it is blank (it would otherwise match any tenant
     *     without one) or longer than 255 characters
     */
    Tenant getTenantByExternalId(String externalId);

    /**
     * A page of the tenants that match the filter, newest first: ordered by {@code createdAt} descending, then by id
     * descending. {@link Page#total()}, when the request asks for it, counts every match.
     *
     * @throws InvalidArgumentException on field {@code cursor} if the cursor was not issued by this list for this
     *     filter, or was changed (see {@link PageRequest})
     */
    Page<Tenant> listTenants(TenantFilter filter, PageRequest page);

    /**
     * Replaces a registered tenant with these values, if it is still at the version given. {@code createdAt} keeps
     * its stored value; {@code updatedAt} becomes the clock's now; {@code version} goes up by one. Uniqueness of the
     * slug and of a non-empty external id is checked again against the other tenants.
     *
     * @param tenant the new values, carrying the version they were based on (from a previous read)
     * @return the stored tenant
     * @throws NotFoundException if no tenant has its id (the exception's {@code tenantId()} is that id)
     * @throws ConflictException if the stored version differs from {@code tenant.version()}; nothing is written
     * @throws AlreadyExistsException if another tenant has the new slug (field {@code slug}) or the new non-empty
     *     external id (field {@code externalId}); nothing is written
     * @throws InvalidArgumentException if the tenant was never stored (version 0)
     */
    Tenant updateTenant(Tenant tenant);

    /**
     * Removes a tenant from the registry, and nothing else: the data the tenant owns in the other stores
     * (instances, deployments, secrets, its audit log, ...) is scoped by its {@link TenantId}, is not deleted by this
     * call and stays readable through that id. Delete it first where it must go. Its slug and external id become
     * free for other tenants.
     *
     * @throws NotFoundException if no tenant has this id (the exception's {@code tenantId()} is that id)
     */
    void deleteTenant(TenantId tenantId);

    /** The number of registered tenants, in any status. */
    long countTenants();

    /** The number of registered tenants with this status. */
    long countTenantsByStatus(TenantStatus status);

    /**
     * Appends an entry to its tenant's audit log. The store sets {@code createdAt} from its clock's now (microsecond
     * precision); every other field is kept exactly as given. The tenant need not be registered.
     *
     * @param auditEntry a new entry whose {@code createdAt} is null
     * @return the stored entry
     * @throws AlreadyExistsException if an entry with this id exists (field {@code id}); nothing is written
     * @throws InvalidArgumentException naming {@code auditEntry.createdAt} if it is set (the store assigns it)
     */
    AuditEntry insertAuditEntry(AuditEntry auditEntry);

    /**
     * A page of the tenant's audit entries that match the query, newest first: ordered by {@code createdAt}
     * descending, then by id descending. Only entries of {@code tenantId} are considered; a tenant with no entries,
     * registered or not, gives an empty page. {@link Page#total()}, when the request asks for it, counts every
     * match, not just this page.
     *
     * @throws InvalidArgumentException on field {@code cursor} if the cursor was not issued by this list for this
     *     tenant and query, or was changed (see {@link PageRequest})
     */
    Page<AuditEntry> queryAuditLog(TenantId tenantId, AuditQuery query, PageRequest page);
}
