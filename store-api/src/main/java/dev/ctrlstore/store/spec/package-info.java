/**
 * Value types nested inside instances, deployments and releases: service specs, resources, ports, volumes,
 * deployment sources. Immutable records; collections are unmodifiable copies; validated when constructed.
 */
package dev.ctrlstore.store.spec;
