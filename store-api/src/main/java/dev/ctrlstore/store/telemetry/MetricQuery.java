package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.internal.Checks;

import java.util.Optional;

/**
 * Which of a tenant's metric samples {@link TelemetryStore#queryMetrics} returns. Every present criterion must hold
 * (AND); there is no downsampling.
 *
 * @param instanceId only samples of this instance; empty for every instance of the tenant
 * @param name only samples with exactly this name (case-sensitive); empty for every name
 * @param window only samples whose timestamp lies within it (both ends inclusive), at most its limit, newest first
 */
public record MetricQuery(Optional<InstanceId> instanceId, Optional<String> name, TimeWindow window) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if the window is null ({@code query.window}) or the name
     *     is blank or longer than 255 characters ({@code query.name})
     */
    public MetricQuery {
        instanceId = instanceId == null ? Optional.empty() : instanceId;
        name = name == null ? Optional.empty() : name.map(n -> Checks.lookupText(n, "query.name", Checks.SHORT_TEXT));
        Checks.notNull(window, "query.window");
    }

    /** The newest {@value TimeWindow#DEFAULT_LIMIT} samples of every instance of the tenant. */
    public static MetricQuery all() {
        return new MetricQuery(Optional.empty(), Optional.empty(), TimeWindow.latest());
    }

    /** The newest {@value TimeWindow#DEFAULT_LIMIT} samples of one instance. */
    public static MetricQuery forInstance(InstanceId id) {
        return all().withInstance(id);
    }

    public MetricQuery withInstance(InstanceId id) {
        return new MetricQuery(Optional.of(Checks.notNull(id, "query.instanceId")), name, window);
    }

    public MetricQuery withName(String n) {
        return new MetricQuery(instanceId, Optional.of(Checks.notNull(n, "query.name")), window);
    }

    public MetricQuery withWindow(TimeWindow w) {
        return new MetricQuery(instanceId, name, w);
    }

    /** Whether {@code m} meets every criterion and lies within the window's bounds (not its limit; not the tenant). */
    public boolean matches(Metric m) {
        return instanceId.map(i -> i.equals(m.instanceId())).orElse(true)
                && name.map(n -> n.equals(m.name())).orElse(true)
                && window.contains(m.timestamp());
    }
}
