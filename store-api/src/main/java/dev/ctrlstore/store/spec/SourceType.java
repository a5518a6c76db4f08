package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.WireValue;

/** What a deployment source holds. */
public enum SourceType implements WireValue {
    SERVICES("services"),
    HELM("helm"),
    MANIFESTS("manifests"),
    ARGOCD("argocd");

    private final String wire;

    SourceType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The constant whose text form is {@code text}; throws {@link dev.ctrlstore.store.InvalidArgumentException}. */
    public static SourceType fromWire(String text) {
        return WireValue.parse(SourceType.class, text, "sourceType");
    }
}
