package dev.ctrlstore.store.admin;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation and defaults of the admin records; the store behaviour is in the TCK's AdminStoreContract. */
class AdminRecordsTest {
    private static final Instant T = Instant.parse("2026-03-14T15:09:26.535897Z");

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).field()).isEqualTo(field);
    }

    @Test
    void tenantStatusUsesTheSpecsWireValues() {
        assertThat(Arrays.stream(TenantStatus.values()).map(TenantStatus::wire))
                .containsExactly("active", "suspended", "deleted");
        for (TenantStatus s : TenantStatus.values()) {
            assertThat(TenantStatus.fromWire(s.wire())).isSameAs(s);
        }
        assertField(() -> TenantStatus.fromWire("ACTIVE"), "tenantStatus");
    }

    @Test
    void quotaDefaultsAndWithersChangeOneLimit() {
        assertThat(Quota.DEFAULT).isEqualTo(new Quota(5, 4000, 8192, 20480, 10, 50));
        Quota q = new Quota(1, 2, 3, 4, 5, 6);
        assertThat(q.withMaxInstances(9)).isEqualTo(new Quota(9, 2, 3, 4, 5, 6));
        assertThat(q.withMaxCpuMillis(9)).isEqualTo(new Quota(1, 9, 3, 4, 5, 6));
        assertThat(q.withMaxMemoryMb(9)).isEqualTo(new Quota(1, 2, 9, 4, 5, 6));
        assertThat(q.withMaxDiskMb(9)).isEqualTo(new Quota(1, 2, 3, 9, 5, 6));
        assertThat(q.withMaxDomains(9)).isEqualTo(new Quota(1, 2, 3, 4, 9, 6));
        assertThat(q.withMaxSecrets(9)).isEqualTo(new Quota(1, 2, 3, 4, 5, 9));
        assertThat(new Quota(0, 0, 0, 0, 0, 0).maxInstances()).isZero();
    }

    @Test
    void quotaRejectsEachNegativeLimitByName() {
        assertField(() -> new Quota(-1, 0, 0, 0, 0, 0), "quota.maxInstances");
        assertField(() -> new Quota(0, -1, 0, 0, 0, 0), "quota.maxCpuMillis");
        assertField(() -> new Quota(0, 0, -1, 0, 0, 0), "quota.maxMemoryMb");
        assertField(() -> new Quota(0, 0, 0, -1, 0, 0), "quota.maxDiskMb");
        assertField(() -> new Quota(0, 0, 0, 0, -1, 0), "quota.maxDomains");
        assertField(() -> new Quota(0, 0, 0, 0, 0, -1), "quota.maxSecrets");
    }

    @Test
    void tenantBuilderDefaultsAndToBuilder() {
        Tenant t = Tenant.builder().name("Acme").slug("acme").build();
        assertThat(t.externalId()).isEmpty();
        assertThat(t.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(t.plan()).isEqualTo("free");
        assertThat(t.quota()).isEqualTo(Quota.DEFAULT);
        assertThat(t.suspendedAt()).isEmpty();
        assertThat(t.metadata()).isEmpty();
        assertThat(t.createdAt()).isNull();
        assertThat(t.version()).isZero();
        assertThat(t.toBuilder().build()).isEqualTo(t);
        assertThat(Tenant.builder().name("Acme").slug("acme").build().id()).isNotEqualTo(t.id());
    }

    @Test
    void tenantNormalisesAndCopies() {
        Map<String, String> metadata = new HashMap<>(Map.of("k", "v"));
        Tenant t = Tenant.builder().name("n").slug("s").externalId(null).metadata(metadata)
                .suspendedAt(Instant.parse("2026-01-01T00:00:00.000000999Z")).build();
        metadata.put("k", "changed");
        assertThat(t.externalId()).isEmpty();
        assertThat(t.metadata()).containsExactly(Map.entry("k", "v"));
        assertThat(t.suspendedAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(new Tenant(TenantId.generate(), "", "n", "s", TenantStatus.ACTIVE, "free", Quota.DEFAULT, null,
                null, null, null, 0).suspendedAt()).isEmpty();
    }

    @Test
    void tenantRejectsMalformedFields() {
        assertField(() -> Tenant.builder().slug("s").build(), "tenant.name");
        assertField(() -> Tenant.builder().name("n").slug("-bad-").build(), "tenant.slug");
        assertField(() -> Tenant.builder().name("n").slug("s").externalId(" \t").build(), "tenant.externalId");
        assertField(() -> Tenant.builder().name("n").slug("s").plan("").build(), "tenant.plan");
        assertField(() -> Tenant.builder().name("n").slug("s").quota(null).build(), "tenant.quota");
        assertField(() -> Tenant.builder().name("n").slug("s").id(null).build(), "tenant.id");
        assertField(() -> Tenant.builder().name("n").slug("s").createdAt(T).updatedAt(T).build(),
                "tenant.createdAt");
        assertField(() -> Tenant.builder().name("n").slug("s").version(1).build(), "tenant.createdAt");
        assertField(() -> Tenant.builder().name("n").slug("s").version(-1).build(), "tenant.version");
    }

    @Test
    void tenantFilterMatchesStatus() {
        Tenant active = Tenant.builder().name("n").slug("s").build();
        Tenant suspended = active.toBuilder().status(TenantStatus.SUSPENDED).build();
        assertThat(TenantFilter.all().matches(active)).isTrue();
        assertThat(TenantFilter.all().matches(suspended)).isTrue();
        assertThat(TenantFilter.all().withStatus(TenantStatus.SUSPENDED).matches(active)).isFalse();
        assertThat(TenantFilter.all().withStatus(TenantStatus.SUSPENDED).matches(suspended)).isTrue();
        assertThat(new TenantFilter(null)).isEqualTo(TenantFilter.all());
        assertField(() -> TenantFilter.all().withStatus(null), "filter.status");
    }

    @Test
    void auditEntryDefaultsAndNormalisation() {
        AuditEntry e = AuditEntry.builder().tenantId(TenantId.generate()).actorId("a").action("x")
                .details(Map.of("n", 1, "l", List.of(2.5f))).createdAt(Instant.parse("2026-01-01T00:00:00.1234567Z"))
                .build();
        assertThat(e.actorType()).isEqualTo("user");
        assertThat(e.resource()).isEmpty();
        assertThat(e.resourceId()).isEmpty();
        assertThat(e.ipAddress()).isEmpty();
        assertThat(e.details()).isEqualTo(Map.of("n", 1L, "l", List.of(2.5d)));
        assertThat(e.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
        assertThat(e.toBuilder().build()).isEqualTo(e);
        assertThat(AuditEntry.builder().tenantId(e.tenantId()).actorId("a").action("x").build().createdAt())
                .isNull();
    }

    @Test
    void auditEntryRejectsMalformedFields() {
        assertField(() -> AuditEntry.builder().actorId("a").action("x").build(), "auditEntry.tenantId");
        assertField(() -> AuditEntry.builder().tenantId(TenantId.generate()).action("x").build(),
                "auditEntry.actorId");
        assertField(() -> AuditEntry.builder().tenantId(TenantId.generate()).actorId("a").build(),
                "auditEntry.action");
        assertField(() -> AuditEntry.builder().tenantId(TenantId.generate()).actorId("a").action("x")
                .resource("r".repeat(256)).build(), "auditEntry.resource");
        assertField(() -> AuditEntry.builder().tenantId(TenantId.generate()).actorId("a").action("x")
                .details(Map.of("o", new Object())).build(), "auditEntry.details.o");
    }

    @Test
    void auditQueryBoundsAreInclusiveMicrosAndOrdered() {
        AuditQuery q = AuditQuery.all().withSince(T.plusNanos(999)).withUntil(T.plusSeconds(1).plusNanos(999));
        assertThat(q.since()).contains(T);
        assertThat(q.until()).contains(T.plusSeconds(1));
        AuditEntry.Builder b = AuditEntry.builder().tenantId(TenantId.generate()).actorId("a").action("x");
        assertThat(q.matches(b.createdAt(T).build())).isTrue();
        assertThat(q.matches(b.createdAt(T.plusSeconds(1)).build())).isTrue();
        assertThat(q.matches(b.createdAt(T.minusNanos(1000)).build())).isFalse();
        assertThat(q.matches(b.createdAt(T.plusSeconds(1).plusNanos(1000)).build())).isFalse();
        assertThat(AuditQuery.all().withSince(T).withUntil(T).since()).contains(T);
        assertField(() -> AuditQuery.all().withUntil(T).withSince(T.plusNanos(1000)), "since");
        assertField(() -> AuditQuery.all().withActorId(null), "query.actorId");
        assertThat(new AuditQuery(null, null, null, null, null, null)).isEqualTo(AuditQuery.all());
    }

    @Test
    void auditQueryBoundsLieInYearsOneToNineThousandNineHundredNinetyNine() {
        Instant min = Instant.parse("0001-01-01T00:00:00Z");
        Instant max = Instant.parse("9999-12-31T23:59:59.999999Z");
        assertThat(AuditQuery.all().withSince(min).withUntil(max).until()).contains(max);
        assertField(() -> AuditQuery.all().withSince(min.minusNanos(1_000)), "query.since");
        assertField(() -> AuditQuery.all().withUntil(max.plusNanos(1_000)), "query.until");
        assertThat(AuditQuery.all().withActorId("\u0000").actorId()).contains("\u0000");
    }
}
