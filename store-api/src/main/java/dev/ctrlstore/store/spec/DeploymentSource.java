package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.internal.Checks;

import java.util.List;
import java.util.Optional;

/**
 * Where an instance's workload comes from: exactly the part that {@code type} names is set (services need at least
 * one service; helm a chart; manifests inline YAML or a kustomization; argocd a repository URL).
 *
 * @param type which kind of source this is
 * @param services the services, for {@link SourceType#SERVICES}
 * @param helm the chart, for {@link SourceType#HELM}
 * @param manifests the manifests, for {@link SourceType#MANIFESTS}
 * @param argoCd the application, for {@link SourceType#ARGOCD}
 */
public record DeploymentSource(SourceType type, List<ServiceSpec> services, Optional<HelmSource> helm,
        Optional<ManifestSource> manifests, Optional<ArgoCdSource> argoCd) {
    public DeploymentSource {
        Checks.notNull(type, "source.type");
        services = Checks.list(services, "source.services");
        helm = helm == null ? Optional.empty() : helm;
        manifests = manifests == null ? Optional.empty() : manifests;
        argoCd = argoCd == null ? Optional.empty() : argoCd;
        boolean ok = switch (type) {
            case SERVICES -> !services.isEmpty() && helm.isEmpty() && manifests.isEmpty() && argoCd.isEmpty();
            case HELM -> helm.isPresent() && services.isEmpty() && manifests.isEmpty() && argoCd.isEmpty();
            case MANIFESTS -> manifests.isPresent() && services.isEmpty() && helm.isEmpty() && argoCd.isEmpty()
                    && (!manifests.get().inline().isBlank() || manifests.get().kustomize().isPresent());
            case ARGOCD -> argoCd.isPresent() && services.isEmpty() && helm.isEmpty() && manifests.isEmpty();
        };
        if (!ok) {
            throw new InvalidArgumentException("source", "a " + type.wire() + " source must set exactly its own part"
                    + " (services: at least one service; helm: a chart; manifests: inline YAML or a kustomization;"
                    + " argocd: a repository URL)");
        }
    }

    /** A source of the services to run. */
    public static DeploymentSource ofServices(List<ServiceSpec> services) {
        return new DeploymentSource(SourceType.SERVICES, services, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A source of a Helm chart. */
    public static DeploymentSource ofHelm(HelmSource helm) {
        return new DeploymentSource(SourceType.HELM, List.of(), Optional.of(helm), Optional.empty(), Optional.empty());
    }

    /** A source of Kubernetes manifests. */
    public static DeploymentSource ofManifests(ManifestSource manifests) {
        return new DeploymentSource(SourceType.MANIFESTS, List.of(), Optional.empty(), Optional.of(manifests),
                Optional.empty());
    }

    /** A source of an Argo CD application. */
    public static DeploymentSource ofArgoCd(ArgoCdSource argoCd) {
        return new DeploymentSource(SourceType.ARGOCD, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(argoCd));
    }
}
