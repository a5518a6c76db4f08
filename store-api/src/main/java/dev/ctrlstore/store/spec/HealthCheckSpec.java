package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Durations;
import dev.ctrlstore.store.internal.Checks;

import java.time.Duration;

/**
 * The deploy-time health check of one service (not the health subsystem's checks).
 *
 * @param path HTTP path; {@code ""} for a TCP check
 * @param port 0 to 65535
 * @param interval time between probes, not negative
 * @param timeout time a probe may take, not negative
 * @param retries failed probes before the service counts as unhealthy, not negative
 */
public record HealthCheckSpec(String path, int port, Duration interval, Duration timeout, int retries) {
    public HealthCheckSpec {
        path = Checks.optionalText(path, "healthCheck.path", Checks.LONG_TEXT);
        Checks.range(port, 0, 65535, "healthCheck.port");
        interval = Durations.nonNegative(interval, "healthCheck.interval");
        timeout = Durations.nonNegative(timeout, "healthCheck.timeout");
        Checks.nonNegative(retries, "healthCheck.retries");
    }
}
