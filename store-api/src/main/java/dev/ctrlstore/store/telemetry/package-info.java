/**
 * The telemetry subsystem: metrics, log entries, trace spans and resource snapshots reported by agents, kept as
 * append-only history per tenant, queried newest first within a time window, and removed by retention purges.
 */
package dev.ctrlstore.store.telemetry;
