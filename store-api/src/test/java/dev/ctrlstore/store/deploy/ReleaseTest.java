package dev.ctrlstore.store.deploy;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.spec.ServiceSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseTest {

    private static Release.Builder valid() {
        return Release.builder().tenantId(TenantId.generate()).instanceId(InstanceId.generate()).version(1);
    }

    private static void assertInvalid(Executable build, String field) {
        assertThatThrownBy(build::execute)
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(field);
    }

    @Test
    void builderDefaultsAreANewActiveRelease() {
        Release r = valid().build();

        assertThat(r.id()).isNotNull();
        assertThat(r.services()).isEmpty();
        assertThat(r.notes()).isEmpty();
        assertThat(r.commitSha()).isEmpty();
        assertThat(r.active()).isTrue();
        assertThat(r.createdAt()).isNull();
    }

    @Test
    void toBuilderCopiesEveryFieldAndCreatedAtIsMicroseconds() {
        Release r = valid().version(12).services(List.of(new ServiceSnapshot("web", "img:12", Map.of("K", "v"))))
                .notes("n").commitSha("abc").active(false)
                .createdAt(Instant.parse("2026-01-02T03:04:05.123456789Z")).build();

        assertThat(r.toBuilder().build()).isEqualTo(r);
        assertThat(r.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    void servicesAreAnUnmodifiableCopy() {
        List<ServiceSnapshot> services = new ArrayList<>(List.of(new ServiceSnapshot("web", "img", Map.of())));
        Release r = valid().services(services).build();
        services.clear();

        assertThat(r.services()).hasSize(1);
        assertThatThrownBy(() -> r.services().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requiredFieldsAndBoundsAreChecked() {
        assertInvalid(() -> valid().id(null).build(), "release.id");
        assertInvalid(() -> valid().tenantId(null).build(), "release.tenantId");
        assertInvalid(() -> valid().instanceId(null).build(), "release.instanceId");
        assertInvalid(() -> Release.builder().tenantId(TenantId.generate()).instanceId(InstanceId.generate())
                .build(), "release.version");
        assertInvalid(() -> valid().version(-1).build(), "release.version");
        assertInvalid(() -> valid().commitSha("x".repeat(256)).build(), "release.commitSha");
        assertThat(valid().version(Integer.MAX_VALUE).build().version()).isEqualTo(Integer.MAX_VALUE);
    }
}
