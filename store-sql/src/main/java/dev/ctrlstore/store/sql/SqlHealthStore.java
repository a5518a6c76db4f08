package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.jooq.tables.records.HealthChecksRecord;
import dev.ctrlstore.store.jooq.tables.records.HealthResultsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.ctrlstore.store.jooq.Tables.HEALTH_CHECKS;
import static dev.ctrlstore.store.jooq.Tables.HEALTH_RESULTS;

/**
 * Checks in the {@code health_checks} table, their results in {@code health_results}. A result's key to its check
 * is (tenant_id, check_id), so results share their check's tenant and go with it (and with its instance) through
 * the schema's {@code ON DELETE CASCADE} keys; the result queries therefore need no separate check lookup.
 */
final class SqlHealthStore extends SqlSubsystem implements HealthStore {
    // Reads by key, prepared once (see Prepared).
    private static final Prepared CHECK_BY_ID = Prepared.byKey("healthChecks.byId", HEALTH_CHECKS,
            HEALTH_CHECKS.TENANT_ID, HEALTH_CHECKS.ID);

    SqlHealthStore(SqlDatabase db, Clock clock) {
        super(db, clock);
    }

    @Override
    public HealthCheck insertCheck(HealthCheck check) {
        Checks.notNull(check, "check");
        Versions.requireNew(check.version(), "check", check.id().value());
        return transact("health().insertCheck", tx -> {
            DSLContext ctx = tx.dsl();
            requireInstance(ctx, check.tenantId(), check.instanceId());
            if (ctx.fetchExists(HEALTH_CHECKS, HEALTH_CHECKS.ID.eq(check.id()))) {
                throw duplicate(check);
            }
            Instant now = now();
            HealthCheck stored = check.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            tx.insert(toRecord(stored));
            return stored;
        }, field -> duplicate(check));
    }

    @Override
    public HealthCheck getCheck(TenantId tenantId, HealthCheckId checkId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(checkId, "checkId");
        return fetchExisting(CHECK_BY_ID, SqlHealthStore::toCheck,
                () -> new NotFoundException(tenantId, ResourceKind.HEALTH_CHECK, checkId.value()), tenantId, checkId);
    }

    @Override
    public List<HealthCheck> listChecks(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return read(ctx -> ctx.selectFrom(HEALTH_CHECKS)
                .where(HEALTH_CHECKS.TENANT_ID.eq(tenantId), HEALTH_CHECKS.INSTANCE_ID.eq(instanceId))
                .orderBy(HEALTH_CHECKS.CREATED_AT.asc(), HEALTH_CHECKS.ID.asc())
                .fetch(r -> toCheck(Row.of(r)))
                .stream().toList());
    }

    @Override
    public HealthCheck updateCheck(HealthCheck check) {
        Checks.notNull(check, "check");
        Versions.requireStored(check.version(), "check", check.id().value());
        return transact("health().updateCheck", tx -> {
            DSLContext ctx = tx.dsl();
            HealthCheck current = existing(ctx, check.tenantId(), check.id());
            StoreRules.requireUnchanged(current.instanceId(), check.instanceId(), "check.instanceId", check.tenantId(),
                    ResourceKind.HEALTH_CHECK, check.id().value(), "a check cannot move to another instance: create"
                            + " a new check instead");
            if (current.version() != check.version()) {
                throw conflict(check, current.version());
            }
            HealthCheck stored = check.toBuilder().createdAt(current.createdAt()).updatedAt(now())
                    .version(current.version() + 1).build();
            if (!tx.update(toRecord(stored), check.version())) {
                throw conflict(check, existing(ctx, check.tenantId(), check.id()).version());
            }
            return stored;
        });
    }

    @Override
    public void deleteCheck(TenantId tenantId, HealthCheckId checkId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(checkId, "checkId");
        transact("health().deleteCheck", tx -> {
            // The results go with the check through ON DELETE CASCADE.
            if (!tx.delete(HEALTH_CHECKS, tenantId, checkId)) {
                throw new NotFoundException(tenantId, ResourceKind.HEALTH_CHECK, checkId.value());
            }
            return null;
        });
    }

    @Override
    public HealthResult insertResult(HealthResult result) {
        Checks.notNull(result, "result");
        return transact("health().insertResult", tx -> {
            DSLContext ctx = tx.dsl();
            HealthCheck check = existing(ctx, result.tenantId(), result.checkId());
            if (!check.instanceId().equals(result.instanceId())) {
                throw new InvalidArgumentException("result.instanceId", "result.instanceId " + result.instanceId()
                        + " is not the instance " + check.instanceId() + " of check " + check.id(),
                        result.tenantId(), ResourceKind.HEALTH_RESULT, result.id().value());
            }
            if (ctx.fetchExists(HEALTH_RESULTS, HEALTH_RESULTS.ID.eq(result.id()))) {
                throw duplicate(result);
            }
            tx.insert(toRecord(result));
            return result;
        }, field -> duplicate(result));
    }

