/**
 * The health subsystem: {@link dev.ctrlstore.store.health.HealthCheck} definitions per instance, their append-only
 * {@link dev.ctrlstore.store.health.HealthResult} history, and {@link dev.ctrlstore.store.health.HealthStore}.
 */
package dev.ctrlstore.store.health;
