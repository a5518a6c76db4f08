package dev.ctrlstore.store.instance;

import dev.ctrlstore.store.WireValue;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle state of an instance. Stores accept any state; {@link #canTransitionTo} states the lifecycle a service
 * layer enforces.
 */
public enum InstanceState implements WireValue {
    PROVISIONING("provisioning"),
    STARTING("starting"),
    RUNNING("running"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    FAILED("failed"),
    DESTROYING("destroying"),
    DESTROYED("destroyed");

    private final String wire;

    InstanceState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Whether the lifecycle allows moving from this state to {@code target}. */
    public boolean canTransitionTo(InstanceState target) {
        return allowedTargets().contains(target);
    }

    /** The states this state may move to; none for {@link #DESTROYED}. */
    public Set<InstanceState> allowedTargets() {
        return switch (this) {
            case PROVISIONING -> EnumSet.of(STARTING, FAILED, DESTROYING);
            case STARTING -> EnumSet.of(RUNNING, FAILED);
            case RUNNING -> EnumSet.of(STOPPING, FAILED, DESTROYING);
            case STOPPING -> EnumSet.of(STOPPED, FAILED);
            case STOPPED -> EnumSet.of(STARTING, DESTROYING);
            case FAILED -> EnumSet.of(STARTING, DESTROYING);
            case DESTROYING -> EnumSet.of(DESTROYED, FAILED);
            case DESTROYED -> EnumSet.noneOf(InstanceState.class);
        };
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static InstanceState fromWire(String text) {
        return WireValue.parse(InstanceState.class, text, "state");
    }
}
