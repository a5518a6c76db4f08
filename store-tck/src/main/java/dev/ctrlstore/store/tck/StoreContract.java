package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.Store;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole compatibility kit. Extend it once per backend and return a new, empty store from {@link #createStore()}
 * that takes its time from {@link #clock()}:
 *
 * <pre>{@code
 * class MyStoreContractTest extends StoreContract {
 *     @Override
 *     protected Store createStore() {
 *         return MyStore.open(clock());
 *     }
 * }
 * }</pre>
 *
 * <p>Each subsystem's rules run as a nested group ({@code StoreContract$Instances}, ...). The rules are numbered in
 * {@code TCK.md}; every test's display name starts with its rule id.
 */
public abstract class StoreContract extends StoreLifecycleContract {

    @Nested
    @DisplayName("Instances")
    class Instances extends InstanceStoreContract {
        @Override protected Store createStore() { return StoreContract.this.createStore(); }
        @Override protected TestClock clock() { return StoreContract.this.clock(); }
    }

    @Nested
    @DisplayName("Deployments")
    class Deployments extends DeploymentStoreContract {
        @Override protected Store createStore() { return StoreContract.this.createStore(); }
        @Override protected TestClock clock() { return StoreContract.this.clock(); }
    }

    @Nested
    @DisplayName("Health")
    class Health extends HealthStoreContract {
        @Override protected Store createStore() { return StoreContract.this.createStore(); }
        @Override protected TestClock clock() { return StoreContract.this.clock(); }
    }

    @Nested
    @DisplayName("Telemetry")
    class Telemetry extends TelemetryStoreContract {
        @Override protected Store createStore() { return StoreContract.this.createStore(); }
        @Override protected TestClock clock() { return StoreContract.this.clock(); }
    }

    @Nested
    @DisplayName("Network")
    class Network extends NetworkStoreContract {
        @Override protected Store createStore() { return StoreContract.this.createStore(); }
        @Override protected TestClock clock() { return StoreContract.this.clock(); }
    }

    @Nested
    @DisplayName("Secrets")
    class Secrets extends SecretStoreContract {
        @Override protected Store createStore() { return StoreContract.this.createStore(); }
        @Override protected TestClock clock() { return StoreContract.this.clock(); }
    }

    @Nested
    @DisplayName("Admin")
    class Admin extends AdminStoreContract {
        @Override protected Store createStore() { return StoreContract.this.createStore(); }
        @Override protected TestClock clock() { return StoreContract.this.clock(); }
    }

    @Nested
    @DisplayName("Values")
    class Values extends ValueDomainContract {
        @Override protected Store createStore() { return StoreContract.this.createStore(); }
        @Override protected TestClock clock() { return StoreContract.this.clock(); }
    }

    @Nested
    @DisplayName("Paging")
    class Paging extends PagingContract {
        @Override protected Store createStore() { return StoreContract.this.createStore(); }
        @Override protected TestClock clock() { return StoreContract.this.clock(); }
    }
}
