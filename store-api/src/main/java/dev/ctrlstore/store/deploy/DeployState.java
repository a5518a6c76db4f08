package dev.ctrlstore.store.deploy;

import dev.ctrlstore.store.WireValue;

/**
 * Where a deployment's rollout stands. Stores accept any state and any change between states; the order in which a
 * rollout moves through them is the deploy service's business.
 */
public enum DeployState implements WireValue {
    /** Recorded, not yet started. */
    PENDING("pending"),
    /** Rolling out. */
    RUNNING("running"),
    /** Every service rolled out. */
    SUCCEEDED("succeeded"),
    /** The rollout stopped on an error (see {@link Deployment#error()}). */
    FAILED("failed"),
    /** Undone: the previous release was restored. */
    ROLLED_BACK("rolled_back"),
    /** Stopped on request before it finished. */
    CANCELLED("cancelled");

    private final String wire;

    DeployState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static DeployState fromWire(String text) {
        return WireValue.parse(DeployState.class, text, "deployState");
    }
}
