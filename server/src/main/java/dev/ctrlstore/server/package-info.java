/**
 * The HTTP services of ctrlstore: {@code executive} (the write service over the center's control tables),
 * {@code sidecar} (reads of an LDB over HTTP) and {@code heartbeat} (a periodic write that keeps replication lag
 * measurable when nothing else is written).
 */
package dev.ctrlstore.server;
