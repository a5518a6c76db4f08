/**
 * The network subsystem: custom {@link dev.ctrlstore.store.network.Domain domains}, their TLS
 * {@link dev.ctrlstore.store.network.Certificate certificates}, and the {@link dev.ctrlstore.store.network.Route routes}
 * that send traffic to an instance's services; all tenant-scoped and owned by an instance.
 */
package dev.ctrlstore.store.network;
