package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.JsonValues;

import java.util.List;
import java.util.Map;

/**
 * A Helm chart to install.
 *
 * @param repo chart repository; {@code ""} for a local or OCI chart
 * @param chart chart name or reference, required
 * @param version chart version; {@code ""} for the latest
 * @param releaseName Helm release name; {@code ""} to derive it
 * @param namespace target namespace; {@code ""} for the default
 * @param values free-form values (JSON types only), deep-copied and unmodifiable
 * @param valuesFiles values files, in order
 */
public record HelmSource(String repo, String chart, String version, String releaseName, String namespace,
        Map<String, Object> values, List<String> valuesFiles) {
    public HelmSource {
        repo = Checks.optionalText(repo, "helm.repo", Checks.LONG_TEXT);
        chart = Checks.text(chart, "helm.chart", Checks.LONG_TEXT);
        version = Checks.optionalText(version, "helm.version", Checks.SHORT_TEXT);
        releaseName = Checks.optionalText(releaseName, "helm.releaseName", Checks.SHORT_TEXT);
        namespace = Checks.optionalText(namespace, "helm.namespace", Checks.SHORT_TEXT);
        values = JsonValues.document(values, "helm.values");
        valuesFiles = Checks.stringList(valuesFiles, "helm.valuesFiles", Checks.LONG_TEXT);
    }
}
