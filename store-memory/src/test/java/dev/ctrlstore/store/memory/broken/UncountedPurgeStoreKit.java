package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;
import dev.ctrlstore.store.telemetry.TelemetryStore;

import java.time.Instant;

/** Breaks the count of {@code telemetry().purgeBefore}: it deletes the rows but reports 0. */
public class UncountedPurgeStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingTelemetry(MemoryStore.create(clock()), real -> Replacing.method(
                TelemetryStore.class, real, "purgeBefore", args -> {
                    real.purgeBefore((TenantId) args[0], (Instant) args[1]);
                    return 0L;
                }));
    }
}
