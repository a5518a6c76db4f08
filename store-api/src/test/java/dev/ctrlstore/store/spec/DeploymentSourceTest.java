package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.InvalidArgumentException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeploymentSourceTest {
    private static final List<ServiceSpec> SERVICES = List.of(ServiceSpec.of("web", "nginx"));
    private static final Optional<HelmSource> HELM = Optional.of(
            new HelmSource("", "nginx", "", "", "", Map.of(), List.of()));
    private static final Optional<ManifestSource> MANIFESTS = Optional.of(
            new ManifestSource("kind: ConfigMap", Optional.empty()));
    private static final Optional<ArgoCdSource> ARGO = Optional.of(
            new ArgoCdSource("", "https://git.example.com/a.git", "", "", "", "", Optional.empty(), null));
    private static final Optional<HelmSource> NO_HELM = Optional.empty();
    private static final Optional<ManifestSource> NO_MANIFESTS = Optional.empty();
    private static final Optional<ArgoCdSource> NO_ARGO = Optional.empty();

    @Test
    @DisplayName("services: needs at least one service and no other part")
    void services() {
        assertThat(DeploymentSource.ofServices(SERVICES).services()).isEqualTo(SERVICES);
        rejected(() -> DeploymentSource.ofServices(List.of()), "services");
        rejected(() -> DeploymentSource.ofServices(null), "services");
        rejected(() -> new DeploymentSource(SourceType.SERVICES, SERVICES, HELM, NO_MANIFESTS, NO_ARGO), "services");
        rejected(() -> new DeploymentSource(SourceType.SERVICES, SERVICES, NO_HELM, MANIFESTS, NO_ARGO), "services");
        rejected(() -> new DeploymentSource(SourceType.SERVICES, SERVICES, NO_HELM, NO_MANIFESTS, ARGO), "services");
    }

    @Test
    @DisplayName("helm: needs a chart and no other part; a blank chart is rejected by the helm source itself")
    void helm() {
        assertThat(DeploymentSource.ofHelm(HELM.get()).helm()).isEqualTo(HELM);
        rejected(() -> new DeploymentSource(SourceType.HELM, List.of(), null, null, null), "helm");
        rejected(() -> new DeploymentSource(SourceType.HELM, SERVICES, HELM, NO_MANIFESTS, NO_ARGO), "helm");
        rejected(() -> new DeploymentSource(SourceType.HELM, List.of(), HELM, NO_MANIFESTS, ARGO), "helm");
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> new HelmSource("", " ", "", "", "", Map.of(), List.of()));
        assertThat(e.field()).isEqualTo("helm.chart");
    }

    @Test
    @DisplayName("manifests: needs inline YAML or a kustomization, and no other part")
    void manifests() {
        assertThat(DeploymentSource.ofManifests(MANIFESTS.get()).manifests()).isEqualTo(MANIFESTS);
        assertThat(DeploymentSource.ofManifests(new ManifestSource("", Optional.of(
                new KustomizeSource(Map.of("kustomization.yaml", ""), "")))).manifests()).isPresent();
        rejected(() -> DeploymentSource.ofManifests(new ManifestSource("  \n", Optional.empty())), "manifests");
        rejected(() -> DeploymentSource.ofManifests(new ManifestSource(null, null)), "manifests");
        rejected(() -> new DeploymentSource(SourceType.MANIFESTS, List.of(), NO_HELM, NO_MANIFESTS, NO_ARGO),
                "manifests");
        rejected(() -> new DeploymentSource(SourceType.MANIFESTS, List.of(), HELM, MANIFESTS, NO_ARGO), "manifests");
    }

    @Test
    @DisplayName("argocd: needs a repository URL and no other part; the sync policy defaults to manual")
    void argoCd() {
        assertThat(DeploymentSource.ofArgoCd(ARGO.get()).argoCd().orElseThrow().syncPolicy())
                .isEqualTo(ArgoSyncPolicy.MANUAL);
        rejected(() -> new DeploymentSource(SourceType.ARGOCD, List.of(), NO_HELM, NO_MANIFESTS, NO_ARGO), "argocd");
        rejected(() -> new DeploymentSource(SourceType.ARGOCD, SERVICES, NO_HELM, NO_MANIFESTS, ARGO), "argocd");
        rejected(() -> new DeploymentSource(SourceType.ARGOCD, List.of(), NO_HELM, MANIFESTS, ARGO), "argocd");
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> new ArgoCdSource("", "", "", "", "", "", Optional.empty(), null));
        assertThat(e.field()).isEqualTo("argocd.repoUrl");
    }

    @Test
    @DisplayName("a source without a type fails on source.type")
    void typeRequired() {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> new DeploymentSource(null, SERVICES, NO_HELM, NO_MANIFESTS, NO_ARGO));
        assertThat(e.field()).isEqualTo("source.type");
    }

    private static void rejected(ThrowingCallable call, String typeWire) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class, call);
        assertThat(e).as("expected the %s source to be rejected", typeWire).isNotNull();
        assertThat(e.field()).isEqualTo("source");
        assertThat(e.getMessage()).contains("a " + typeWire + " source must set exactly its own part");
    }
}
