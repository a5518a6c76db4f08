package dev.ctrlstore.store.jooq.bindings;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.spec.ArgoCdSource;
import dev.ctrlstore.store.spec.ArgoHelm;
import dev.ctrlstore.store.spec.ArgoSyncPolicy;
import dev.ctrlstore.store.spec.DeploymentSource;
import dev.ctrlstore.store.spec.Endpoint;
import dev.ctrlstore.store.spec.HealthCheckSpec;
import dev.ctrlstore.store.spec.ServiceRole;
import dev.ctrlstore.store.spec.SourceType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    @Test
    void recordsRoundTripWithEnumsAsWireStringsAndDurationsAsIsoText() {
        Json.Column<HealthCheckSpec> column = Json.column(HealthCheckSpec.class);
        HealthCheckSpec spec = new HealthCheckSpec("/healthz", 8080, Duration.ofMillis(1500), Duration.ofSeconds(2), 3);

        String json = column.to(spec);

        assertThat(json).contains("\"interval\":\"PT1.5S\"");
        assertThat(column.from(json)).isEqualTo(spec);
    }

    @Test
    void booleanComponentsNamedLikeGettersKeepTheirValue() {
        Json.Column<List<Endpoint>> column = Json.column(new TypeReference<>() { });
        List<Endpoint> endpoints = List.of(new Endpoint("web", "https://shop.example", 443, "https", true),
                new Endpoint("admin", "http://10.0.0.1", 9000, "http", false));

        assertThat(column.from(column.to(endpoints))).isEqualTo(endpoints);
    }

    @Test
    void nestedOptionalsAndWireValuesRoundTrip() {
        Json.Column<DeploymentSource> column = Json.column(DeploymentSource.class);
        DeploymentSource source = new DeploymentSource(SourceType.ARGOCD, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(new ArgoCdSource("default", "https://git.example/app.git", "deploy", "main",
                        "https://kubernetes.default.svc", "shop",
                        Optional.of(new ArgoHelm(List.of("values.yaml"), Map.of("replicas", "3"))),
                        new ArgoSyncPolicy(true, true, false))));

        String json = column.to(source);

        assertThat(json).contains("\"type\":\"" + SourceType.ARGOCD.wire() + "\"");
        assertThat(column.from(json)).isEqualTo(source);
        assertThat(Json.column(ServiceRole.class).to(ServiceRole.SIDECAR)).isEqualTo("\"sidecar\"");
    }

    @Test
    void documentsKeepNumbersAsLongAndDouble() {
        Map<String, Object> doc = Map.of("count", 3L, "ratio", 0.5, "nested", Map.of("list", List.of(1L, "two")));

        assertThat(Json.DOCUMENT.from(Json.DOCUMENT.to(doc))).isEqualTo(doc);
    }

    @Test
    void unreadableDocumentIsAStorageErrorNamingTheType() {
        assertThatThrownBy(() -> Json.column(HealthCheckSpec.class).from("{\"port\": \"not a number\""))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("HealthCheckSpec");
        assertThatThrownBy(() -> Json.column(ServiceRole.class).from("\"boss\""))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("boss");
    }

    @Test
    void jsonNullTextIsAStorageErrorNotAnAbsentDocument() {
        assertThatThrownBy(() -> Json.STRING_MAP.from("null"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("JSON null");
    }

    @Test
    void nullsStayNull() {
        assertThat(Json.STRING_MAP.from(null)).isNull();
        assertThat(Json.STRING_MAP.to(null)).isNull();
    }
}
