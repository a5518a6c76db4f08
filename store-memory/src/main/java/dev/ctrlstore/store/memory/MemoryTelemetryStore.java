package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.telemetry.TelemetryStore;

/** STUB: to be written. */
final class MemoryTelemetryStore implements TelemetryStore {
    private final MemoryState state;

    MemoryTelemetryStore(MemoryState state) {
        this.state = state;
    }
}
