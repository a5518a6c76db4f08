package dev.ctrlstore.store.id;

import dev.ctrlstore.store.InvalidArgumentException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TypeIdsTest {
    /** From the TypeID spec's valid.yml: a UUIDv7 and its base32 form. */
    private static final String SPEC_SUFFIX = "01h455vb4pex5vsknk084sn02q";
    private static final UUID SPEC_UUID = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");

    @Test
    @DisplayName("a generated id parses back to an equal id with the same text, prefix and UUID")
    void generateParseRoundTrip() {
        InstanceId id = InstanceId.generate();

        InstanceId parsed = InstanceId.parse(id.value());

        assertThat(parsed).isEqualTo(id).hasSameHashCodeAs(id);
        assertThat(parsed.value()).isEqualTo(id.toString()).startsWith("inst_").hasSize(31);
        assertThat(parsed.prefix()).isEqualTo("inst");
        assertThat(parsed.uuid()).isEqualTo(id.uuid());
        assertThat(TypeIds.encode(id.uuid().getMostSignificantBits(), id.uuid().getLeastSignificantBits()))
                .isEqualTo(id.value().substring(5));
    }

    @Test
    @DisplayName("encode and decode agree with java.util.UUID bits and with the TypeID spec vectors")
    void encodeDecodeMatchesUuid() {
        assertThat(TypeIds.decode(SPEC_SUFFIX)).isEqualTo(SPEC_UUID);
        assertThat(TypeIds.encode(SPEC_UUID.getMostSignificantBits(), SPEC_UUID.getLeastSignificantBits()))
                .isEqualTo(SPEC_SUFFIX);
        Map<String, String> vectors = Map.of(
                "00000000000000000000000000", "00000000-0000-0000-0000-000000000000",
                "0000000000000000000000000g", "00000000-0000-0000-0000-000000000010",
                "00000000000000000000000010", "00000000-0000-0000-0000-000000000020",
                "7zzzzzzzzzzzzzzzzzzzzzzzzz", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "0123456789abcdefghjkmnpqrs", "0110c853-1d09-52d8-d73e-1194e95b5f19");
        vectors.forEach((text, uuid) -> {
            UUID u = UUID.fromString(uuid);
            assertThat(TypeIds.decode(text)).as(text).isEqualTo(u);
            assertThat(TypeIds.encode(u.getMostSignificantBits(), u.getLeastSignificantBits())).isEqualTo(text);
        });
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            UUID u = new UUID(random.nextLong(), random.nextLong());
            String text = TypeIds.encode(u.getMostSignificantBits(), u.getLeastSignificantBits());
            assertThat(text).hasSize(26).matches("[0-7][0-9a-hjkmnp-tv-z]{25}");
            assertThat(TypeIds.decode(text)).isEqualTo(u);
        }
    }

    @Test
    @DisplayName("a generated id is a UUIDv7 with the IETF variant and a known spec id parses")
    void generatedIdsAreV7() {
        for (int i = 0; i < 1_000; i++) {
            UUID u = DeploymentId.generate().uuid();
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
        }
        assertThat(InstanceId.parse("inst_" + SPEC_SUFFIX).uuid()).isEqualTo(SPEC_UUID);
    }

    @Test
    @DisplayName("10,000 ids generated in a loop strictly increase, in text and in UUID bits")
    void generationIsMonotonic() {
        InstanceId previous = InstanceId.generate();
        for (int i = 0; i < 10_000; i++) {
            InstanceId next = InstanceId.generate();
            assertThat(next.compareTo(previous)).as("id %d after %s", i, previous).isPositive();
            assertThat(Long.compareUnsigned(next.uuid().getMostSignificantBits(),
                    previous.uuid().getMostSignificantBits())).isPositive();
            previous = next;
        }
    }

    @Test
    @DisplayName("generatedAt is the millisecond of generation: within a minute of now")
    void generatedAtIsNow() {
        Instant before = Instant.now();
        Instant at = TenantId.generate().generatedAt();

        assertThat(at).isBetween(before.minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(InstanceId.parse("inst_" + SPEC_SUFFIX).generatedAt())
                .isEqualTo(Instant.ofEpochMilli(0x01890a5dac96L));
    }

    @Test
    @DisplayName("another type's prefix, no prefix or an empty prefix fail naming the field, input and expected prefix")
    void wrongPrefixRejected() {
        String dep = "dep_" + SPEC_SUFFIX;
        InvalidArgumentException e = invalid(() -> InstanceId.parse(dep), "instanceId");
        assertThat(e.getMessage()).contains(dep).contains("prefix \"dep\"").contains("expected prefix \"inst\"");

        InvalidArgumentException bare = invalid(() -> InstanceId.parse(SPEC_SUFFIX), "instanceId");
        assertThat(bare.getMessage()).contains(SPEC_SUFFIX).contains("no prefix").contains("expected prefix \"inst\"");

        InvalidArgumentException empty = invalid(() -> TenantId.parse("_" + SPEC_SUFFIX), "tenantId");
        assertThat(empty.getMessage()).contains("_" + SPEC_SUFFIX).contains("expected prefix \"ten\"");

        invalid(() -> InstanceId.parse("INST_" + SPEC_SUFFIX), "instanceId");
        invalid(() -> InstanceId.parse("instance_" + SPEC_SUFFIX), "instanceId");
    }

    @Test
    @DisplayName("a malformed suffix fails naming the field, the input and the id type, with the reason")
    void malformedSuffixRejected() {
        Map<String, String> cases = Map.of(
                "inst_01h455vb4pex5vsknk084sn02", "must be 26 characters, got 25",
                "inst_01h455vb4pex5vsknk084sn02qq", "must be 26 characters, got 27",
                "inst_01H455VB4PEX5VSKNK084SN02Q", "character 'H' at position 2",
                "inst_01h455vb4pex5vsknk084sn0u2", "character 'u' at position 24",
                "inst_01h455vb4pex5vsknk084sn-2q", "character '-' at position 23",
                "inst_01h455vb4pex5vsknk084sn\u00e92q", "is not lowercase Crockford base32",
                "inst_81h455vb4pex5vsknk084sn02q", "first character must be 0-7",
                "inst_0123456789abcdefghjkmnpqrs", "does not encode a UUIDv7",
                "inst_00000000000000000000000000", "does not encode a UUIDv7",
                "inst_inst_01h455vb4pex5vsknk084", "character 'i' at position 0");
        cases.forEach((input, reason) -> {
            InvalidArgumentException e = invalid(() -> InstanceId.parse(input), "instanceId");
            assertThat(e.getMessage()).as(input).contains(input).contains("valid inst id").contains(reason);
        });
    }

    @Test
    @DisplayName("a UUID with the v7 version but another variant is rejected")
    void wrongVariantRejected() {
        UUID v7NcsVariant = new UUID(SPEC_UUID.getMostSignificantBits(),
                SPEC_UUID.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL);
        String text = "rel_" + TypeIds.encode(v7NcsVariant.getMostSignificantBits(),
                v7NcsVariant.getLeastSignificantBits());

        assertThat(invalid(() -> ReleaseId.parse(text), "releaseId").getMessage()).contains("UUIDv7");
    }

    @Test
    @DisplayName("null and blank text fail naming the field; the blank message shows an example of the prefix")
    void nullAndBlankRejected() {
        assertThat(invalid(() -> SecretId.parse(null), "secretId").getMessage()).contains("must not be null");
        assertThat(invalid(() -> SecretId.parse("  "), "secretId").getMessage()).contains("sec_");
        assertThat(invalid(() -> SecretId.parse(""), "secretId").getMessage()).contains("blank");
    }

    @Test
    @DisplayName("a very long input is abbreviated in the message")
    void longInputAbbreviated() {
        String input = "x".repeat(10_000);
        assertThat(invalid(() -> DomainId.parse(input), "domainId").getMessage()).hasSizeLessThan(300)
                .contains("...");
    }

    @Test
    @DisplayName("every id type has its spec prefix, generates ids with it and parses only its own")
    void everyPrefix() {
        record Type(String prefix, String field, Supplier<TypedId> generate, Function<String, TypedId> parse) {
        }
        List<Type> types = List.of(
                new Type(InstanceId.PREFIX, "instanceId", InstanceId::generate, InstanceId::parse),
                new Type(DeploymentId.PREFIX, "deploymentId", DeploymentId::generate, DeploymentId::parse),
                new Type(ReleaseId.PREFIX, "releaseId", ReleaseId::generate, ReleaseId::parse),
                new Type(HealthCheckId.PREFIX, "checkId", HealthCheckId::generate, HealthCheckId::parse),
                new Type(HealthResultId.PREFIX, "resultId", HealthResultId::generate, HealthResultId::parse),
                new Type(DomainId.PREFIX, "domainId", DomainId::generate, DomainId::parse),
                new Type(RouteId.PREFIX, "routeId", RouteId::generate, RouteId::parse),
                new Type(CertificateId.PREFIX, "certificateId", CertificateId::generate, CertificateId::parse),
                new Type(SecretId.PREFIX, "secretId", SecretId::generate, SecretId::parse),
                new Type(TenantId.PREFIX, "tenantId", TenantId::generate, TenantId::parse),
                new Type(AuditEntryId.PREFIX, "auditEntryId", AuditEntryId::generate, AuditEntryId::parse));

        assertThat(types.stream().map(Type::prefix)).containsExactly(
                "inst", "dep", "rel", "chk", "hres", "dom", "rte", "cert", "sec", "ten", "aud");
        for (Type t : types) {
            TypedId id = t.generate().get();
            assertThat(id.prefix()).isEqualTo(t.prefix());
            assertThat(id.value()).hasSize(t.prefix().length() + 27);
            assertThat(t.parse().apply(id.value())).isEqualTo(id);
            for (Type other : types) {
                if (other != t) {
                    String foreign = other.prefix() + "_" + SPEC_SUFFIX;
                    InvalidArgumentException e = invalid(() -> t.parse().apply(foreign), t.field());
                    assertThat(e.getMessage()).contains("expected prefix \"" + t.prefix() + "\"");
                }
            }
        }
    }

    private static InvalidArgumentException invalid(Runnable call, String field) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class, call::run);
        assertThat(e).as("expected InvalidArgumentException on %s", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(field);
        return e;
    }
}
