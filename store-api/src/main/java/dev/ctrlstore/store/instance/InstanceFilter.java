package dev.ctrlstore.store.instance;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;

import java.util.Map;
import java.util.Optional;

/**
 * Which instances of a tenant a list returns. Every present criterion must hold (AND).
 *
 * @param state only instances in this state
 * @param labels only instances whose labels contain every one of these entries, with equal values; at most
 *               {@value #MAX_LABELS}
 * @param providerName only instances run by this provider
 * @param datacenterId only instances in this datacenter
 */
public record InstanceFilter(Optional<InstanceState> state, Map<String, String> labels,
        Optional<String> providerName, Optional<String> datacenterId) {
    /**
     * Most labels one selector may hold. A bound keeps every backend's statement within its bind limits (SQLite's is
     * 999) and the number of distinct statement shapes the SQL stores keep prepared small.
     */
    public static final int MAX_LABELS = 32;

    /**
     * @throws InvalidArgumentException if a label key is blank or the selector holds more than {@value #MAX_LABELS}
     *                                  labels
     */
    public InstanceFilter {
        state = state == null ? Optional.empty() : state;
        labels = Checks.lookupMap(labels, "filter.labels");
        if (labels.size() > MAX_LABELS) {
            throw new InvalidArgumentException("filter.labels", "filter.labels may hold at most " + MAX_LABELS
                    + " labels, got " + labels.size() + "; select on fewer labels and filter the rest yourself");
        }
        providerName = providerName == null ? Optional.empty() : providerName;
        datacenterId = datacenterId == null ? Optional.empty() : datacenterId;
    }

    /** No criteria: every instance of the tenant. */
    public static InstanceFilter all() {
        return new InstanceFilter(Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
    }

    public InstanceFilter withState(InstanceState s) {
        return new InstanceFilter(Optional.of(Checks.notNull(s, "filter.state")), labels, providerName,
                datacenterId);
    }

    public InstanceFilter withLabels(Map<String, String> l) {
        return new InstanceFilter(state, l, providerName, datacenterId);
    }

    public InstanceFilter withProviderName(String p) {
        return new InstanceFilter(state, labels, Optional.of(Checks.notNull(p, "filter.providerName")),
                datacenterId);
    }

    public InstanceFilter withDatacenterId(String d) {
        return new InstanceFilter(state, labels, providerName,
                Optional.of(Checks.notNull(d, "filter.datacenterId")));
    }

    /** Whether {@code i} meets every criterion (the tenant is not considered). */
    public boolean matches(Instance i) {
        return state.map(s -> s == i.state()).orElse(true)
                && providerName.map(p -> p.equals(i.providerName())).orElse(true)
                && datacenterId.map(d -> d.equals(i.datacenterId())).orElse(true)
                && labels.entrySet().stream().allMatch(e -> e.getValue().equals(i.labels().get(e.getKey())));
    }
}
