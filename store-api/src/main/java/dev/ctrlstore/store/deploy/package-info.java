/**
 * The deploy subsystem: {@link dev.ctrlstore.store.deploy.Deployment} rollouts, the numbered, immutable
 * {@link dev.ctrlstore.store.deploy.Release}s they roll out, and their store.
 */
package dev.ctrlstore.store.deploy;
