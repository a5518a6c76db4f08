package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.WireValue;

/** How an instance's services are run. */
public enum WorkloadKind implements WireValue {
    DEPLOYMENT("deployment"),
    STATEFUL_SET("stateful_set");

    private final String wire;

    WorkloadKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static WorkloadKind fromWire(String text) {
        return WireValue.parse(WorkloadKind.class, text, "workloadKind");
    }
}
