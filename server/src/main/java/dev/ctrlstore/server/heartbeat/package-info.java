/**
 * {@link dev.ctrlstore.server.heartbeat.Heartbeat}: a row written through the write service every interval, so that
 * a replica's ledger latency measures real staleness when nothing else is written.
 */
package dev.ctrlstore.server.heartbeat;
