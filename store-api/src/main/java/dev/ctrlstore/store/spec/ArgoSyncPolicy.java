package dev.ctrlstore.store.spec;

/**
 * Sync policy of an Argo CD application.
 *
 * @param automated sync automatically
 * @param selfHeal revert drift
 * @param prune delete resources no longer in the source
 */
public record ArgoSyncPolicy(boolean automated, boolean selfHeal, boolean prune) {
    /** Manual sync, no self-heal, no pruning. */
    public static final ArgoSyncPolicy MANUAL = new ArgoSyncPolicy(false, false, false);
}
