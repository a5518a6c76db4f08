/**
 * What every ctrlstore HTTP service shares: the Helidon server on virtual threads ({@link HttpServer}), exact JSON
 * ({@link Json}), bodies read under a size limit ({@link Bodies}), one mapping of errors to statuses and bodies
 * ({@link ErrorMapping}) and request metrics with a Prometheus {@code /metrics} route ({@link HttpMetrics}).
 */
package dev.ctrlstore.server.http;
