package dev.ctrlstore.store.deploy;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.id.DeploymentId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.TenantId;

/**
 * Deployments and releases of every tenant's instances. Both belong to one instance of one tenant and are visible
 * only within that tenant: a deployment, release or instance id of another tenant behaves exactly like an id that
 * does not exist, and a {@link NotFoundException} always carries the caller's tenant. Deleting an instance deletes
 * its deployments and releases with it.
 *
 * <p>Releases are numbered 1, 2, 3, ... per instance and the store enforces that a number is used once, so two
 * concurrent deploys cannot both create, say, release 4: one of them gets {@link AlreadyExistsException} on field
 * {@code version} and asks {@link #nextReleaseVersion} again (rule D-24). There is no delete for deployments or
 * releases other than through their instance, and releases are never updated.
 *
 * <p>Every method may also throw {@link dev.ctrlstore.store.StoreClosedException} after close and
 * {@link dev.ctrlstore.store.StoreUnavailableException} when the backend cannot be reached; every argument is required
 * (null throws {@link InvalidArgumentException} naming it). Returned values are immutable and never change after they
 * are returned; nothing a caller does to a value it passed in changes what is stored. Rules are numbered {@code D-n}
 * in the TCK ({@code tck-rules/deployments.md}).
 */
public interface DeploymentStore {

    /**
     * Stores a new deployment. The store sets {@code createdAt} and {@code updatedAt} to its clock's now
     * (microsecond precision) and {@code version} to 1.
     *
     * @param deployment a new deployment (version 0)
     * @return the stored deployment
     * @throws NotFoundException for the {@link dev.ctrlstore.store.ResourceKind#INSTANCE instance} if the deployment's
     *     tenant has no instance with its {@code instanceId}, or for the
     *     {@link dev.ctrlstore.store.ResourceKind#RELEASE release} if that tenant has no release with its
     *     {@code releaseId} belonging to that same instance (rules D-3, D-4); the instance is checked first, so a
     *     deployment naming another tenant's instance and release reports the instance; nothing is written
     * @throws AlreadyExistsException on field {@code id} if a deployment with this id exists; nothing is written
     * @throws InvalidArgumentException if the deployment's version is not 0
     */
    Deployment insertDeployment(Deployment deployment);

    /**
     * @param tenantId the caller's tenant
     * @param id the deployment's id
     * @return the stored deployment
     * @throws NotFoundException if the tenant has no deployment with this id
     */
    Deployment getDeployment(TenantId tenantId, DeploymentId id);

    /**
     * Replaces a stored deployment with these values, if it is still at the version given. {@code createdAt} keeps
     * its stored value; {@code updatedAt} becomes the clock's now; {@code version} goes up by one. The instance and
     * the release of a deployment never change.
     *
     * @param deployment the new values, carrying the version they were based on (from a previous read); its tenant
     *     scopes the update
     * @return the stored deployment
     * @throws NotFoundException if the deployment's tenant has no deployment with its id
     * @throws InvalidArgumentException if the deployment was never stored (version 0; field
     *     {@code deployment.version}), or its {@code instanceId} or {@code releaseId} differs from the stored one
     *     (field {@code deployment.instanceId} / {@code deployment.releaseId}); nothing is written
     * @throws ConflictException if the stored version differs from {@code deployment.version()}; nothing is written
     */
    Deployment updateDeployment(Deployment deployment);

    /**
     * A page of the deployments of one instance of the tenant, newest first: ordered by {@code createdAt}
     * descending, then by id descending. {@link Page#total()}, when asked for, counts all of the instance's
     * deployments. An instance that does not exist, or belongs to another tenant, has no deployments: the page is
     * empty, never an error.
     *
     * @param tenantId the caller's tenant
     * @param instanceId the instance whose deployments to list
     * @param page the page size and the cursor of the previous page
     * @throws InvalidArgumentException on field {@code cursor} if the cursor was not issued by this list for this
     *     tenant and instance, or was changed (see {@link PageRequest})
     */
    Page<Deployment> listDeployments(TenantId tenantId, InstanceId instanceId, PageRequest page);

    /**
     * Stores a new release. The store sets {@code createdAt} to its clock's now (microsecond precision). The
     * version must not be in use by another release of the same instance; take it from
     * {@link #nextReleaseVersion} and, on {@link AlreadyExistsException} for field {@code version}, ask again.
     *
     * @param release a release never stored ({@code createdAt} null)
     * @return the stored release
     * @throws NotFoundException for the {@link dev.ctrlstore.store.ResourceKind#INSTANCE instance} if the release's
     *     tenant has no instance with its {@code instanceId}; nothing is written
     * @throws AlreadyExistsException on field {@code id} if a release with this id exists, or on field
     *     {@code version} if the instance already has a release with this version; nothing is written
     * @throws InvalidArgumentException on field {@code release.createdAt} if the release carries a {@code createdAt}
     *     (it was stored already: releases are immutable and inserted once)
     */
    Release insertRelease(Release release);

    /**
     * @param tenantId the caller's tenant
     * @param id the release's id
     * @return the stored release
     * @throws NotFoundException if the tenant has no release with this id
     */
    Release getRelease(TenantId tenantId, ReleaseId id);

    /**
     * A page of the releases of one instance of the tenant, highest version first: ordered by {@code version}
     * descending (the first item of the first page is the latest release). {@link Page#total()}, when asked for,
     * counts all of the instance's releases. An instance that does not exist, or belongs to another tenant, has no
     * releases: the page is empty, never an error.
     *
     * @param tenantId the caller's tenant
     * @param instanceId the instance whose releases to list
     * @param page the page size and the cursor of the previous page
     * @throws InvalidArgumentException on field {@code cursor} if the cursor was not issued by this list for this
     *     tenant and instance, or was changed (see {@link PageRequest})
     */
    Page<Release> listReleases(TenantId tenantId, InstanceId instanceId, PageRequest page);

    /**
     * The version the instance's next release should take: the highest version of its releases plus one, or 1 when
     * it has none. An instance that does not exist, or belongs to another tenant, has none: the answer is 1, never
     * an error. The answer is a proposal, not a reservation: {@link #insertRelease} is what makes a number taken, so
     * concurrent callers may be told the same number and all but one of them get {@link AlreadyExistsException}.
     *
     * @param tenantId the caller's tenant
     * @param instanceId the instance
     * @return at least 1
     */
    int nextReleaseVersion(TenantId tenantId, InstanceId instanceId);
}
