package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

import java.util.Optional;

/**
 * An Argo CD application.
 *
 * @param project Argo CD project; {@code ""} for the default
 * @param repoUrl Git repository URL, required
 * @param path path within the repository
 * @param targetRevision branch, tag or commit; {@code ""} for HEAD
 * @param destServer destination cluster API server
 * @param destNamespace destination namespace
 * @param helm Helm settings; empty for none
 * @param syncPolicy sync policy
 */
public record ArgoCdSource(String project, String repoUrl, String path, String targetRevision, String destServer,
        String destNamespace, Optional<ArgoHelm> helm, ArgoSyncPolicy syncPolicy) {
    public ArgoCdSource {
        project = Checks.optionalText(project, "argocd.project", Checks.SHORT_TEXT);
        repoUrl = Checks.text(repoUrl, "argocd.repoUrl", Checks.LONG_TEXT);
        path = Checks.optionalText(path, "argocd.path", Checks.LONG_TEXT);
        targetRevision = Checks.optionalText(targetRevision, "argocd.targetRevision", Checks.SHORT_TEXT);
        destServer = Checks.optionalText(destServer, "argocd.destServer", Checks.LONG_TEXT);
        destNamespace = Checks.optionalText(destNamespace, "argocd.destNamespace", Checks.SHORT_TEXT);
        helm = helm == null ? Optional.empty() : helm;
        syncPolicy = syncPolicy == null ? ArgoSyncPolicy.MANUAL : syncPolicy;
    }
}
