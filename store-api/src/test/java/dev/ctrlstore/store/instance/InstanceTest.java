package dev.ctrlstore.store.instance;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.spec.DeploymentSource;
import dev.ctrlstore.store.spec.Endpoint;
import dev.ctrlstore.store.spec.ServiceSpec;
import dev.ctrlstore.store.spec.WorkloadKind;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InstanceTest {
    private static final TenantId TENANT = TenantId.generate();
    private static final Instant T = Instant.parse("2026-03-14T15:09:26.535897Z");

    private static Instance.Builder valid() {
        return Instance.builder().tenantId(TENANT).name("web").slug("web");
    }

    @Test
    @DisplayName("builder defaults: a fresh id, provisioning, deployment kind, version 0, no timestamps, empty parts")
    void builderDefaults() {
        Instance a = valid().build();
        Instance b = valid().build();

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.state()).isEqualTo(InstanceState.PROVISIONING);
        assertThat(a.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(a.version()).isZero();
        assertThat(a.createdAt()).isNull();
        assertThat(a.updatedAt()).isNull();
        assertThat(a.datacenterId()).isEmpty();
        assertThat(a.providerName()).isEmpty();
        assertThat(a.providerRef()).isEmpty();
        assertThat(a.region()).isEmpty();
        assertThat(a.serviceRefs()).isEmpty();
        assertThat(a.services()).isEmpty();
        assertThat(a.endpoints()).isEmpty();
        assertThat(a.labels()).isEmpty();
        assertThat(a.source()).isEmpty();
        assertThat(a.currentRelease()).isEmpty();
        assertThat(a.suspendedAt()).isEmpty();
        assertThat(a.toBuilder().build()).isEqualTo(a);
    }

    @Test
    @DisplayName("each required field, when missing or malformed, fails naming instance.<field>")
    void requiredFields() {
        invalid(() -> valid().id(null).build(), "instance.id");
        invalid(() -> valid().tenantId(null).build(), "instance.tenantId");
        invalid(() -> valid().name(null).build(), "instance.name");
        invalid(() -> valid().name("  ").build(), "instance.name");
        invalid(() -> valid().slug(null).build(), "instance.slug");
        invalid(() -> valid().slug("Not A Slug").build(), "instance.slug");
        invalid(() -> valid().state(null).build(), "instance.state");
        invalid(() -> valid().kind(null).build(), "instance.kind");
    }

    @Test
    @DisplayName("over-long text fields fail naming the field; the maximum length is accepted")
    void lengths() {
        assertThat(valid().name("n".repeat(255)).region("r".repeat(255)).build().name()).hasSize(255);
        invalid(() -> valid().name("n".repeat(256)).build(), "instance.name");
        invalid(() -> valid().slug("s".repeat(64)).build(), "instance.slug");
        invalid(() -> valid().region("r".repeat(256)).build(), "instance.region");
        invalid(() -> valid().providerName("p".repeat(256)).build(), "instance.providerName");
        invalid(() -> valid().datacenterId("d".repeat(256)).build(), "instance.datacenterId");
    }

    @Test
    @DisplayName("version 0 carries no timestamps; a stored version carries both; a negative version is rejected")
    void versionRule() {
        invalid(() -> valid().createdAt(T).build(), "instance.createdAt");
        invalid(() -> valid().updatedAt(T).build(), "instance.createdAt");
        invalid(() -> valid().version(1).build(), "instance.createdAt");
        invalid(() -> valid().version(1).createdAt(T).build(), "instance.createdAt");
        invalid(() -> valid().version(1).updatedAt(T).build(), "instance.createdAt");
        invalid(() -> valid().version(-1).build(), "instance.version");
        Instance stored = valid().version(3).createdAt(T).updatedAt(T.plusSeconds(1)).build();
        assertThat(stored.version()).isEqualTo(3);
    }

    @Test
    @DisplayName("createdAt, updatedAt and suspendedAt are truncated to microseconds")
    void microsTruncation() {
        Instance i = valid().version(1).createdAt(T.plusNanos(999)).updatedAt(T.plusNanos(1_001))
                .suspendedAt(T.plusNanos(1)).build();

        assertThat(i.createdAt()).isEqualTo(T);
        assertThat(i.updatedAt()).isEqualTo(T.plusNanos(1_000));
        assertThat(i.suspendedAt()).contains(T);
    }

    @Test
    @DisplayName("collections are unmodifiable copies: changing the inputs afterwards changes nothing")
    void defensiveCopies() {
        Map<String, String> labels = new HashMap<>(Map.of("env", "prod"));
        Map<String, String> refs = new HashMap<>(Map.of("web", "pod/web-0"));
        List<ServiceSpec> services = new ArrayList<>(List.of(ServiceSpec.of("web", "nginx")));
        List<Endpoint> endpoints = new ArrayList<>(List.of(new Endpoint("", "http://a", 80, "http", true)));
        Instance i = valid().labels(labels).serviceRefs(refs).services(services).endpoints(endpoints).build();

        labels.put("env", "dev");
        refs.clear();
        services.add(ServiceSpec.of("db", "postgres"));
        endpoints.clear();

        assertThat(i.labels()).containsOnly(Map.entry("env", "prod"));
        assertThat(i.serviceRefs()).containsOnly(Map.entry("web", "pod/web-0"));
        assertThat(i.services()).extracting(ServiceSpec::name).containsExactly("web");
        assertThat(i.endpoints()).hasSize(1);
        assertThatThrownBy(() -> i.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> i.serviceRefs().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> i.services().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> i.endpoints().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("null collections and optionals given to the constructor become empty; null elements are named")
    void nullsNormalised() {
        Instance i = new Instance(InstanceId.generate(), TENANT, "n", "s", null, null, null, null, null,
                InstanceState.RUNNING, WorkloadKind.DEPLOYMENT, null, null, null, null, null, null, null, null, 0);

        assertThat(i.datacenterId()).isEmpty();
        assertThat(i.serviceRefs()).isEmpty();
        assertThat(i.services()).isEmpty();
        assertThat(i.source()).isEmpty();
        assertThat(i.endpoints()).isEmpty();
        assertThat(i.labels()).isEmpty();
        assertThat(i.currentRelease()).isEmpty();
        assertThat(i.suspendedAt()).isEmpty();

        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("env", null);
        invalid(() -> valid().labels(nullValue).build(), "instance.labels[env]");
        invalid(() -> valid().services(Arrays.asList(ServiceSpec.of("a", "b"), null)).build(), "instance.services[1]");
        invalid(() -> valid().labels(Map.of("", "v")).build(), "instance.labels key");
    }

    @Test
    @DisplayName("toBuilder copies every field, so an unchanged copy is equal and a changed one differs only there")
    void toBuilderCopiesEverything() {
        Instance full = valid().datacenterId("dc").providerName("k8s").providerRef("ref")
                .serviceRefs(Map.of("a", "b")).region("eu").state(InstanceState.RUNNING)
                .kind(WorkloadKind.STATEFUL_SET).services(List.of(ServiceSpec.of("web", "nginx")))
                .source(DeploymentSource.ofServices(List.of(ServiceSpec.of("web", "nginx"))))
                .endpoints(List.of(new Endpoint("web", "http://x", 80, "http", false))).labels(Map.of("k", "v"))
                .currentRelease(ReleaseId.generate()).suspendedAt(T).version(2).createdAt(T).updatedAt(T).build();

        assertThat(full.toBuilder().build()).isEqualTo(full);
        Instance renamed = full.toBuilder().name("other").build();
        assertThat(renamed).isNotEqualTo(full);
        assertThat(renamed.toBuilder().name(full.name()).build()).isEqualTo(full);
    }

    private static void invalid(ThrowingCallable call, String field) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class, call);
        assertThat(e).as("expected InvalidArgumentException on %s", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(field.substring(0, field.indexOf('.')));
    }
}
