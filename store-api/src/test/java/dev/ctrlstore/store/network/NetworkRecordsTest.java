package dev.ctrlstore.store.network;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class NetworkRecordsTest {
    private static final TenantId TENANT = TenantId.generate();
    private static final InstanceId INSTANCE = InstanceId.generate();
    private static final Instant T = Instant.parse("2026-03-14T15:09:26.535897Z");

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThat(invalid(call, field).getMessage()).contains(field);
    }

    private static InvalidArgumentException invalid(ThrowingCallable call, String field) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class, call);
        assertThat(e).as("InvalidArgumentException naming %s", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        return e;
    }

    private static Domain.Builder domain() {
        return Domain.builder().tenantId(TENANT).instanceId(INSTANCE).hostname("shop.example.com");
    }

    private static Route.Builder route() {
        return Route.builder().tenantId(TENANT).instanceId(INSTANCE).path("/").port(80);
    }

    private static Certificate.Builder certificate() {
        return Certificate.builder().tenantId(TENANT).domainId(DomainId.generate()).issuer("letsencrypt")
                .expiresAt(T);
    }

    @Test
    void domainBuilderDefaultsAndNullNormalisation() {
        Domain d = domain().dnsTarget(null).verifyToken(null).certExpiry(null).build();
        assertThat(d.verified()).isFalse();
        assertThat(d.tlsEnabled()).isFalse();
        assertThat(d.certExpiry()).isEmpty();
        assertThat(d.dnsTarget()).isEmpty();
        assertThat(d.verifyToken()).isEmpty();
        assertThat(d.version()).isZero();
        assertThat(d.createdAt()).isNull();
        assertThat(d.toBuilder().build()).isEqualTo(d);
        assertThat(new Domain(d.id(), TENANT, INSTANCE, "a.b", false, false, null, null, null, null, null, 0)
                .certExpiry()).isEmpty();
    }

    @Test
    void domainHostnameMustBeALowercaseDnsName() {
        assertThat(domain().hostname("a").build().hostname()).isEqualTo("a");
        assertThat(domain().hostname("xn--zrich-kva.example").build().hostname()).isEqualTo("xn--zrich-kva.example");
        for (String bad : new String[] {"Shop.example.com", "shop example.com", "shop.example.com.", ".shop", "a_b",
                "-a.b", "a-.b", "shop..example", "é.example", " ", "", "a".repeat(64) + ".b"}) {
            assertInvalid(() -> domain().hostname(bad).build(), "domain.hostname");
        }
        assertInvalid(() -> domain().hostname("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "."
                + "d".repeat(62)).build(), "domain.hostname");
    }

    @Test
    void domainTimestampsAreMicrosAndFollowTheVersionRule() {
        Domain d = domain().certExpiry(T.plusNanos(999)).createdAt(T.plusNanos(1)).updatedAt(T).version(3).build();
        assertThat(d.certExpiry()).contains(T);
        assertThat(d.createdAt()).isEqualTo(T);
        assertInvalid(() -> domain().createdAt(T).updatedAt(T).build(), "domain.createdAt");
        invalid(() -> domain().version(1).build(), "domain.createdAt");
        assertInvalid(() -> domain().version(-1).build(), "domain.version");
        assertInvalid(() -> domain().tenantId(null).build(), "domain.tenantId");
        assertInvalid(() -> domain().id(null).build(), "domain.id");
    }

    @Test
    void routeDefaultsAndBounds() {
        Route r = route().build();
        assertThat(r.protocol()).isEqualTo(Route.DEFAULT_PROTOCOL).isEqualTo("http");
        assertThat(r.weight()).isEqualTo(Route.DEFAULT_WEIGHT).isEqualTo(100);
        assertThat(r.serviceName()).isEmpty();
        assertThat(r.toBuilder().build()).isEqualTo(r);
        assertThat(route().serviceName(null).build().serviceName()).isEmpty();
        assertThat(route().port(Route.MAX_PORT).weight(Route.MAX_WEIGHT).build().port()).isEqualTo(65_535);
        assertThat(route().weight(0).build().weight()).isZero();
        assertInvalid(() -> route().port(0).build(), "route.port");
        assertInvalid(() -> route().port(65_536).build(), "route.port");
        assertInvalid(() -> route().weight(-1).build(), "route.weight");
        assertInvalid(() -> route().weight(1001).build(), "route.weight");
        assertInvalid(() -> route().protocol(null).build(), "route.protocol");
        assertInvalid(() -> route().path("api/v1").build(), "route.path");
        assertInvalid(() -> route().path(" /api").build(), "route.path");
        assertInvalid(() -> route().path(null).build(), "route.path");
        assertInvalid(() -> route().instanceId(null).build(), "route.instanceId");
    }

    @Test
    void certificateRequiresIssuerAndExpiry() {
        Certificate c = certificate().expiresAt(T.plusNanos(5)).build();
        assertThat(c.expiresAt()).isEqualTo(T);
        assertThat(c.autoRenew()).isFalse();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertInvalid(() -> certificate().issuer("").build(), "certificate.issuer");
        assertInvalid(() -> certificate().issuer("x".repeat(256)).build(), "certificate.issuer");
        assertInvalid(() -> certificate().expiresAt(null).build(), "certificate.expiresAt");
        assertInvalid(() -> certificate().domainId(null).build(), "certificate.domainId");
        invalid(() -> certificate().version(2).build(), "certificate.createdAt");
    }
}
