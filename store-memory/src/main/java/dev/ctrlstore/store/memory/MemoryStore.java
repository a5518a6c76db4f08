package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.telemetry.TelemetryStore;

import java.time.Clock;

/**
 * A {@link Store} in this process's memory: maps guarded by one read-write lock. Data is lost when the store is
 * closed or the process exits. Thread-safe; passes the whole compatibility kit.
 */
public final class MemoryStore implements Store {
    private final MemoryState state;
    private final MemoryInstanceStore instances;
    private final MemoryDeploymentStore deployments;
    private final MemoryHealthStore health;
    private final MemoryTelemetryStore telemetry;
    private final MemoryNetworkStore network;
    private final MemorySecretStore secrets;
    private final MemoryAdminStore admin;

    private MemoryStore(Clock clock) {
        state = new MemoryState(clock);
        instances = new MemoryInstanceStore(state);
        deployments = new MemoryDeploymentStore(state);
        health = new MemoryHealthStore(state);
        telemetry = new MemoryTelemetryStore(state);
        network = new MemoryNetworkStore(state);
        secrets = new MemorySecretStore(state);
        admin = new MemoryAdminStore(state);
    }

    /** An empty store on the system clock (UTC). */
    public static MemoryStore create() {
        return new MemoryStore(Clock.systemUTC());
    }

    /** An empty store whose timestamps come from {@code clock}. */
    public static MemoryStore create(Clock clock) {
        return new MemoryStore(Checks.notNull(clock, "clock"));
    }

    @Override
    public InstanceStore instances() {
        return instances;
    }

    @Override
    public DeploymentStore deployments() {
        return deployments;
    }

    @Override
    public HealthStore health() {
        return health;
    }

    @Override
    public TelemetryStore telemetry() {
        return telemetry;
    }

    @Override
    public NetworkStore network() {
        return network;
    }

    @Override
    public SecretStore secrets() {
        return secrets;
    }

    @Override
    public AdminStore admin() {
        return admin;
    }

    /** Nothing to migrate in memory; fails only after close. */
    @Override
    public void migrate() {
        state.checkOpen();
    }

    @Override
    public void ping() {
        state.checkOpen();
    }

    @Override
    public void close() {
        state.close();
    }
}
