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
    private final NetworkStore network;

    private BrokenStore(Store delegate, InstanceStore instances, NetworkStore network) {
        this.delegate = delegate;
        this.instances = instances;
        this.network = network;
    }

    static Store breakingInstances(Store delegate, UnaryOperator<InstanceStore> wrong) {
        return new BrokenStore(delegate, wrong.apply(delegate.instances()), delegate.network());
    }

    static Store breakingNetwork(Store delegate, UnaryOperator<NetworkStore> wrong) {
        return new BrokenStore(delegate, delegate.instances(), wrong.apply(delegate.network()));
    }

    @Override
    public InstanceStore instances() {
        return instances;
    }

    @Override
    public DeploymentStore deployments() {
        return delegate.deployments();
    }

    @Override
    public HealthStore health() {
        return delegate.health();
    }

    @Override
    public TelemetryStore telemetry() {
        return delegate.telemetry();
    }

    @Override
    public NetworkStore network() {
        return network;
    }

    @Override
    public SecretStore secrets() {
        return delegate.secrets();
    }

    @Override
    public AdminStore admin() {
        return delegate.admin();
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
