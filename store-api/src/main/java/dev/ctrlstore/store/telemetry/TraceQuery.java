package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.internal.Checks;

import java.util.Optional;

/**
 * Which of a tenant's trace spans {@link TelemetryStore#querySpans} returns. Every present criterion must hold (AND).
 *
 * @param instanceId only spans of this instance; empty for every instance of the tenant
 * @param traceId only spans of exactly this trace; empty for every trace
 * @param operation only spans with exactly this operation (case-sensitive); empty for every operation
 * @param window only spans whose timestamp lies within it (both ends inclusive), at most its limit, newest first
 */
public record TraceQuery(Optional<InstanceId> instanceId, Optional<String> traceId, Optional<String> operation,
        TimeWindow window) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if the window is null ({@code query.window}), or the trace
     *     id or operation is blank or longer than 255 characters ({@code query.traceId}, {@code query.operation})
     */
    public TraceQuery {
        instanceId = instanceId == null ? Optional.empty() : instanceId;
        traceId = traceId == null ? Optional.empty()
                : traceId.map(t -> Checks.lookupText(t, "query.traceId", Checks.SHORT_TEXT));
        operation = operation == null ? Optional.empty()
                : operation.map(o -> Checks.lookupText(o, "query.operation", Checks.SHORT_TEXT));
        Checks.notNull(window, "query.window");
    }

    /** The newest {@value TimeWindow#DEFAULT_LIMIT} spans of every instance of the tenant. */
    public static TraceQuery all() {
        return new TraceQuery(Optional.empty(), Optional.empty(), Optional.empty(), TimeWindow.latest());
    }

    /** The newest {@value TimeWindow#DEFAULT_LIMIT} spans of one instance. */
    public static TraceQuery forInstance(InstanceId id) {
        return all().withInstance(id);
    }

    /** The newest {@value TimeWindow#DEFAULT_LIMIT} spans of one trace, from any instance of the tenant. */
    public static TraceQuery forTrace(String traceId) {
        return all().withTraceId(traceId);
    }

    public TraceQuery withInstance(InstanceId id) {
        return new TraceQuery(Optional.of(Checks.notNull(id, "query.instanceId")), traceId, operation, window);
    }

    public TraceQuery withTraceId(String t) {
        return new TraceQuery(instanceId, Optional.of(Checks.notNull(t, "query.traceId")), operation, window);
    }

    public TraceQuery withOperation(String o) {
        return new TraceQuery(instanceId, traceId, Optional.of(Checks.notNull(o, "query.operation")), window);
    }

    public TraceQuery withWindow(TimeWindow w) {
        return new TraceQuery(instanceId, traceId, operation, w);
    }

    /** Whether {@code s} meets every criterion and lies within the window's bounds (not its limit; not the tenant). */
    public boolean matches(Span s) {
        return instanceId.map(i -> i.equals(s.instanceId())).orElse(true)
                && traceId.map(t -> t.equals(s.traceId())).orElse(true)
                && operation.map(o -> o.equals(s.operation())).orElse(true)
                && window.contains(s.timestamp());
    }
}
