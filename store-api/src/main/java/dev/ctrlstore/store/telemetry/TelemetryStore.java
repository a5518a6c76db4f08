package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Telemetry history of every tenant: metric samples, log entries, trace spans and resource snapshots that agents
 * report. Rows are append-only, have no id or version, and carry a caller-given event time ({@code timestamp}).
 *
 * <p><b>Tenant scoping.</b> Each row belongs to the tenant named in it, and every read and purge names a tenant and
 * sees only that tenant's rows, never another's, even for the same instance id. An instance-less query covers every
 * instance of the tenant and nothing else.
 *
 * <p><b>Instances.</b> A row's instance need not exist when it is inserted (agents report late), and rows are not
 * deleted with their instance: telemetry is history and stays until {@link #purgeBefore purged}. So reads never throw
 * {@link dev.ctrlstore.store.NotFoundException}; an unknown instance simply has no rows.
 *
 * <p><b>Order.</b> Every read returns rows newest first: by {@code timestamp} descending, and among rows with equal
 * timestamps the one inserted later first (within one batch, a later element counts as inserted later). A window's
 * bounds are inclusive, and its limit keeps the newest rows of that order.
 *
 * <p>Every method may also throw {@link dev.ctrlstore.store.StoreClosedException} after close and
 * {@link dev.ctrlstore.store.StoreUnavailableException} when the backend cannot be reached; every argument is
 * required (null throws {@link InvalidArgumentException} naming it). Returned lists are unmodifiable and never change
 * after they are returned; later changes to a list or map the caller passed in do not change what was stored. Rules
 * are numbered {@code T-n} in the TCK's {@code tck-rules/telemetry.md}.
 */
public interface TelemetryStore {

    /** The most rows one insert call takes: {@value}. */
    int MAX_BATCH = 10_000;

    /**
     * Appends metric samples, all or none.
     *
     * @param metrics 0 to {@value #MAX_BATCH} samples, each stored under its own tenant; an empty list does nothing
     * @throws InvalidArgumentException if the list holds more than {@value #MAX_BATCH} samples (field
     *     {@code metrics}) or a null element (field {@code metrics[i]}); nothing is written
     */
    void insertMetrics(List<Metric> metrics);

    /**
     * The tenant's metric samples that match the query, newest first (timestamp descending, then the later-inserted
     * first), at most the window's limit: the newest ones.
     *
     * @return an unmodifiable list; empty when nothing matches (also for an unknown instance)
     */
    List<Metric> queryMetrics(TenantId tenantId, MetricQuery query);

    /**
     * Appends log entries, all or none.
     *
     * @param logs 0 to {@value #MAX_BATCH} entries, each stored under its own tenant; an empty list does nothing
     * @throws InvalidArgumentException if the list holds more than {@value #MAX_BATCH} entries (field {@code logs})
     *     or a null element (field {@code logs[i]}); nothing is written
     */
    void insertLogs(List<LogEntry> logs);

    /**
     * The tenant's log entries that match the query (level exact, search a case-insensitive substring of the
     * message, see {@link LogQuery#messageMatches}), newest first (timestamp descending, then the later-inserted
     * first), at most the window's limit: the newest ones. The entries' fields read back as they were normalised on
     * construction: numbers as {@link Long} or {@link Double}, nested maps and lists unmodifiable.
     *
     * @return an unmodifiable list; empty when nothing matches (also for an unknown instance)
     */
    List<LogEntry> queryLogs(TenantId tenantId, LogQuery query);

    /**
     * Appends trace spans, all or none. Spans are not checked for uniqueness.
     *
     * @param spans 0 to {@value #MAX_BATCH} spans, each stored under its own tenant; an empty list does nothing
     * @throws InvalidArgumentException if the list holds more than {@value #MAX_BATCH} spans (field {@code spans})
     *     or a null element (field {@code spans[i]}); nothing is written
     */
    void insertSpans(List<Span> spans);

    /**
     * The tenant's spans that match the query, newest first (timestamp descending, then the later-inserted first),
     * at most the window's limit: the newest ones.
     *
     * @return an unmodifiable list; empty when nothing matches (also for an unknown instance or trace)
     */
    List<Span> querySpans(TenantId tenantId, TraceQuery query);

    /**
     * Appends a resource snapshot under its own tenant.
     */
    void insertResourceSnapshot(ResourceSnapshot snapshot);

    /**
     * The instance's snapshot with the greatest timestamp; among equal timestamps, the one inserted last. Not the
     * last one inserted: an agent reporting late does not replace a newer snapshot.
     *
     * @return empty when the tenant has no snapshot of that instance (also when the instance is unknown or belongs to
     *     another tenant)
     */
    Optional<ResourceSnapshot> latestResourceSnapshot(TenantId tenantId, InstanceId instanceId);

    /**
     * The instance's snapshots within the window, newest first (timestamp descending, then the later-inserted first),
     * at most the window's limit: the newest ones.
     *
     * @return an unmodifiable list; empty when there are none
     */
    List<ResourceSnapshot> listResourceSnapshots(TenantId tenantId, InstanceId instanceId, TimeWindow window);

    /**
     * Retention: deletes the tenant's metric samples, log entries, spans and resource snapshots whose timestamp is
     * strictly before {@code cutoff} (a row exactly at the cutoff stays), of every instance, in one atomic step.
     * Other tenants' rows are never touched.
     *
     * @param cutoff truncated to microseconds first, like every instant the store keeps; within years 1 to 9999
     * @throws InvalidArgumentException on {@code cutoff} if it is null or outside years 1 to 9999
     * @return the number of rows deleted, of all four kinds together; 0 when there were none
     */
    long purgeBefore(TenantId tenantId, Instant cutoff);
}
