package dev.ctrlstore.store.telemetry;

/** STUB: to be written. */
public interface TelemetryStore {
}