    @Override
    public List<HealthResult> listResults(TenantId tenantId, HealthCheckId checkId, TimeWindow window) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(checkId, "checkId");
        Checks.notNull(window, "window");
        List<Condition> where = new ArrayList<>();
        where.add(HEALTH_RESULTS.TENANT_ID.eq(tenantId));
        where.add(HEALTH_RESULTS.CHECK_ID.eq(checkId));
        // Both bounds inclusive, as TimeWindow.contains.
        window.since().ifPresent(s -> where.add(HEALTH_RESULTS.CHECKED_AT.ge(s)));
        window.until().ifPresent(u -> where.add(HEALTH_RESULTS.CHECKED_AT.le(u)));
        return read(ctx -> ctx.selectFrom(HEALTH_RESULTS)
                .where(DSL.and(where))
                .orderBy(HEALTH_RESULTS.CHECKED_AT.desc(), HEALTH_RESULTS.ID.desc())
                .limit(window.limit())
                .fetch(r -> toResult(Row.of(r)))
                .stream().toList());
    }

    @Override
    public Optional<HealthResult> latestResult(TenantId tenantId, HealthCheckId checkId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(checkId, "checkId");
        return read(ctx -> ctx.selectFrom(HEALTH_RESULTS)
                .where(HEALTH_RESULTS.TENANT_ID.eq(tenantId), HEALTH_RESULTS.CHECK_ID.eq(checkId))
                .orderBy(HEALTH_RESULTS.CHECKED_AT.desc(), HEALTH_RESULTS.ID.desc())
                .limit(1)
                .fetchOptional(r -> toResult(Row.of(r))));
    }

    private static HealthCheck existing(DSLContext ctx, TenantId tenantId, HealthCheckId id) {
        return ctx.selectFrom(HEALTH_CHECKS)
                .where(HEALTH_CHECKS.TENANT_ID.eq(tenantId), HEALTH_CHECKS.ID.eq(id))
                .fetchOptional(r -> toCheck(Row.of(r)))
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.HEALTH_CHECK, id.value()));
    }

    private static AlreadyExistsException duplicate(HealthCheck check) {
        // Both unique keys of health_checks end in id.
        return new AlreadyExistsException(check.tenantId(), ResourceKind.HEALTH_CHECK, check.id().value(),
                "id", check.id().value());
    }

    private static AlreadyExistsException duplicate(HealthResult result) {
        return new AlreadyExistsException(result.tenantId(), ResourceKind.HEALTH_RESULT, result.id().value(),
                "id", result.id().value());
    }

    private static ConflictException conflict(HealthCheck check, long actual) {
        return new ConflictException(check.tenantId(), ResourceKind.HEALTH_CHECK, check.id().value(),
                check.version(), actual);
    }

    private static HealthChecksRecord toRecord(HealthCheck c) {
        HealthChecksRecord r = new HealthChecksRecord();
        r.setId(c.id());
        r.setTenantId(c.tenantId());
        r.setInstanceId(c.instanceId());
        r.setServiceName(c.serviceName());
        r.setName(c.name());
        r.setCheckType(c.type());
        r.setTarget(c.target());
        r.setIntervalUs(c.interval());
        r.setTimeoutUs(c.timeout());
        r.setRetries(c.retries());
        r.setEnabled(c.enabled());
        r.setCreatedAt(c.createdAt());
        r.setUpdatedAt(c.updatedAt());
        r.setVersion(c.version());
        return r;
    }

    private static HealthCheck toCheck(Row r) {
        return HealthCheck.builder()
                .id(r.get(HEALTH_CHECKS.ID))
                .tenantId(r.get(HEALTH_CHECKS.TENANT_ID))
                .instanceId(r.get(HEALTH_CHECKS.INSTANCE_ID))
                .serviceName(r.get(HEALTH_CHECKS.SERVICE_NAME))
                .name(r.get(HEALTH_CHECKS.NAME))
                .type(r.get(HEALTH_CHECKS.CHECK_TYPE))
                .target(r.get(HEALTH_CHECKS.TARGET))
                .interval(r.get(HEALTH_CHECKS.INTERVAL_US))
                .timeout(r.get(HEALTH_CHECKS.TIMEOUT_US))
                .retries(r.get(HEALTH_CHECKS.RETRIES))
                .enabled(r.get(HEALTH_CHECKS.ENABLED))
                .createdAt(r.get(HEALTH_CHECKS.CREATED_AT))
                .updatedAt(r.get(HEALTH_CHECKS.UPDATED_AT))
                .version(r.get(HEALTH_CHECKS.VERSION))
                .build();
    }

    private static HealthResultsRecord toRecord(HealthResult h) {
        HealthResultsRecord r = new HealthResultsRecord();
        r.setId(h.id());
        r.setTenantId(h.tenantId());
        r.setCheckId(h.checkId());
        r.setInstanceId(h.instanceId());
        r.setStatus(h.status());
        r.setLatencyUs(h.latency());
        r.setMessage(h.message());
        r.setStatusCode(h.statusCode());
        r.setCheckedAt(h.checkedAt());
        return r;
    }

    private static HealthResult toResult(Row r) {
        return HealthResult.builder()
                .id(r.get(HEALTH_RESULTS.ID))
                .tenantId(r.get(HEALTH_RESULTS.TENANT_ID))
                .checkId(r.get(HEALTH_RESULTS.CHECK_ID))
                .instanceId(r.get(HEALTH_RESULTS.INSTANCE_ID))
                .status(r.get(HEALTH_RESULTS.STATUS))
                .latency(r.get(HEALTH_RESULTS.LATENCY_US))
                .message(r.get(HEALTH_RESULTS.MESSAGE))
                .statusCode(r.get(HEALTH_RESULTS.STATUS_CODE))
                .checkedAt(r.get(HEALTH_RESULTS.CHECKED_AT))
                .build();
    }
}
