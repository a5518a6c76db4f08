package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

import java.util.List;
import java.util.Map;

/**
 * Helm settings of an Argo CD application.
 *
 * @param valueFiles values files, in order
 * @param parameters Helm parameters
 */
public record ArgoHelm(List<String> valueFiles, Map<String, String> parameters) {
    public ArgoHelm {
        valueFiles = Checks.stringList(valueFiles, "argocd.helm.valueFiles", Checks.LONG_TEXT);
        parameters = Checks.stringMap(parameters, "argocd.helm.parameters");
    }
}
