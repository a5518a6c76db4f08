package dev.ctrlstore.store.network;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.id.CertificateId;
import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.RouteId;
import dev.ctrlstore.store.id.TenantId;

import java.util.List;

/**
 * Domains, routes and certificates of every tenant, each visible only within its own tenant: an id of another tenant
 * behaves exactly like an id that does not exist, and errors carry the caller's tenant. Domains and routes belong to
 * an instance of their tenant; a certificate belongs to a domain, and through it to that domain's instance. Deleting
 * an instance deletes its domains, their certificates and its routes; deleting a domain deletes its certificates.
 *
 * <p>Every method may also throw {@link dev.ctrlstore.store.StoreClosedException} after close and
 * {@link dev.ctrlstore.store.StoreUnavailableException} when the backend cannot be reached; every argument is
 * required (null throws {@link InvalidArgumentException} naming it). Writes take the tenant from the record they are
 * given. Returned records and lists are immutable and never change after they are returned. Lists are not paged: an
 * instance has few domains and routes, so each list returns every match, oldest first ({@code createdAt} ascending,
 * then id ascending), and never throws {@link NotFoundException} (a missing or foreign instance gives an empty list).
 * Rules are numbered {@code N-n} in the TCK's {@code tck-rules/network.md}.
 */
public interface NetworkStore {

    /**
     * Stores a new domain for an instance of the domain's tenant. The store sets {@code createdAt} and
     * {@code updatedAt} to its clock's now (microsecond precision) and {@code version} to 1.
     *
     * <p>The hostname is unique within the tenant only: another tenant may hold the same hostname (ownership is
     * proven by DNS verification, and a global check would tell a tenant which hostnames other tenants use).
     *
     * @param domain a new domain (version 0)
     * @return the stored domain
     * @throws NotFoundException if the domain's tenant has no instance {@code domain.instanceId()} (kind
     *     {@code INSTANCE}); nothing is written
     * @throws AlreadyExistsException if the id exists (field {@code id}) or the tenant has a domain with the same
     *     hostname (field {@code hostname}); nothing is written
     * @throws InvalidArgumentException if the domain's version is not 0
     */
    Domain insertDomain(Domain domain);

    /**
     * The tenant's domain with this id.
     *
     * @throws NotFoundException if the tenant has no domain with this id (another tenant's domain included)
     */
    Domain getDomain(TenantId tenantId, DomainId domainId);

    /**
     * The tenant's domain with this hostname. Only the caller's tenant is searched: a hostname that only another
     * tenant holds is not found.
     *
     * @param hostname a lowercase DNS name as {@link Domain#hostname()} holds it (lower-case it before calling)
     * @throws NotFoundException if the tenant has no domain with this hostname (the exception's id is the hostname)
     * @throws InvalidArgumentException (field {@code hostname}) if the hostname is blank, longer than 253
     *     characters or not a lowercase DNS name
     */
    Domain getDomainByHostname(TenantId tenantId, String hostname);

    /**
     * Every domain of the tenant's instance, oldest first: {@code createdAt} ascending, then id ascending.
     *
     * @return an unmodifiable list; empty if the tenant has no such instance or it has no domains
     */
    List<Domain> listDomains(TenantId tenantId, InstanceId instanceId);

    /**
     * Replaces a stored domain with these values, if it is still at the version given. {@code createdAt} keeps its
     * stored value; {@code updatedAt} becomes the clock's now; {@code version} goes up by one. The domain stays with
     * its instance: {@code instanceId} cannot change.
     *
     * @param domain the new values, carrying the version they were based on (from a previous read)
     * @return the stored domain
     * @throws NotFoundException if the domain's tenant has no domain with its id
     * @throws InvalidArgumentException if the domain was never stored (version 0), or (field
     *     {@code domain.instanceId}) if its instance differs from the stored one; nothing is written
     * @throws ConflictException if the stored version differs from {@code domain.version()}; nothing is written
     * @throws AlreadyExistsException if another domain of the tenant has the new hostname (field {@code hostname});
     *     nothing is written
     */
    Domain updateDomain(Domain domain);

    /**
     * Deletes the tenant's domain and its certificates.
     *
     * @throws NotFoundException if the tenant has no domain with this id
     */
    void deleteDomain(TenantId tenantId, DomainId domainId);

