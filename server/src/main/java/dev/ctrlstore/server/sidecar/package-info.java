/**
 * The read sidecar: an HTTP server over one host's LDB with ctlstore's sidecar routes and the typed replica's reads,
 * health judged by ledger latency, and read-your-writes through {@code ?min_seq=}.
 */
package dev.ctrlstore.server.sidecar;
