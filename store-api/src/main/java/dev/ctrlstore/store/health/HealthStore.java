package dev.ctrlstore.store.health;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;

import java.util.List;
import java.util.Optional;

/**
 * Health checks of every tenant's instances and the history of their results, each visible only within its own
 * tenant: a check id of another tenant behaves exactly like an id that does not exist (reads return nothing, writes
 * throw {@link NotFoundException} carrying the caller's tenant). A check belongs to one instance; deleting the
 * instance deletes its checks and their results, and deleting a check deletes its results.
 *
 * <p>Every method may also throw {@link dev.ctrlstore.store.StoreClosedException} after close and
 * {@link dev.ctrlstore.store.StoreUnavailableException} when the backend cannot be reached; every argument is
 * required (null throws {@link InvalidArgumentException} naming it). Returned values and lists are immutable and never
 * change after they are returned. List methods never throw {@link NotFoundException}: a missing or foreign parent
 * gives an empty list. Rules are numbered {@code H-n} in the TCK's {@code tck-rules/health.md}.
 */
public interface HealthStore {

    /**
     * Stores a new check. The store sets {@code createdAt} and {@code updatedAt} to its clock's now (microsecond
     * precision) and {@code version} to 1; every other component is kept exactly.
     *
     * @param check a new check (version 0) of an instance of {@code check.tenantId()}
     * @return the stored check
     * @throws NotFoundException (kind {@code INSTANCE}) if the check's tenant has no instance
     *     {@code check.instanceId()}; nothing is written
     * @throws AlreadyExistsException if a check with this id exists (field {@code id}); nothing is written
     * @throws InvalidArgumentException if the check's version is not 0 (field {@code check.version})
     */
    HealthCheck insertCheck(HealthCheck check);

    /**
     * The check with this id in this tenant.
     *
     * @throws NotFoundException (kind {@code HEALTH_CHECK}) if the tenant has no check with this id
     */
    HealthCheck getCheck(TenantId tenantId, HealthCheckId checkId);

    /**
     * Every check of one instance of the tenant, oldest first: ordered by {@code createdAt} ascending, then by id
     * ascending. Not paged (an instance has a handful of checks).
     *
     * @return an unmodifiable list; empty if the tenant has no such instance or the instance has no checks
     */
    List<HealthCheck> listChecks(TenantId tenantId, InstanceId instanceId);

    /**
     * Replaces a stored check with these values, if it is still at the version given. The lookup is by
     * ({@code check.tenantId()}, {@code check.id()}). {@code createdAt} keeps its stored value; {@code updatedAt}
     * becomes the clock's now; {@code version} goes up by one. The check's results are kept.
     *
     * @param check the new values, carrying the version they were based on (from a previous read)
     * @return the stored check
     * @throws NotFoundException (kind {@code HEALTH_CHECK}) if the check's tenant has no check with its id
     * @throws InvalidArgumentException if the check was never stored (version 0, field {@code check.version}) or its
     *     {@code instanceId} differs from the stored one (field {@code check.instanceId}: a check cannot move to
     *     another instance; create a new one); nothing is written
     * @throws ConflictException if the stored version differs from {@code check.version()}; nothing is written
     */
    HealthCheck updateCheck(HealthCheck check);

    /**
     * Deletes a check and all of its results.
     *
     * @throws NotFoundException (kind {@code HEALTH_CHECK}) if the tenant has no check with this id
     */
    void deleteCheck(TenantId tenantId, HealthCheckId checkId);

    /**
     * Appends a result to a check's history, exactly as given (its {@code checkedAt} is the caller's event time;
     * results need not arrive in time order).
     *
     * @param result a result of a check of {@code result.tenantId()}
     * @return the stored result, equal to {@code result}
     * @throws NotFoundException (kind {@code HEALTH_CHECK}) if the result's tenant has no check
     *     {@code result.checkId()}; nothing is written
     * @throws InvalidArgumentException if {@code result.instanceId()} is not the check's instance (field
     *     {@code result.instanceId}); nothing is written
     * @throws AlreadyExistsException (kind {@code HEALTH_RESULT}) if a result with this id exists (field {@code id});
     *     nothing is written
     */
    HealthResult insertResult(HealthResult result);

    /**
     * A check's results whose {@code checkedAt} lies within the window (both bounds inclusive), newest first:
     * ordered by {@code checkedAt} descending, then by id descending. When more results match than
     * {@code window.limit()}, the newest ones are returned.
     *
     * @return an unmodifiable list; empty if the tenant has no such check or nothing matches
     */
    List<HealthResult> listResults(TenantId tenantId, HealthCheckId checkId, TimeWindow window);

    /**
     * A check's newest result: the greatest {@code checkedAt}, among equal ones the greatest id (the first item
     * {@link #listResults} would return).
     *
     * @return empty if the tenant has no such check or the check has no results
     */
    Optional<HealthResult> latestResult(TenantId tenantId, HealthCheckId checkId);
}
