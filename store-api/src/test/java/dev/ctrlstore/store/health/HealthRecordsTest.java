package dev.ctrlstore.store.health;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.HealthResultId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HealthRecordsTest {
    private final TenantId tenant = TenantId.generate();
    private final InstanceId instance = InstanceId.generate();

    private HealthCheck.Builder check() {
        return HealthCheck.builder().tenantId(tenant).instanceId(instance).name("web").type(CheckType.HTTP);
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class, call);
        assertThat(e).as("expected InvalidArgumentException naming %s", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(field);
    }

    @Test
    void builderDefaultsAreTheDocumentedOnes() {
        HealthCheck c = check().build();
        assertThat(c.serviceName()).isEmpty();
        assertThat(c.target()).isEmpty();
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(30)).isEqualTo(HealthCheck.DEFAULT_INTERVAL);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5)).isEqualTo(HealthCheck.DEFAULT_TIMEOUT);
        assertThat(c.retries()).isEqualTo(3);
        assertThat(c.enabled()).isTrue();
        assertThat(c.version()).isZero();
        assertThat(c.createdAt()).isNull();
        assertThat(check().build().id()).isNotEqualTo(c.id());
    }

    @Test
    void toBuilderCopiesEveryComponent() {
        Instant t = Instant.parse("2026-01-02T03:04:05.123456Z");
        HealthCheck c = check().serviceName("api").target("http://x").interval(Duration.ofMillis(1))
                .timeout(Duration.ofMillis(2)).retries(0).enabled(false).createdAt(t).updatedAt(t).version(4)
                .build();
        assertThat(c.toBuilder().build()).isEqualTo(c);

        HealthResult r = HealthResult.builder().check(c).status(HealthStatus.UNKNOWN).latency(Duration.ofMillis(3))
                .message("m").statusCode(204).checkedAt(t).build();
        assertThat(r.toBuilder().build()).isEqualTo(r);
        assertThat(r.tenantId()).isEqualTo(tenant);
        assertThat(r.checkId()).isEqualTo(c.id());
        assertThat(r.instanceId()).isEqualTo(instance);
    }

    @Test
    void instantsAndDurationsAreTruncatedToMicroseconds() {
        Instant nanos = Instant.parse("2026-01-02T03:04:05.123456789Z");
        HealthCheck c = check().interval(Duration.ofNanos(1_999)).timeout(Duration.ofNanos(999))
                .createdAt(nanos).updatedAt(nanos).version(1).build();
        assertThat(c.interval()).isEqualTo(Duration.ofNanos(1_000));
        assertThat(c.timeout()).isZero();
        assertThat(c.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));

        HealthResult r = HealthResult.builder().check(c).status(HealthStatus.HEALTHY)
                .latency(Duration.ofNanos(5_555)).checkedAt(nanos).build();
        assertThat(r.latency()).isEqualTo(Duration.ofNanos(5_000));
        assertThat(r.checkedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    void checkValidationNamesTheField() {
        assertInvalid(() -> check().name(null).build(), "check.name");
        assertInvalid(() -> check().tenantId(null).build(), "check.tenantId");
        assertInvalid(() -> check().instanceId(null).build(), "check.instanceId");
        assertInvalid(() -> check().id(null).build(), "check.id");
        assertInvalid(() -> check().interval(null).build(), "check.interval");
        assertInvalid(() -> check().serviceName("-bad").build(), "check.serviceName");
        assertInvalid(() -> check().version(-1).build(), "check.version");
        assertInvalid(() -> check().createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH).build(), "check.createdAt");
        // Versions.check's message for this case does not name the field, so only the field is asserted here
        InvalidArgumentException noTimestamps = catchThrowableOfType(InvalidArgumentException.class,
                () -> check().version(1).build());
        assertThat(noTimestamps.field()).isEqualTo("check.createdAt");
        assertThat(check().serviceName(null).build().serviceName()).isEmpty();
        assertThat(check().target(null).build().target()).isEmpty();
    }

    @Test
    void resultValidationNamesTheField() {
        HealthResult.Builder ok = HealthResult.builder().check(check().build()).status(HealthStatus.HEALTHY)
                .checkedAt(Instant.EPOCH);
        assertThat(ok.build().message()).isEmpty();
        assertThat(ok.build().statusCode()).isZero();
        assertThat(ok.build().latency()).isZero();
        assertInvalid(() -> HealthResult.builder().status(HealthStatus.HEALTHY).checkedAt(Instant.EPOCH).build(),
                "result.tenantId");
        assertInvalid(() -> ok.id(null).build(), "result.id");
        assertInvalid(() -> HealthResult.builder().check(null), "check");
        assertInvalid(() -> HealthResult.builder().check(check().build()).status(HealthStatus.HEALTHY)
                .checkedAt(Instant.EPOCH).latency(null).build(), "result.latency");
        assertThat(HealthResult.builder().check(check().build()).status(HealthStatus.HEALTHY)
                .checkedAt(Instant.EPOCH).statusCode(999).message(null).build().message()).isEmpty();
    }

    @Test
    void idsOfAnotherKindAreRejected() {
        assertInvalid(() -> HealthCheckId.parse(InstanceId.generate().value()), "checkId");
        assertInvalid(() -> HealthResultId.parse(HealthCheckId.generate().value()), "resultId");
    }

    @Test
    void wireWordsAreExactAndParseBack() {
        assertThat(List.of(HealthStatus.values())).extracting(HealthStatus::wire)
                .containsExactly("healthy", "degraded", "unhealthy", "unknown");
        assertThat(List.of(CheckType.values())).extracting(CheckType::wire)
                .containsExactly("http", "tcp", "grpc", "command", "custom");
        for (HealthStatus s : HealthStatus.values()) {
            assertThat(HealthStatus.fromWire(s.wire())).isSameAs(s);
        }
        for (CheckType t : CheckType.values()) {
            assertThat(CheckType.fromWire(t.wire())).isSameAs(t);
        }
        assertInvalid(() -> HealthStatus.fromWire("ok"), "status");
        assertInvalid(() -> CheckType.fromWire("HTTP"), "checkType");
    }
}
