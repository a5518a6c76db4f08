package dev.ctrlstore.store.instance;

import dev.ctrlstore.store.internal.Checks;

import java.util.Map;
import java.util.Optional;

/**
 * Which instances of a tenant a list returns. Every present criterion must hold (AND).
 *
 * @param state only instances in this state
 * @param labels only instances whose labels contain every one of these entries, with equal values
 * @param providerName only instances run by this provider
 * @param datacenterId only instances in this datacenter
 */
public record InstanceFilter(Optional<InstanceState> state, Map<String, String> labels,
        Optional<String> providerName, Optional<String> datacenterId) {
    public InstanceFilter {
        state = state == null ? Optional.empty() : state;
        labels = Checks.lookupMap(labels, "filter.labels");
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
