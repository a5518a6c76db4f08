package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

import java.util.Optional;

/**
 * Kubernetes manifests: inline multi-document YAML, a kustomization, or both.
 *
 * @param inline multi-document YAML; {@code ""} for none
 * @param kustomize a kustomization; empty for none
 */
public record ManifestSource(String inline, Optional<KustomizeSource> kustomize) {
    public ManifestSource {
        inline = Checks.optionalText(inline, "manifests.inline", Checks.LONG_TEXT);
        kustomize = kustomize == null ? Optional.empty() : kustomize;
    }
}
