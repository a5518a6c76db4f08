package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.telemetry.TelemetryStore;

import java.util.function.UnaryOperator;

/** A memory store with one subsystem replaced by a deliberately wrong decorator. */
final class BrokenStore implements Store {
    private final Store delegate;
    private final InstanceStore instances;
    private final DeploymentStore deployments;
    private final HealthStore health;
    private final TelemetryStore telemetry;
    private final NetworkStore network;
    private final SecretStore secrets;
    private final AdminStore admin;

    private BrokenStore(Store delegate, InstanceStore instances, DeploymentStore deployments, HealthStore health,
            TelemetryStore telemetry, NetworkStore network, SecretStore secrets, AdminStore admin) {
        this.delegate = delegate;
        this.instances = instances;
        this.deployments = deployments;
        this.health = health;
        this.telemetry = telemetry;
        this.network = network;
        this.secrets = secrets;
        this.admin = admin;
    }

    private static BrokenStore of(Store d) {
        return new BrokenStore(d, d.instances(), d.deployments(), d.health(), d.telemetry(), d.network(),
                d.secrets(), d.admin());
    }

    static Store breakingInstances(Store delegate, UnaryOperator<InstanceStore> wrong) {
        BrokenStore s = of(delegate);
        return new BrokenStore(delegate, wrong.apply(s.instances), s.deployments, s.health, s.telemetry, s.network,
                s.secrets, s.admin);
    }

    static Store breakingDeployments(Store delegate, UnaryOperator<DeploymentStore> wrong) {
        BrokenStore s = of(delegate);
        return new BrokenStore(delegate, s.instances, wrong.apply(s.deployments), s.health, s.telemetry, s.network,
                s.secrets, s.admin);
    }

    static Store breakingHealth(Store delegate, UnaryOperator<HealthStore> wrong) {
        BrokenStore s = of(delegate);
        return new BrokenStore(delegate, s.instances, s.deployments, wrong.apply(s.health), s.telemetry, s.network,
                s.secrets, s.admin);
    }

    static Store breakingTelemetry(Store delegate, UnaryOperator<TelemetryStore> wrong) {
        BrokenStore s = of(delegate);
        return new BrokenStore(delegate, s.instances, s.deployments, s.health, wrong.apply(s.telemetry), s.network,
                s.secrets, s.admin);
    }

    static Store breakingNetwork(Store delegate, UnaryOperator<NetworkStore> wrong) {
        BrokenStore s = of(delegate);
        return new BrokenStore(delegate, s.instances, s.deployments, s.health, s.telemetry, wrong.apply(s.network),
                s.secrets, s.admin);
    }

    static Store breakingSecrets(Store delegate, UnaryOperator<SecretStore> wrong) {
        BrokenStore s = of(delegate);
        return new BrokenStore(delegate, s.instances, s.deployments, s.health, s.telemetry, s.network,
                wrong.apply(s.secrets), s.admin);
    }

    static Store breakingAdmin(Store delegate, UnaryOperator<AdminStore> wrong) {
        BrokenStore s = of(delegate);
        return new BrokenStore(delegate, s.instances, s.deployments, s.health, s.telemetry, s.network, s.secrets,
                wrong.apply(s.admin));
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

    @Override
    public void migrate() {
        delegate.migrate();
    }

    @Override
    public void ping() {
        delegate.ping();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