    /** The number of the tenant's domains, over all its instances; 0 for a tenant with none. */
    long countDomains(TenantId tenantId);

    /**
     * Stores a new route to an instance of the route's tenant. The store sets {@code createdAt} and
     * {@code updatedAt} to its clock's now (microsecond precision) and {@code version} to 1. Several routes may share
     * a path (traffic is split by {@link Route#weight()}).
     *
     * @param route a new route (version 0)
     * @return the stored route
     * @throws NotFoundException if the route's tenant has no instance {@code route.instanceId()} (kind
     *     {@code INSTANCE}); nothing is written
     * @throws AlreadyExistsException if the id exists (field {@code id}); nothing is written
     * @throws InvalidArgumentException if the route's version is not 0
     */
    Route insertRoute(Route route);

    /**
     * The tenant's route with this id.
     *
     * @throws NotFoundException if the tenant has no route with this id (another tenant's route included)
     */
    Route getRoute(TenantId tenantId, RouteId routeId);

    /**
     * Every route of the tenant's instance, oldest first: {@code createdAt} ascending, then id ascending.
     *
     * @return an unmodifiable list; empty if the tenant has no such instance or it has no routes
     */
    List<Route> listRoutes(TenantId tenantId, InstanceId instanceId);

    /**
     * Replaces a stored route with these values, if it is still at the version given. {@code createdAt} keeps its
     * stored value; {@code updatedAt} becomes the clock's now; {@code version} goes up by one. The route stays with
     * its instance: {@code instanceId} cannot change.
     *
     * @param route the new values, carrying the version they were based on (from a previous read)
     * @return the stored route
     * @throws NotFoundException if the route's tenant has no route with its id
     * @throws InvalidArgumentException if the route was never stored (version 0), or (field
     *     {@code route.instanceId}) if its instance differs from the stored one; nothing is written
     * @throws ConflictException if the stored version differs from {@code route.version()}; nothing is written
     */
    Route updateRoute(Route route);

    /**
     * Deletes the tenant's route.
     *
     * @throws NotFoundException if the tenant has no route with this id
     */
    void deleteRoute(TenantId tenantId, RouteId routeId);

    /**
     * Stores a new certificate for a domain of the certificate's tenant. The store sets {@code createdAt} and
     * {@code updatedAt} to its clock's now (microsecond precision) and {@code version} to 1.
     *
     * @param certificate a new certificate (version 0)
     * @return the stored certificate
     * @throws NotFoundException if the certificate's tenant has no domain {@code certificate.domainId()} (kind
     *     {@code DOMAIN}); nothing is written
     * @throws AlreadyExistsException if the id exists (field {@code id}); nothing is written
     * @throws InvalidArgumentException if the certificate's version is not 0
     */
    Certificate insertCertificate(Certificate certificate);

    /**
     * The tenant's certificate with this id.
     *
     * @throws NotFoundException if the tenant has no certificate with this id (another tenant's included)
     */
    Certificate getCertificate(TenantId tenantId, CertificateId certificateId);

    /**
     * Every certificate of the domains of the tenant's instance, oldest first: {@code createdAt} ascending, then id
     * ascending.
     *
     * @return an unmodifiable list; empty if the tenant has no such instance or its domains have no certificates
     */
    List<Certificate> listCertificates(TenantId tenantId, InstanceId instanceId);

    /**
     * Replaces a stored certificate with these values, if it is still at the version given. {@code createdAt} keeps
     * its stored value; {@code updatedAt} becomes the clock's now; {@code version} goes up by one. The certificate
     * stays with its domain: {@code domainId} cannot change.
     *
     * @param certificate the new values, carrying the version they were based on (from a previous read)
     * @return the stored certificate
     * @throws NotFoundException if the certificate's tenant has no certificate with its id
     * @throws InvalidArgumentException if the certificate was never stored (version 0), or (field
     *     {@code certificate.domainId}) if its domain differs from the stored one; nothing is written
     * @throws ConflictException if the stored version differs from {@code certificate.version()}; nothing is written
     */
    Certificate updateCertificate(Certificate certificate);

    /**
     * Deletes the tenant's certificate.
     *
     * @throws NotFoundException if the tenant has no certificate with this id
     */
    void deleteCertificate(TenantId tenantId, CertificateId certificateId);
}
