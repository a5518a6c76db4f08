package dev.ctrlstore.replication.replica;

import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;

import java.util.List;
import java.util.Optional;

/** Checks are replicated and read from the LDB; results are history and refused. Writes go to the read-only file. */
final class ReplicaHealthStore implements HealthStore {
    private final HealthStore local;
    private final Refusals refuse;

    ReplicaHealthStore(HealthStore local, Refusals refuse) {
        this.local = local;
        this.refuse = refuse;
    }

    @Override
    public HealthCheck insertCheck(HealthCheck check) {
        return local.insertCheck(check);
    }

    @Override
    public HealthCheck getCheck(TenantId tenantId, HealthCheckId checkId) {
        return local.getCheck(tenantId, checkId);
    }

    @Override
    public List<HealthCheck> listChecks(TenantId tenantId, InstanceId instanceId) {
        return local.listChecks(tenantId, instanceId);
    }

    @Override
    public HealthCheck updateCheck(HealthCheck check) {
        return local.updateCheck(check);
    }

    @Override
    public void deleteCheck(TenantId tenantId, HealthCheckId checkId) {
        local.deleteCheck(tenantId, checkId);
    }

    @Override
    public HealthResult insertResult(HealthResult result) {
        return local.insertResult(result);
    }

    @Override
    public List<HealthResult> listResults(TenantId tenantId, HealthCheckId checkId, TimeWindow window) {
        throw refuse.healthResults("health().listResults");
    }

    @Override
    public Optional<HealthResult> latestResult(TenantId tenantId, HealthCheckId checkId) {
        throw refuse.healthResults("health().latestResult");
    }
}
