package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.spec.SecretType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SecretTest {
    private static final String PLAINTEXT = "hunter2-top-secret";

    private Secret.Builder secret() {
        return Secret.builder().tenantId(TenantId.generate()).instanceId(InstanceId.generate()).key("DB_PASSWORD")
                .value(SecretValue.ofUtf8(PLAINTEXT));
    }

    @Test
    void builderDefaultsToANewEnvSecret() {
        Secret s = secret().build();
        assertThat(s.type()).isEqualTo(SecretType.ENV);
        assertThat(s.version()).isZero();
        assertThat(s.createdAt()).isNull();
        assertThat(s.id().value()).startsWith("sec_");
        assertThat(secret().build().id()).isNotEqualTo(s.id());
    }

    @Test
    void toStringNeverShowsTheValue() {
        Secret s = secret().build();
        byte[] bytes = s.value().bytes();
        assertThat(s.toString()).contains("DB_PASSWORD").contains(s.id().value())
                .doesNotContain(PLAINTEXT).doesNotContain("hunter").doesNotContain(Arrays.toString(bytes));
    }

    @Test
    void metadataIsEverythingButTheValue() {
        Instant t = Instant.parse("2026-01-02T03:04:05.123456Z");
        Secret s = secret().type(SecretType.TLS).createdAt(t).updatedAt(t.plusSeconds(1)).version(3).build();
        SecretMetadata m = s.metadata();
        assertThat(m).isEqualTo(new SecretMetadata(s.id(), s.tenantId(), s.instanceId(), "DB_PASSWORD",
                SecretType.TLS, t, t.plusSeconds(1), 3));
        assertThat(m.toString()).doesNotContain(PLAINTEXT);
    }

    @Test
    void equalityIncludesTheValueContent() {
        Secret s = secret().build();
        assertThat(s.toBuilder().value(SecretValue.ofUtf8(PLAINTEXT)).build()).isEqualTo(s);
        assertThat(s.toBuilder().value(SecretValue.ofUtf8(PLAINTEXT + "!")).build()).isNotEqualTo(s);
    }

    @Test
    void keyMustLookLikeAnEnvironmentVariableName() {
        for (String good : new String[] {"A", "_", "db.password", "tls-cert", "X_9.a-b", "k".repeat(255)}) {
            assertThat(secret().key(good).build().key()).isEqualTo(good);
        }
        for (String bad : new String[] {"", " ", "9LIVES", "-x", ".env", "DB PASSWORD", "a=b", "a/b", "a|b",
                "ü", "k".repeat(256)}) {
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> secret().key(bad).build());
            assertThat(e).as("key \"%s\"", bad).isNotNull();
            assertThat(e.field()).isEqualTo("secret.key");
        }
        assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> secret().key(null).build()).field())
                .isEqualTo("secret.key");
    }

    @Test
    void valueTypeAndParentsAreRequired() {
        assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> secret().value(null).build()).field())
                .isEqualTo("secret.value");
        assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> secret().type(null).build()).field())
                .isEqualTo("secret.type");
        assertThat(catchThrowableOfType(InvalidArgumentException.class,
                () -> secret().tenantId(null).build()).field()).isEqualTo("secret.tenantId");
        assertThat(catchThrowableOfType(InvalidArgumentException.class,
                () -> secret().instanceId(null).build()).field()).isEqualTo("secret.instanceId");
    }

    @Test
    void timestampsFollowTheVersionRuleAndAreMicroseconds() {
        assertThat(catchThrowableOfType(InvalidArgumentException.class,
                () -> secret().createdAt(Instant.now()).updatedAt(Instant.now()).build()).field())
                .isEqualTo("secret.createdAt");
        Instant nanos = Instant.parse("2026-01-02T03:04:05.123456789Z");
        Secret s = secret().createdAt(nanos).updatedAt(nanos).version(1).build();
        assertThat(s.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
        assertThat(s.metadata().updatedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }
}
