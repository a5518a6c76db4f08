package dev.ctrlstore.store.instance;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;

/**
 * Instances of every tenant, each visible only within its own tenant: an instance id of another tenant behaves
 * exactly like an id that does not exist. Every method may also throw {@link dev.ctrlstore.store.StoreClosedException}
 * after close and {@link dev.ctrlstore.store.StoreUnavailableException} when the backend cannot be reached; every
 * argument is required (null throws {@link InvalidArgumentException} naming it). Returned values are immutable and
 * never change after they are returned. Rules are numbered {@code I-n} in the TCK's {@code TCK.md}.
 */
public interface InstanceStore {

    /**
     * Stores a new instance. The store sets {@code createdAt} and {@code updatedAt} to its clock's now (microsecond
     * precision) and {@code version} to 1.
     *
     * @param instance a new instance (version 0)
     * @return the stored instance
     * @throws AlreadyExistsException if the id exists (field {@code id}) or the tenant has an instance with the same
     *     slug (field {@code slug}); nothing is written
     * @throws InvalidArgumentException if the instance's version is not 0
     */
    Instance insert(Instance instance);

    /**
     * @throws NotFoundException if the tenant has no instance with this id
     */
    Instance get(TenantId tenantId, InstanceId instanceId);

    /**
     * @throws NotFoundException if the tenant has no instance with this slug (the exception's id is the slug)
     * @throws InvalidArgumentException on {@code slug} if it is not a slug (a DNS label of 1 to 63 lowercase letters,
     *     digits and inner hyphens); the message quotes it
     */
    Instance getBySlug(TenantId tenantId, String slug);

    /**
     * A page of the tenant's instances that match the filter, newest first: ordered by {@code createdAt}
     * descending, then by id descending. {@link dev.ctrlstore.store.Page#total()}, when the
     * request asks for it, counts every match.
     *
     * @throws InvalidArgumentException on field {@code cursor} if the cursor was not issued by this list for this
     *     tenant and filter, or was changed (see {@link PageRequest})
     */
    Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page);

    /**
     * Replaces a stored instance with these values, if it is still at the version given. {@code createdAt} keeps
     * its stored value; {@code updatedAt} becomes the clock's now; {@code version} goes up by one.
     *
     * @param instance the new values, carrying the version they were based on (from a previous read)
     * @return the stored instance
     * @throws NotFoundException if the instance's tenant has no instance with its id
     * @throws ConflictException if the stored version differs from {@code instance.version()}; nothing is written
     * @throws AlreadyExistsException if the new slug is taken by another instance of the tenant
     * @throws InvalidArgumentException if the instance was never stored (version 0)
     */
    Instance update(Instance instance);

    /**
     * Deletes an instance and everything it owns: its deployments, releases, health checks and their results,
     * domains and their certificates, routes and secrets. Telemetry is history and is kept until purged.
     *
     * @throws NotFoundException if the tenant has no instance with this id
     */
    void delete(TenantId tenantId, InstanceId instanceId);

    /** The number of the tenant's instances, in any state. */
    long count(TenantId tenantId);
}
