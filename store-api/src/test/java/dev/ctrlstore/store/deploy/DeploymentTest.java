package dev.ctrlstore.store.deploy;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.spec.ServiceDeploySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentTest {
    private final TenantId tenant = TenantId.generate();

    private Deployment.Builder valid() {
        return Deployment.builder().tenantId(tenant).instanceId(InstanceId.generate()).releaseId(ReleaseId.generate());
    }

    private static void assertInvalid(Executable build, String field) {
        assertThatThrownBy(build::execute)
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(field);
    }

    @Test
    void builderDefaultsAreANewPendingRollingDeployment() {
        Deployment d = valid().build();

        assertThat(d.id()).isNotNull();
        assertThat(d.state()).isEqualTo(DeployState.PENDING);
        assertThat(d.strategy()).isEqualTo("rolling");
        assertThat(d.services()).isEmpty();
        assertThat(d.serviceProgress()).isEmpty();
        assertThat(d.providerRef()).isEmpty();
        assertThat(d.startedAt()).isEmpty();
        assertThat(d.finishedAt()).isEmpty();
        assertThat(d.error()).isEmpty();
        assertThat(d.initiator()).isEmpty();
        assertThat(d.createdAt()).isNull();
        assertThat(d.updatedAt()).isNull();
        assertThat(d.version()).isZero();
        assertThat(valid().build().id()).isNotEqualTo(d.id());
    }

    @Test
    void toBuilderCopiesEveryField() {
        Instant t = Instant.parse("2026-01-02T03:04:05.678901Z");
        Deployment d = valid().state(DeployState.ROLLED_BACK).strategy("recreate")
                .services(List.of(new ServiceDeploySpec("web", "img:2", Map.of("A", "b"), Optional.empty())))
                .serviceProgress(Map.of("web", "succeeded")).providerRef("ref").startedAt(t).finishedAt(t)
                .error("boom").initiator("usr_1").createdAt(t).updatedAt(t).version(4).build();

        assertThat(d.toBuilder().build()).isEqualTo(d);
    }

    @Test
    void instantsAreTruncatedToMicroseconds() {
        Deployment d = valid().startedAt(Instant.parse("2026-01-02T03:04:05.123456789Z"))
                .finishedAt(Instant.parse("2026-01-02T03:04:06.999999999Z")).build();

        assertThat(d.startedAt()).contains(Instant.parse("2026-01-02T03:04:05.123456Z"));
        assertThat(d.finishedAt()).contains(Instant.parse("2026-01-02T03:04:06.999999Z"));
    }

    @Test
    void collectionsAreUnmodifiableCopies() {
        List<ServiceDeploySpec> services = new ArrayList<>(
                List.of(new ServiceDeploySpec("web", "img", Map.of(), Optional.empty())));
        Map<String, String> progress = new HashMap<>(Map.of("web", "running"));
        Deployment d = valid().services(services).serviceProgress(progress).build();
        services.clear();
        progress.clear();

        assertThat(d.services()).hasSize(1);
        assertThat(d.serviceProgress()).containsEntry("web", "running");
        assertThatThrownBy(() -> d.services().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.serviceProgress().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requiredFieldsAndBoundsAreChecked() {
        assertInvalid(() -> valid().tenantId(null).build(), "deployment.tenantId");
        assertInvalid(() -> valid().instanceId(null).build(), "deployment.instanceId");
        assertInvalid(() -> valid().releaseId(null).build(), "deployment.releaseId");
        assertInvalid(() -> valid().id(null).build(), "deployment.id");
        assertInvalid(() -> valid().state(null).build(), "deployment.state");
        assertInvalid(() -> valid().strategy("").build(), "deployment.strategy");
        assertInvalid(() -> valid().strategy("x".repeat(256)).build(), "deployment.strategy");
        assertInvalid(() -> valid().initiator("x".repeat(256)).build(), "deployment.initiator");
        assertInvalid(() -> valid().serviceProgress(Map.of(" ", "x")).build(), "deployment.serviceProgress key");
        assertInvalid(() -> valid().version(-1).build(), "deployment.version");
        assertInvalid(() -> valid().createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build(),
                "deployment.createdAt");
        // Versions.check's message for this case does not name the field (reported to the integrator).
        assertThatThrownBy(() -> valid().version(1).build()).isInstanceOfSatisfying(InvalidArgumentException.class,
                e -> assertThat(e.field()).isEqualTo("deployment.createdAt"));
        assertThat(valid().strategy("x".repeat(255)).build().strategy()).hasSize(255);
    }
}
