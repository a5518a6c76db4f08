package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Rules for the store as a whole (L-n): the kit's own setup, migrate, ping and close. If these fail, check that
 * {@code createStore()} builds a new store over new, empty storage each call and that {@code close()} marks the
 * store closed before anything else.
 */
public abstract class StoreLifecycleContract extends ContractSupport {

    @Test
    @DisplayName("L-1 createStore returns a new, empty store on every call")
    void createStoreReturnsFreshEmptyStores() {
        Instance kept = insertInstance(tenant);
        try (Store second = createStore()) {
            assertThat(second).as("[L-1] second must be another object than store").isNotSameAs(store);
            assertThat(second.instances().count(tenant)).as("[L-1] second.instances().count(tenant) must be 0").isZero();
            assertThat(second.admin().countTenants()).as("[L-1] second.admin().countTenants() must be 0").isZero();
        }
        assertThat(store.instances().get(tenant, kept.id()))
                .as("[L-1] store.instances().get(tenant, kept.id()) must equal kept").isEqualTo(kept);
    }

    @Test
    @DisplayName("L-2 the store takes its timestamps from the clock the kit supplies")
    void storeUsesTheSuppliedClock() {
        Instance first = insertInstance(tenant);
        clock().advance(Duration.ofSeconds(90));
        Instance second = insertInstance(tenant);
        assertThat(first.createdAt())
                .as("[L-2] first.createdAt() must equal TestClock.START").isEqualTo(TestClock.START);
        assertThat(second.createdAt())
                .as("[L-2] second.createdAt() must equal TestClock.START.plusSeconds(90)")
                .isEqualTo(TestClock.START.plusSeconds(90));
    }

    @Test
    @DisplayName("L-3 migrate may be called twice and keeps the data")
    void migrateTwice() {
        store.migrate();
        Instance kept = insertInstance(tenant);
        store.migrate();
        assertThat(store.instances().get(tenant, kept.id()))
                .as("[L-3] store.instances().get(tenant, kept.id()) must equal kept").isEqualTo(kept);
    }

    @Test
    @DisplayName("L-4 ping succeeds on an open store")
    void pingOpenStore() {
        assertThatCode(store::ping).as("[L-4] store::ping must not throw").doesNotThrowAnyException();
    }

    @Test
    @DisplayName("L-5 close is idempotent")
    void closeTwice() {
        store.close();
        assertThatCode(store::close).as("[L-5] store::close must not throw").doesNotThrowAnyException();
    }

    @Test
    @DisplayName("L-6 after close, ping, migrate and every subsystem fail with StoreClosedException")
    void useAfterClose() {
        Instance i = insertInstance(tenant);
        store.close();
        List<ThrowingCallable> calls = List.of(
                store::ping,
                store::migrate,
                () -> store.instances().get(tenant, i.id()),
                () -> store.instances().insert(newInstance(tenant).build()),
                () -> store.instances().list(tenant, InstanceFilter.all(), PageRequest.first()),
                () -> store.instances().count(tenant),
                () -> store.deployments().nextReleaseVersion(tenant, i.id()),
                () -> store.health().listChecks(tenant, i.id()),
                () -> store.network().countDomains(tenant),
                () -> store.secrets().count(tenant),
                () -> store.admin().countTenants());
        for (ThrowingCallable call : calls) {
            StoreClosedException e = catchThrowableOfType(StoreClosedException.class, call);
            assertThat(e).as("[L-6] e must not be null: a call after close must throw "
                            + "StoreClosedException").isNotNull();
            assertThat(e.getMessage()).as("[L-6] e.getMessage() must contain \"closed\"").contains("closed");
            assertThat(e.isRetryable()).as("[L-6] e.isRetryable() must be false").isFalse();
        }
    }

    @Test
    @DisplayName("L-7 errors are StoreExceptions: a null argument is an InvalidArgumentException, not an NPE")
    void nullArgumentIsInvalidArgument() {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> store.instances().count(null));
        assertThat(e)
                .as("[L-7] e (store.instances().count(null)) must not be null and be a StoreException")
                .isNotNull().isInstanceOf(StoreException.class);
        assertThat(e.field())
                .as("[L-7] e.field() from store.instances().count(null) must equal \"tenantId\"").isEqualTo("tenantId");
    }
}
