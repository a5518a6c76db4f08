package dev.ctrlstore.store;

import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.telemetry.TelemetryStore;

/**
 * A control-plane store: seven subsystem stores over one backend, plus its lifecycle. Every tenant-owned read and
 * write names its tenant; nothing reads across tenants. The behaviour every implementation must have is the
 * contract in {@code store-tck} ({@code TCK.md} numbers the rules).
 *
 * <p>Implementations are thread-safe. After {@link #close()} every method, including the subsystem accessors' methods,
 * throws {@link StoreClosedException}.
 */
public interface Store extends AutoCloseable {

    /** Instances: the deployment targets of each tenant. */
    InstanceStore instances();

    /** Deployments and the numbered releases they roll out. */
    DeploymentStore deployments();

    /** Health checks and their results. */
    HealthStore health();

    /** Metrics, logs, trace spans and resource snapshots: append-only history, purged by age. */
    TelemetryStore telemetry();

    /** Custom domains, their TLS certificates, and routes. */
    NetworkStore network();

    /** Secrets of each instance; listings never carry values. */
    SecretStore secrets();

    /** The tenant registry (global) and each tenant's audit log. */
    AdminStore admin();

    /**
     * Creates or upgrades the schema. Safe to call more than once and from several processes at once.
     *
     * @throws StoreUnavailableException if the backend cannot be reached
    */
    void migrate();

    /**
     * Checks the backend answers.
     *
     * @throws StoreUnavailableException if it does not
    */
    void ping();

    /** Releases the store's resources. Idempotent. */
    @Override
    void close();
}
