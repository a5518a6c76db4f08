package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.spec.ArgoCdSource;
import dev.ctrlstore.store.spec.ArgoHelm;
import dev.ctrlstore.store.spec.ArgoSyncPolicy;
import dev.ctrlstore.store.spec.ConfigFile;
import dev.ctrlstore.store.spec.DeploymentSource;
import dev.ctrlstore.store.spec.Endpoint;
import dev.ctrlstore.store.spec.HealthCheckSpec;
import dev.ctrlstore.store.spec.HelmSource;
import dev.ctrlstore.store.spec.KustomizeSource;
import dev.ctrlstore.store.spec.ManifestSource;
import dev.ctrlstore.store.spec.PortSpec;
import dev.ctrlstore.store.spec.ResourceSpec;
import dev.ctrlstore.store.spec.SecretRef;
import dev.ctrlstore.store.spec.SecretType;
import dev.ctrlstore.store.spec.ServiceRole;
import dev.ctrlstore.store.spec.ServiceSpec;
import dev.ctrlstore.store.spec.VolumeSpec;
import dev.ctrlstore.store.spec.WorkloadKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.ctrlstore.store.tck.StoreAssertions.assertAlreadyExists;
import static dev.ctrlstore.store.tck.StoreAssertions.assertConflict;
import static dev.ctrlstore.store.tck.StoreAssertions.assertInvalidArgument;
import static dev.ctrlstore.store.tck.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules I-n of {@link InstanceStore} (table in {@code tck-rules/instances.md}): round trip of every field,
 * store-assigned timestamps and versions, unique slugs per tenant, filters, one defined order, keyset paging,
 * optimistic concurrency, tenant isolation of every method, and argument checks.
 *
 * <p>If these fail, check the instance table's columns and JSON encoding (round trip), the (tenant, slug) unique key,
 * the {@code ORDER BY created_at DESC, id DESC} and its cursor predicate, the version check in the update's
 * {@code WHERE}, and that every query carries the tenant.
 */
public abstract class InstanceStoreContract extends ContractSupport {

    private InstanceStore instances() {
        return store.instances();
    }

    // ---- I-1 round trip ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-1a insert and get return every field unchanged, services with every nested part included")
    void roundTripsEveryField() {
        Instance given = fullInstance(tenant).build();

        Instance inserted = instances().insert(given);

        assertThat(inserted)
                .as("[I-1a] inserted (instances().insert(given)) must equal storedAt(…)")
                .isEqualTo(storedAt(given, TestClock.START, TestClock.START, 1));
        assertThat(instances().get(tenant, given.id()))
                .as("[I-1a] instances().get(tenant, given.id()) must equal inserted").isEqualTo(inserted);
        assertThat(instances().getBySlug(tenant, given.slug()))
                .as("[I-1a] instances().getBySlug(tenant, given.slug()) must equal inserted").isEqualTo(inserted);
        assertThat(instances().list(tenant, InstanceFilter.all(), PageRequest.first()).items())
                .as("[I-1a] instances().list(tenant, InstanceFilter.all(), PageRequest.first()).items() must contain "
                        + "exactly inserted")
                .containsExactly(inserted);
    }

    @Test
    @DisplayName("I-1b a helm (nested JSON values), manifests and argocd source each round-trip unchanged")
    void roundTripsEverySourceType() {
        List<DeploymentSource> sources = List.of(
                DeploymentSource.ofHelm(helmSource()),
                DeploymentSource.ofManifests(new ManifestSource("apiVersion: v1\nkind: ConfigMap\n---\n# " + UNICODE,
                        Optional.of(new KustomizeSource(Map.of("kustomization.yaml", "resources:\n- cm.yaml\n",
                                "cm.yaml", "kind: ConfigMap\ndata:\n  x: " + UNICODE + "\n"), "overlays/prod")))),
                DeploymentSource.ofManifests(new ManifestSource("", Optional.of(new KustomizeSource(Map.of(), "")))),
                DeploymentSource.ofArgoCd(new ArgoCdSource("default", "https://git.example.com/acme/apps.git",
                        "apps/web", "v1.2.3", "https://kubernetes.default.svc", "web",
                        Optional.of(new ArgoHelm(List.of("values.yaml", "values-prod.yaml"),
                                Map.of("image.tag", "1.2.3", "note", UNICODE))),
                        new ArgoSyncPolicy(true, false, true))),
                DeploymentSource.ofArgoCd(new ArgoCdSource("", "git@example.com:a/b.git", "", "", "", "",
                        Optional.empty(), ArgoSyncPolicy.MANUAL)));

        for (DeploymentSource source : sources) {
            Instance inserted = instances().insert(fullInstance(tenant).source(source).build());

            assertThat(inserted.source())
                    .as("[I-1b] inserted.source() from instances().insert(fullInstance(…).source(…).build()) must "
                            + "contain source").contains(source);
            assertThat(instances().get(tenant, inserted.id())).as("[I-1b] instances().get(tenant, inserted.id()) must "
                            + "equal inserted: %s source", source.type().wire())
                    .isEqualTo(inserted);
        }
    }

    @Test
    @DisplayName("I-1c an instance with every optional absent and every collection empty reads back the same")
    void roundTripsMinimalInstance() {
        Instance given = Instance.builder().tenantId(tenant).name("m").slug("m").build();

        Instance inserted = instances().insert(given);
        Instance read = instances().get(tenant, given.id());

        assertThat(read)
                .as("[I-1c] read (instances().get(tenant, given.id())) must equal inserted and equal storedAt(…)")
                .isEqualTo(inserted).isEqualTo(storedAt(given, TestClock.START, TestClock.START, 1));
        assertThat(read.datacenterId())
                .as("[I-1c] read.datacenterId() from instances().get(tenant, given.id()) must be empty").isEmpty();
        assertThat(read.providerName())
                .as("[I-1c] read.providerName() from instances().get(tenant, given.id()) must be empty").isEmpty();
        assertThat(read.serviceRefs())
                .as("[I-1c] read.serviceRefs() from instances().get(tenant, given.id()) must not be null and be "
                        + "empty").isNotNull().isEmpty();
        assertThat(read.services())
                .as("[I-1c] read.services() from instances().get(tenant, given.id()) must not be null and be "
                        + "empty").isNotNull().isEmpty();
        assertThat(read.endpoints())
                .as("[I-1c] read.endpoints() from instances().get(tenant, given.id()) must not be null and be "
                        + "empty").isNotNull().isEmpty();
        assertThat(read.labels())
                .as("[I-1c] read.labels() from instances().get(tenant, given.id()) must not be null and be "
                        + "empty").isNotNull().isEmpty();
        assertThat(read.source())
                .as("[I-1c] read.source() from instances().get(tenant, given.id()) must be empty").isEmpty();
        assertThat(read.currentRelease())
                .as("[I-1c] read.currentRelease() from instances().get(tenant, given.id()) must be empty").isEmpty();
        assertThat(read.suspendedAt())
                .as("[I-1c] read.suspendedAt() from instances().get(tenant, given.id()) must be empty").isEmpty();
        assertThat(read.state())
                .as("[I-1c] read.state() from instances().get(tenant, given.id()) must equal "
                        + "InstanceState.PROVISIONING").isEqualTo(InstanceState.PROVISIONING);
        assertThat(read.kind())
                .as("[I-1c] read.kind() from instances().get(tenant, given.id()) must equal "
                        + "WorkloadKind.DEPLOYMENT").isEqualTo(WorkloadKind.DEPLOYMENT);
    }

    @Test
    @DisplayName("I-1d large collections and text at the maximum length round-trip unchanged")
    void roundTripsLargeValues() {
        Map<String, String> labels = new HashMap<>();
        IntStream.range(0, 500).forEach(i -> labels.put("label-" + i + "-" + text(200), UNICODE + i));
        List<ServiceSpec> services = IntStream.range(0, 64)
                .mapToObj(i -> new ServiceSpec("svc-" + i, "img/" + i, ServiceRole.SIDECAR, List.of("svc-0"),
                        ResourceSpec.NONE, Map.of("I", Integer.toString(i)), List.of(), List.of(), Optional.empty(),
                        List.of(), List.of(new ConfigFile("big.txt", "/etc/big.txt", "text", text(100_000))),
                        Map.of(), List.of(), List.of()))
                .toList();
        Instance given = newInstance(tenant).name(text(255)).slug("s" + text(62)).providerRef(text(100_000))
                .labels(labels).services(services).source(DeploymentSource.ofServices(services)).build();

        Instance inserted = instances().insert(given);

        assertThat(instances().get(tenant, given.id()))
                .as("[I-1d] instances().get(tenant, given.id()) must equal inserted and equal "
                        + "storedAt(…)").isEqualTo(inserted)
                .isEqualTo(storedAt(given, TestClock.START, TestClock.START, 1));
    }

    // ---- I-2 store-assigned timestamps and precision ----------------------------------------------------------

    @Test
    @DisplayName("I-2a insert sets createdAt = updatedAt = the store clock's now at microsecond precision, version 1")
    void insertAssignsTimestampsAndVersion() {
        Instant withNanos = TestClock.START.plus(Duration.ofDays(1)).plusNanos(123_456_789);
        clock().set(withNanos);

        Instance inserted = instances().insert(newInstance(tenant).build());

        Instant expected = withNanos.truncatedTo(ChronoUnit.MICROS);
        assertThat(expected).as("[I-2a] expected must differ from withNanos").isNotEqualTo(withNanos);
        assertThat(inserted.createdAt())
                .as("[I-2a] inserted.createdAt() from instances().insert(newInstance(…).build()) must equal "
                        + "expected").isEqualTo(expected);
        assertThat(inserted.updatedAt())
                .as("[I-2a] inserted.updatedAt() from instances().insert(newInstance(…).build()) must equal "
                        + "expected").isEqualTo(expected);
        assertThat(inserted.version())
                .as("[I-2a] inserted.version() from instances().insert(newInstance(…).build()) must equal "
                        + "1").isEqualTo(1);
        Instance read = instances().get(tenant, inserted.id());
        assertThat(read.createdAt())
                .as("[I-2a] read.createdAt() from instances().get(tenant, inserted.id()) must equal "
                        + "expected").isEqualTo(expected);
        assertThat(read.updatedAt())
                .as("[I-2a] read.updatedAt() from instances().get(tenant, inserted.id()) must equal "
                        + "expected").isEqualTo(expected);
        assertThat(read.version())
                .as("[I-2a] read.version() from instances().get(tenant, inserted.id()) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("I-2b a caller-given instant with nanoseconds reads back truncated to microseconds")
    void callerInstantsAreMicros() {
        Instant suspended = Instant.parse("2025-12-31T23:59:59.999999999Z");
        Instance inserted = instances().insert(newInstance(tenant).suspendedAt(suspended).build());

        Instant micros = Instant.parse("2025-12-31T23:59:59.999999Z");
        assertThat(inserted.suspendedAt())
                .as("[I-2b] inserted.suspendedAt() from instances().insert(newInstance(…).suspendedAt(…).build()) must "
                        + "contain micros").contains(micros);
        assertThat(instances().get(tenant, inserted.id()).suspendedAt())
                .as("[I-2b] instances().get(tenant, inserted.id()).suspendedAt() must contain micros").contains(micros);

        Instant later = Instant.parse("2026-01-01T00:00:00.000001001Z");
        Instance updated = instances().update(inserted.toBuilder().suspendedAt(later).build());
        assertThat(instances().get(tenant, inserted.id()).suspendedAt())
                .as("[I-2b] instances().get(tenant, inserted.id()).suspendedAt() must contain Instant.parse(…) and "
                        + "equal updated.suspendedAt()")
                .contains(Instant.parse("2026-01-01T00:00:00.000001Z"))
                .isEqualTo(updated.suspendedAt());
    }

    // ---- I-3 update -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-3a update replaces every field, keeps createdAt, sets updatedAt to now and adds 1 to the version")
    void updateReplacesFields() {
        Instance inserted = instances().insert(newInstance(tenant).build());
        Instant t1 = clock().advance(Duration.ofMillis(1500).plusNanos(7_001));

        Instance changed = fullInstance(tenant).id(inserted.id()).createdAt(inserted.createdAt())
                .updatedAt(inserted.updatedAt()).version(inserted.version()).build();
        Instance updated = instances().update(changed);

        Instance expected = changed.toBuilder().createdAt(TestClock.START)
                .updatedAt(t1.truncatedTo(ChronoUnit.MICROS)).version(2).build();
        assertThat(updated).as("[I-3a] updated (instances().update(changed)) must equal expected").isEqualTo(expected);
        assertThat(instances().get(tenant, inserted.id()))
                .as("[I-3a] instances().get(tenant, inserted.id()) must equal expected").isEqualTo(expected);

        Instant t2 = clock().advance(Duration.ofSeconds(3));
        Instance again = instances().update(updated.toBuilder().state(InstanceState.FAILED).build());
        assertThat(again.version())
                .as("[I-3a] again.version() from instances().update(updated.toBuilder().state(…).build()) must equal "
                        + "3").isEqualTo(3);
        assertThat(again.createdAt())
                .as("[I-3a] again.createdAt() from instances().update(updated.toBuilder().state(…).build()) must equal "
                        + "TestClock.START").isEqualTo(TestClock.START);
        assertThat(again.updatedAt())
                .as("[I-3a] again.updatedAt() from instances().update(updated.toBuilder().state(…).build()) must equal "
                        + "t2.truncatedTo(ChronoUnit.MICROS)")
                .isEqualTo(t2.truncatedTo(ChronoUnit.MICROS));
        assertThat(instances().get(tenant, inserted.id()))
                .as("[I-3a] instances().get(tenant, inserted.id()) must equal again").isEqualTo(again);
    }

    @Test
    @DisplayName("I-3b update can clear optional fields and empty collections")
    void updateClearsOptionals() {
        Instance inserted = instances().insert(fullInstance(tenant).source(DeploymentSource.ofHelm(helmSource()))
                .build());
        tick(1);

        Instance cleared = instances().update(inserted.toBuilder().source(null).currentRelease(null)
                .suspendedAt(null).labels(Map.of()).serviceRefs(Map.of()).services(List.of()).endpoints(List.of())
                .datacenterId("").providerRef("").build());

        Instance read = instances().get(tenant, inserted.id());
        assertThat(read)
                .as("[I-3b] read (instances().get(tenant, inserted.id())) must equal cleared").isEqualTo(cleared);
        assertThat(read.source())
                .as("[I-3b] read.source() from instances().get(tenant, inserted.id()) must be empty").isEmpty();
        assertThat(read.currentRelease())
                .as("[I-3b] read.currentRelease() from instances().get(tenant, inserted.id()) must be empty").isEmpty();
        assertThat(read.suspendedAt())
                .as("[I-3b] read.suspendedAt() from instances().get(tenant, inserted.id()) must be empty").isEmpty();
        assertThat(read.labels())
                .as("[I-3b] read.labels() from instances().get(tenant, inserted.id()) must be empty").isEmpty();
        assertThat(read.serviceRefs())
                .as("[I-3b] read.serviceRefs() from instances().get(tenant, inserted.id()) must be empty").isEmpty();
        assertThat(read.services())
                .as("[I-3b] read.services() from instances().get(tenant, inserted.id()) must be empty").isEmpty();
        assertThat(read.endpoints())
                .as("[I-3b] read.endpoints() from instances().get(tenant, inserted.id()) must be empty").isEmpty();
        assertThat(read.datacenterId())
                .as("[I-3b] read.datacenterId() from instances().get(tenant, inserted.id()) must be empty").isEmpty();
    }

    // ---- I-4 unique id ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-4a insert with an id that exists throws AlreadyExists on field id and writes nothing")
    void duplicateIdRejected() {
        Instance first = instances().insert(newInstance(tenant).build());

        AlreadyExistsException e = assertAlreadyExists("[I-4a] "
                        + "instances().insert(newInstance(tenant).id(first.id()).name(\"other\").build()) must throw "
                        + "AlreadyExistsException on id",
                () -> instances().insert(newInstance(tenant).id(first.id()).name("other").build()),
                tenant, ResourceKind.INSTANCE, "id");

        assertThat(e.id())
                .as("[I-4a] e.id() from instances().insert(newInstance(…).id(…).name(…).build()) must equal "
                        + "first.id().value()").isEqualTo(first.id().value());
        assertThat(e.value())
                .as("[I-4a] e.value() from instances().insert(newInstance(…).id(…).name(…).build()) must equal "
                        + "first.id().value()").isEqualTo(first.id().value());
        assertThat(instances().get(tenant, first.id()))
                .as("[I-4a] instances().get(tenant, first.id()) must equal first").isEqualTo(first);
        assertThat(instances().count(tenant)).as("[I-4a] instances().count(tenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("I-4b an id is unique across tenants: reusing another tenant's id throws AlreadyExists for the caller")
    void duplicateIdAcrossTenantsRejected() {
        Instance first = instances().insert(newInstance(tenant).build());

        assertAlreadyExists("[I-4b] instances().insert(newInstance(otherTenant).id(first.id()).build()) must throw "
                        + "AlreadyExistsException on id",
                () -> instances().insert(newInstance(otherTenant).id(first.id()).build()),
                otherTenant, ResourceKind.INSTANCE, "id");

        assertThat(instances().get(tenant, first.id()))
                .as("[I-4b] instances().get(tenant, first.id()) must equal first").isEqualTo(first);
        assertThat(instances().count(otherTenant)).as("[I-4b] instances().count(otherTenant) must be 0").isZero();
        assertNotFound("[I-4b] instances().get(otherTenant, first.id()) must throw NotFoundException",
                () -> instances().get(otherTenant, first.id()), otherTenant, ResourceKind.INSTANCE,
                first.id());
    }

    // ---- I-5 unique slug per tenant ---------------------------------------------------------------------------

    @Test
    @DisplayName("I-5a insert with a slug the tenant uses throws AlreadyExists on slug; another tenant may reuse it")
    void slugUniquePerTenantOnInsert() {
        Instance first = instances().insert(newInstance(tenant).slug("web").build());

        AlreadyExistsException e = assertAlreadyExists("[I-5a] "
                        + "instances().insert(newInstance(tenant).slug(\"web\").build()) must throw "
                        + "AlreadyExistsException on slug",
                () -> instances().insert(newInstance(tenant).slug("web").build()),
                tenant, ResourceKind.INSTANCE, "slug");
        assertThat(e.value())
                .as("[I-5a] e.value() from instances().insert(newInstance(…).slug(…).build()) must equal "
                        + "\"web\"").isEqualTo("web");
        assertThat(instances().count(tenant)).as("[I-5a] instances().count(tenant) must equal 1").isEqualTo(1);

        Instance other = instances().insert(newInstance(otherTenant).slug("web").build());
        assertThat(instances().getBySlug(tenant, "web"))
                .as("[I-5a] instances().getBySlug(tenant, \"web\") must equal first").isEqualTo(first);
        assertThat(instances().getBySlug(otherTenant, "web"))
                .as("[I-5a] instances().getBySlug(otherTenant, \"web\") must equal other").isEqualTo(other);
    }

    @Test
    @DisplayName("I-5b update to a slug the tenant uses elsewhere throws AlreadyExists; renaming frees the old slug")
    void slugUniquePerTenantOnUpdate() {
        Instance a = instances().insert(newInstance(tenant).slug("alpha").build());
        Instance b = instances().insert(newInstance(tenant).slug("beta").build());
        instances().insert(newInstance(otherTenant).slug("gamma").build());

        AlreadyExistsException e = assertAlreadyExists("[I-5b] "
                        + "instances().update(b.toBuilder().slug(\"alpha\").build()) must throw AlreadyExistsException "
                        + "on slug",
                () -> instances().update(b.toBuilder().slug("alpha").build()),
                tenant, ResourceKind.INSTANCE, "slug");
        assertThat(e.value())
                .as("[I-5b] e.value() from instances().update(b.toBuilder().slug(…).build()) must equal "
                        + "\"alpha\"").isEqualTo("alpha");
        assertThat(instances().get(tenant, b.id()))
                .as("[I-5b] instances().get(tenant, b.id()) must equal b").isEqualTo(b);

        Instance renamed = instances().update(b.toBuilder().slug("gamma").build());
        assertThat(instances().getBySlug(tenant, "gamma"))
                .as("[I-5b] instances().getBySlug(tenant, \"gamma\") must equal renamed").isEqualTo(renamed);
        assertNotFound("[I-5b] instances().getBySlug(tenant, \"beta\") must throw NotFoundException",
                () -> instances().getBySlug(tenant, "beta"), tenant, ResourceKind.INSTANCE, "beta");
        Instance reuse = instances().insert(newInstance(tenant).slug("beta").build());
        assertThat(instances().getBySlug(tenant, "beta"))
                .as("[I-5b] instances().getBySlug(tenant, \"beta\") must equal reuse").isEqualTo(reuse);
        assertThat(instances().getBySlug(tenant, "alpha"))
                .as("[I-5b] instances().getBySlug(tenant, \"alpha\") must equal a").isEqualTo(a);
    }

    @Test
    @DisplayName("I-5c of 8 threads inserting the same slug at once exactly one succeeds, the others get AlreadyExists")
    void slugUniqueUnderConcurrency() throws Exception {
        AtomicInteger wins = new AtomicInteger();
        Set<String> rejectedFields = ConcurrentHashMap.newKeySet();

        concurrently(8, thread -> {
            try {
                instances().insert(newInstance(tenant).slug("race").build());
                wins.incrementAndGet();
            } catch (AlreadyExistsException e) {
                rejectedFields.add(e.field());
            }
        });

        assertThat(wins).as("[I-5c] wins must hold 1").hasValue(1);
        assertThat(rejectedFields).as("[I-5c] rejectedFields must contain exactly \"slug\"").containsExactly("slug");
        assertThat(instances().count(tenant)).as("[I-5c] instances().count(tenant) must equal 1").isEqualTo(1);
    }

    // ---- I-6 getBySlug ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-6 getBySlug returns the tenant's instance with that slug, else NotFound carrying the slug")
    void getBySlug() {
        instances().insert(newInstance(tenant).slug("one").build());
        Instance two = instances().insert(newInstance(tenant).slug("two").build());
        instances().insert(newInstance(otherTenant).slug("three").build());

        assertThat(instances().getBySlug(tenant, "two"))
                .as("[I-6] instances().getBySlug(tenant, \"two\") must equal two").isEqualTo(two);
        assertNotFound("[I-6] instances().getBySlug(tenant, \"unknown\") must throw NotFoundException",
                () -> instances().getBySlug(tenant, "unknown"), tenant, ResourceKind.INSTANCE, "unknown");
        assertNotFound("[I-6] instances().getBySlug(tenant, \"three\") must throw NotFoundException",
                () -> instances().getBySlug(tenant, "three"), tenant, ResourceKind.INSTANCE, "three");
        assertInvalidArgument("[I-6] instances().getBySlug(tenant, \"s\" + text(63)) must throw "
                        + "InvalidArgumentException naming slug",
                () -> instances().getBySlug(tenant, "s" + text(63)), "slug");
        assertInvalidArgument("[I-6] instances().getBySlug(tenant, \" \") must throw InvalidArgumentException naming "
                        + "slug",
                () -> instances().getBySlug(tenant, " "), "slug");
    }

    // ---- I-7 not found ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-7 get, update and delete of an id never stored throw NotFound with the tenant, kind and id")
    void unknownIdNotFound() {
        Instance stored = instances().insert(newInstance(tenant).build());
        InstanceId unknown = InstanceId.generate();

        assertNotFound("[I-7] instances().get(tenant, unknown) must throw NotFoundException",
                () -> instances().get(tenant, unknown), tenant, ResourceKind.INSTANCE, unknown);
        assertNotFound("[I-7] instances().update(stored.toBuilder().id(unknown).slug(\"fresh\").build()) must throw "
                        + "NotFoundException",
                () -> instances().update(stored.toBuilder().id(unknown).slug("fresh").build()),
                tenant, ResourceKind.INSTANCE, unknown);
        assertNotFound("[I-7] instances().delete(tenant, unknown) must throw NotFoundException",
                () -> instances().delete(tenant, unknown), tenant, ResourceKind.INSTANCE, unknown);
        assertThat(instances().count(tenant)).as("[I-7] instances().count(tenant) must equal 1").isEqualTo(1);
        assertThat(instances().get(tenant, stored.id()))
                .as("[I-7] instances().get(tenant, stored.id()) must equal stored").isEqualTo(stored);
    }

    // ---- I-8 tenant isolation ---------------------------------------------------------------------------------

    @Test
    @DisplayName("I-8a get and getBySlug with another tenant behave exactly like a missing instance")
    void isolationOfReads() {
        Instance mine = instances().insert(newInstance(tenant).build());

        assertNotFound("[I-8a] instances().get(otherTenant, mine.id()) must throw NotFoundException",
                () -> instances().get(otherTenant, mine.id()), otherTenant, ResourceKind.INSTANCE, mine.id());
        assertNotFound("[I-8a] instances().getBySlug(otherTenant, mine.slug()) must throw NotFoundException",
                () -> instances().getBySlug(otherTenant, mine.slug()), otherTenant, ResourceKind.INSTANCE,
                mine.slug());
    }

    @Test
    @DisplayName("I-8b list and count never include another tenant's instances")
    void isolationOfListAndCount() {
        Instance mine = instances().insert(newInstance(tenant).labels(Map.of("env", "prod")).build());
        Instance theirs = instances().insert(newInstance(otherTenant).labels(Map.of("env", "prod")).build());

        assertThat(ids(instances().list(tenant, InstanceFilter.all(), PageRequest.first())))
                .as("[I-8b] ids(instances().list(tenant, InstanceFilter.all(), PageRequest.first())) must contain "
                        + "exactly mine.id()").containsExactly(mine.id());
        assertThat(ids(instances().list(otherTenant, InstanceFilter.all().withLabels(Map.of("env", "prod")),
                PageRequest.first())))
                .as("[I-8b] ids(instances().list(…)) must contain exactly theirs.id()").containsExactly(theirs.id());
        Page<Instance> none = instances().list(TenantId.generate(), InstanceFilter.all(), PageRequest.first().withTotal());
        assertThat(none.items())
                .as("[I-8b] none.items() from instances().list(TenantId.generate(), InstanceFilter.all(), "
                        + "PageRequest.first()) must be empty").isEmpty();
        assertThat(none.total())
                .as("[I-8b] none.total() from instances().list(TenantId.generate(), InstanceFilter.all(), "
                        + "PageRequest.first()) must be 0").hasValue(0);
        assertThat(none.hasNext())
                .as("[I-8b] none.hasNext() from instances().list(TenantId.generate(), InstanceFilter.all(), "
                        + "PageRequest.first()) must be false").isFalse();
        assertThat(instances().count(tenant)).as("[I-8b] instances().count(tenant) must equal 1").isEqualTo(1);
        assertThat(instances().count(otherTenant)).as("[I-8b] instances().count(otherTenant) must equal 1").isEqualTo(1);
        assertThat(instances().count(TenantId.generate()))
                .as("[I-8b] instances().count(TenantId.generate()) must be 0").isZero();
    }

    @Test
    @DisplayName("I-8c update and delete with another tenant throw NotFound for that tenant; the row is unchanged")
    void isolationOfWrites() {
        Instance mine = instances().insert(newInstance(tenant).build());

        assertNotFound("[I-8c] instances().update(mine.toBuilder().tenantId(otherTenant).name(\"hijacked\").build()) "
                        + "must throw NotFoundException",
                () -> instances().update(mine.toBuilder().tenantId(otherTenant).name("hijacked").build()),
                otherTenant, ResourceKind.INSTANCE, mine.id());
        assertNotFound("[I-8c] instances().delete(otherTenant, mine.id()) must throw NotFoundException",
                () -> instances().delete(otherTenant, mine.id()), otherTenant, ResourceKind.INSTANCE,
                mine.id());

        assertThat(instances().get(tenant, mine.id()))
                .as("[I-8c] instances().get(tenant, mine.id()) must equal mine").isEqualTo(mine);
        assertThat(instances().count(tenant)).as("[I-8c] instances().count(tenant) must equal 1").isEqualTo(1);
        assertThat(instances().count(otherTenant)).as("[I-8c] instances().count(otherTenant) must be 0").isZero();
    }

    // ---- I-9 filters ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-9a a state filter returns exactly the instances in that state")
    void filterByState() {
        Fixture f = filterFixture();

        assertThat(listIds(InstanceFilter.all().withState(InstanceState.RUNNING)))
                .as("[I-9a] listIds(InstanceFilter.all().withState(InstanceState.RUNNING)) must contain exactly f.c, "
                        + "f.a").containsExactly(f.c, f.a);
        assertThat(listIds(InstanceFilter.all().withState(InstanceState.STOPPED)))
                .as("[I-9a] listIds(InstanceFilter.all().withState(InstanceState.STOPPED)) must contain exactly "
                        + "f.b").containsExactly(f.b);
        assertThat(listIds(InstanceFilter.all().withState(InstanceState.DESTROYED)))
                .as("[I-9a] listIds(InstanceFilter.all().withState(InstanceState.DESTROYED)) must be empty").isEmpty();
    }

    @Test
    @DisplayName("I-9b a label filter ANDs its entries, matches values exactly and never matches a missing label")
    void filterByLabels() {
        Fixture f = filterFixture();

        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", "prod"))))
                .as("[I-9b] listIds(InstanceFilter.all().withLabels(Map.of(\"env\", \"prod\"))) must contain exactly "
                        + "f.b, f.a").containsExactly(f.b, f.a);
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("team", "a"))))
                .as("[I-9b] listIds(InstanceFilter.all().withLabels(Map.of(\"team\", \"a\"))) must contain exactly "
                        + "f.c, f.a").containsExactly(f.c, f.a);
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", "prod", "team", "a"))))
                .as("[I-9b] listIds(InstanceFilter.all().withLabels(Map.of(\"env\", \"prod\", \"team\", \"a\"))) must "
                        + "contain exactly f.a").containsExactly(f.a);
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", "prod", "team", "c"))))
                .as("[I-9b] listIds(InstanceFilter.all().withLabels(Map.of(\"env\", \"prod\", \"team\", \"c\"))) must "
                        + "be empty").isEmpty();
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", "PROD"))))
                .as("[I-9b] listIds(InstanceFilter.all().withLabels(Map.of(\"env\", \"PROD\"))) must be "
                        + "empty").isEmpty();
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", ""))))
                .as("[I-9b] listIds(InstanceFilter.all().withLabels(Map.of(\"env\", \"\"))) must be empty").isEmpty();
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("tier", ""))))
                .as("[I-9b] listIds(InstanceFilter.all().withLabels(Map.of(\"tier\", \"\"))) must contain exactly "
                        + "f.d").containsExactly(f.d);
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("missing", ""))))
                .as("[I-9b] listIds(InstanceFilter.all().withLabels(Map.of(\"missing\", \"\"))) must be "
                        + "empty").isEmpty();
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of())))
                .as("[I-9b] listIds(InstanceFilter.all().withLabels(Map.of())) must contain exactly f.d, f.c, f.b, "
                        + "f.a").containsExactly(f.d, f.c, f.b, f.a);
    }

    @Test
    @DisplayName("I-9c provider and datacenter filters match exactly; an empty datacenter matches instances with none")
    void filterByProviderAndDatacenter() {
        Fixture f = filterFixture();

        assertThat(listIds(InstanceFilter.all().withProviderName("docker")))
                .as("[I-9c] listIds(InstanceFilter.all().withProviderName(\"docker\")) must contain exactly f.d, "
                        + "f.a").containsExactly(f.d, f.a);
        assertThat(listIds(InstanceFilter.all().withProviderName("k8s")))
                .as("[I-9c] listIds(InstanceFilter.all().withProviderName(\"k8s\")) must contain exactly f.c, "
                        + "f.b").containsExactly(f.c, f.b);
        assertThat(listIds(InstanceFilter.all().withProviderName("nomad")))
                .as("[I-9c] listIds(InstanceFilter.all().withProviderName(\"nomad\")) must be empty").isEmpty();
        assertThat(listIds(InstanceFilter.all().withDatacenterId("dc-1")))
                .as("[I-9c] listIds(InstanceFilter.all().withDatacenterId(\"dc-1\")) must contain exactly f.b, "
                        + "f.a").containsExactly(f.b, f.a);
        assertThat(listIds(InstanceFilter.all().withDatacenterId("dc-2")))
                .as("[I-9c] listIds(InstanceFilter.all().withDatacenterId(\"dc-2\")) must contain exactly "
                        + "f.c").containsExactly(f.c);
        assertThat(listIds(InstanceFilter.all().withDatacenterId("")))
                .as("[I-9c] listIds(InstanceFilter.all().withDatacenterId(\"\")) must contain exactly "
                        + "f.d").containsExactly(f.d);
    }

    @Test
    @DisplayName("I-9d combined filters require every criterion; no match gives an empty last page with total 0")
    void filterCombinations() {
        Fixture f = filterFixture();

        assertThat(listIds(InstanceFilter.all().withState(InstanceState.RUNNING).withProviderName("docker")))
                .as("[I-9d] "
                        + "listIds(InstanceFilter.all().withState(InstanceState.RUNNING).withProviderName(\"docker\")) "
                        + "must contain exactly f.a")
                .containsExactly(f.a);
        assertThat(listIds(InstanceFilter.all().withState(InstanceState.RUNNING).withDatacenterId("dc-2")
                .withLabels(Map.of("team", "a"))))
                .as("[I-9d] listIds(InstanceFilter.all().withState(…).withDatacenterId(…).withLabels(…)) must contain "
                        + "exactly f.c").containsExactly(f.c);
        assertThat(listIds(InstanceFilter.all().withState(InstanceState.RUNNING).withProviderName("docker")
                .withDatacenterId("dc-1").withLabels(Map.of("env", "prod", "team", "a"))))
                .as("[I-9d] "
                        + "listIds(InstanceFilter.all().withState(…).withProviderName(…).withDatacenterId(…).withLabels(…)) "
                        + "must contain exactly f.a").containsExactly(f.a);
        Page<Instance> none = instances().list(tenant,
                InstanceFilter.all().withState(InstanceState.STOPPED).withProviderName("docker"), PageRequest.first().withTotal());
        assertThat(none.items())
                .as("[I-9d] none.items() from instances().list(tenant, "
                        + "InstanceFilter.all().withState(…).withProviderName(…), PageRequest.first()) must be "
                        + "empty").isEmpty();
        assertThat(none.total())
                .as("[I-9d] none.total() from instances().list(tenant, "
                        + "InstanceFilter.all().withState(…).withProviderName(…), PageRequest.first()) must be "
                        + "0").hasValue(0);
        assertThat(none.hasNext())
                .as("[I-9d] none.hasNext() from instances().list(tenant, "
                        + "InstanceFilter.all().withState(…).withProviderName(…), PageRequest.first()) must be "
                        + "false").isFalse();
    }

    // ---- I-10 order -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-10a list orders by createdAt descending, whatever the order of the ids")
    void orderByCreatedAtDescending() {
        List<InstanceId> ids = sortedIds(3);
        InstanceId low = ids.get(0);
        InstanceId mid = ids.get(1);
        InstanceId high = ids.get(2);

        instances().insert(newInstance(tenant).id(high).build());
        tick(1);
        instances().insert(newInstance(tenant).id(low).build());
        tick(1);
        instances().insert(newInstance(tenant).id(mid).build());

        assertThat(listIds(InstanceFilter.all()))
                .as("[I-10a] listIds(InstanceFilter.all()) must contain exactly mid, low, "
                        + "high").containsExactly(mid, low, high);
    }

    @Test
    @DisplayName("I-10b instances with equal createdAt are ordered by id descending")
    void orderByIdAmongEqualCreatedAt() {
        List<InstanceId> ids = sortedIds(5);

        for (int i : new int[] {2, 0, 4}) {
            instances().insert(newInstance(tenant).id(ids.get(i)).build());
        }
        tick(1);
        for (int i : new int[] {1, 3}) {
            instances().insert(newInstance(tenant).id(ids.get(i)).build());
        }

        assertThat(listIds(InstanceFilter.all())).as("[I-10b] listIds(InstanceFilter.all()) must contain exactly …")
                .containsExactly(ids.get(3), ids.get(1), ids.get(4), ids.get(2), ids.get(0));
    }

    // ---- I-11 paging ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-11a a paged walk returns every instance once, in list order, in pages of exactly limit items")
    void pagedWalk() {
        for (int i = 0; i < 23; i++) {
            instances().insert(newInstance(tenant).build());
            tick(1);
        }
        List<InstanceId> all = listIds(InstanceFilter.all());

        assertThat(ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), 5)))
                .as("[I-11a] ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), 5)) must equal "
                        + "all").isEqualTo(all);
        assertThat(ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), 1)))
                .as("[I-11a] ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), 1)) must equal "
                        + "all").isEqualTo(all);
        assertThat(ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), 23)))
                .as("[I-11a] ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), 23)) must equal "
                        + "all").isEqualTo(all);

        assertThat(pageSizes(23)).as("[I-11a] pageSizes(23) must contain exactly 23: 23 items in pages of 23: no empty "
                        + "trailing page").containsExactly(23);
        assertThat(pageSizes(5))
                .as("[I-11a] pageSizes(5) must contain exactly 5, 5, 5, 5, 3").containsExactly(5, 5, 5, 5, 3);
        assertThat(pageSizes(1000)).as("[I-11a] pageSizes(1000) must contain exactly 23").containsExactly(23);
    }

    @Test
    @DisplayName("I-11b a paged walk over instances with equal createdAt returns each once, ordered by id descending")
    void pagedWalkEqualCreatedAt() {
        List<InstanceId> ids = sortedIds(23);
        List<InstanceId> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(42));
        shuffled.forEach(id -> instances().insert(newInstance(tenant).id(id).build()));

        for (int limit : new int[] {1, 2, 4, 7}) {
            assertThat(ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), limit)))
                    .as("[I-11b] ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), limit)) must equal "
                            + "ids.reversed(): limit %d", limit).isEqualTo(ids.reversed());
        }
    }

    @Test
    @DisplayName("I-11c a walk sees each instance present at its start once while others are inserted (equal createdAt)")
    void pagedWalkWhileInserting() {
        List<InstanceId> early = sortedIds(10);
        Set<InstanceId> original = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            original.add(instances().insert(newInstance(tenant).build()).id());
        }

        List<InstanceId> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(3);
        int inserted = 0;
        int added = 0;
        for (int guard = 0; guard < 1_000; guard++) {
            Page<Instance> page = instances().list(tenant, InstanceFilter.all(), request);
            page.items().forEach(i -> seen.add(i.id()));
            if (!page.hasNext()) {
                break;
            }
            instances().insert(newInstance(tenant).build());
            added++;
            // same createdAt, smaller id than every original: lands behind the cursor, in the part still to come
            if (inserted < early.size()) {
                instances().insert(newInstance(tenant).id(early.get(inserted++)).build());
                added++;
            }
            request = request.next(page.nextCursor().orElseThrow());
        }

        assertThat(seen).as("[I-11c] seen must have no duplicates").doesNotHaveDuplicates();
        assertThat(seen).as("[I-11c] seen must contain all of original").containsAll(original);
        assertThat(added).as("[I-11c] added must be positive").isPositive();
        assertThat(instances().count(tenant))
                .as("[I-11c] instances().count(tenant) must equal 20 + added").isEqualTo(20 + added);
    }

    @Test
    @DisplayName("I-11d every page's total counts all matches of the filter, not the page")
    void totalCountsAllMatches() {
        for (int i = 0; i < 12; i++) {
            instances().insert(newInstance(tenant).state(InstanceState.RUNNING).build());
        }
        for (int i = 0; i < 5; i++) {
            instances().insert(newInstance(tenant).state(InstanceState.STOPPED).build());
        }
        instances().insert(newInstance(otherTenant).state(InstanceState.RUNNING).build());

        InstanceFilter running = InstanceFilter.all().withState(InstanceState.RUNNING);
        List<Long> totals = new ArrayList<>();
        PageRequest request = PageRequest.first(5).withTotal();
        for (int guard = 0; guard < 1_000; guard++) {
            Page<Instance> page = instances().list(tenant, running, request);
            totals.add(page.total().orElseThrow());
            if (!page.hasNext()) {
                break;
            }
            request = request.next(page.nextCursor().orElseThrow());
        }
        assertThat(totals).as("[I-11d] totals must contain exactly 12L, 12L, 12L").containsExactly(12L, 12L, 12L);
        assertThat(instances().list(tenant, InstanceFilter.all(), PageRequest.first(1).withTotal()).total())
                .as("[I-11d] instances().list(tenant, InstanceFilter.all(), PageRequest.first(1)).total() must equal "
                        + "17").hasValue(17);
    }

    @Test
    @DisplayName("I-11e a garbage or cut-short cursor throws InvalidArgument on field cursor")
    void badCursorRejected() {
        for (int i = 0; i < 3; i++) {
            instances().insert(newInstance(tenant).build());
        }
        String valid = instances().list(tenant, InstanceFilter.all(), PageRequest.first(1)).nextCursor().orElseThrow();
        String tampered = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("not|a|cursor".getBytes(StandardCharsets.UTF_8));

        for (String bad : List.of("garbage!", "%%%", tampered, valid.substring(0, valid.length() / 2))) {
            assertInvalidArgument("[I-11e] instances().list(tenant, InstanceFilter.all(), new PageRequest(10, bad)) "
                            + "must throw InvalidArgumentException naming cursor",
                    () -> instances().list(tenant, InstanceFilter.all(), new PageRequest(10, bad)),
                    "cursor");
        }
        assertThat(instances().list(tenant, InstanceFilter.all(), new PageRequest(10, valid)).items())
                .as("[I-11e] instances().list(tenant, InstanceFilter.all(), new PageRequest(10, valid)).items() must "
                        + "have size 2").hasSize(2);
    }

    // ---- I-12 optimistic concurrency --------------------------------------------------------------------------

    @Test
    @DisplayName("I-12a an update based on a stale version throws Conflict with both versions and writes nothing")
    void staleUpdateConflicts() {
        Instance v1 = instances().insert(newInstance(tenant).build());
        tick(1);
        Instance v2 = instances().update(v1.toBuilder().name("second").build());
        tick(1);

        assertConflict("[I-12a] instances().update(v1.toBuilder().name(\"stale\").build()) must throw "
                        + "ConflictException (version 1 given, 2 stored)",
                () -> instances().update(v1.toBuilder().name("stale").build()),
                tenant, ResourceKind.INSTANCE, v1.id(), 1, 2);
        assertConflict("[I-12a] instances().update(v2.toBuilder().version(7).name(\"future\").build()) must throw "
                        + "ConflictException (version 7 given, 2 stored)",
                () -> instances().update(v2.toBuilder().version(7).name("future").build()),
                tenant, ResourceKind.INSTANCE, v1.id(), 7, 2);

        assertThat(instances().get(tenant, v1.id()))
                .as("[I-12a] instances().get(tenant, v1.id()) must equal v2").isEqualTo(v2);
    }

    @Test
    @DisplayName("I-12b 8 threads x 25 updates of one instance, re-reading and retrying on Conflict, lose no update")
    void concurrentUpdatesLoseNothing() throws Exception {
        Instance stored = instances().insert(newInstance(tenant).labels(Map.of("counter", "0")).build());

        concurrently(8, thread -> {
            for (int n = 0; n < 25; n++) {
                for (int attempt = 0; ; attempt++) {
                    assertThat(attempt).as("[I-12b] attempt must be less than 100_000: attempts for one "
                                    + "increment").isLessThan(100_000);
                    Instance current = instances().get(tenant, stored.id());
                    Map<String, String> labels = new HashMap<>(current.labels());
                    labels.put("counter", Integer.toString(Integer.parseInt(labels.get("counter")) + 1));
                    labels.put("thread-" + thread, Integer.toString(n + 1));
                    try {
                        instances().update(current.toBuilder().labels(labels).build());
                        break;
                    } catch (ConflictException e) {
                        assertThat(e.actualVersion())
                                .as("[I-12b] e.actualVersion() must be greater than "
                                        + "current.version()").isGreaterThan(current.version());
                    }
                }
            }
        });

        Instance after = instances().get(tenant, stored.id());
        assertThat(after.labels())
                .as("[I-12b] after.labels() from instances().get(tenant, stored.id()) must contain the entry "
                        + "\"counter\", \"200\"").containsEntry("counter", "200");
        assertThat(after.version())
                .as("[I-12b] after.version() from instances().get(tenant, stored.id()) must equal 201").isEqualTo(201);
        IntStream.range(0, 8).forEach(t -> assertThat(after.labels())
                .as("[I-12b] after.labels() from instances().get(tenant, stored.id()) must contain the entry "
                        + "\"thread-\" + t, \"25\"").containsEntry("thread-" + t, "25"));
    }

    // ---- I-13 concurrent inserts ------------------------------------------------------------------------------

    @Test
    @DisplayName("I-13 8 threads x 25 concurrent inserts with distinct slugs all land")
    void concurrentInsertsAllLand() throws Exception {
        Set<InstanceId> ids = ConcurrentHashMap.newKeySet();

        concurrently(8, thread -> {
            for (int n = 0; n < 25; n++) {
                ids.add(instances().insert(newInstance(tenant).slug("t" + thread + "-n" + n).build()).id());
            }
        });

        assertThat(ids).as("[I-13] ids must have size 200").hasSize(200);
        assertThat(instances().count(tenant)).as("[I-13] instances().count(tenant) must equal 200").isEqualTo(200);
        List<Instance> listed = walk(p -> instances().list(tenant, InstanceFilter.all(), p), 33);
        assertThat(ids(listed))
                .as("[I-13] ids(listed) must have no duplicates and contain exactly, in any order, the elements of ids")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(listed.stream().map(Instance::slug).distinct().count())
                .as("[I-13] listed.stream().map(Instance::slug).distinct().count() from instances().list(tenant, "
                        + "InstanceFilter.all(), p) must equal 200").isEqualTo(200);
        assertThat(instances().getBySlug(tenant, "t7-n24").id())
                .as("[I-13] instances().getBySlug(tenant, \"t7-n24\").id() must be one of ids").isIn(ids);
    }

    // ---- I-14 count -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-14 count returns the number of the tenant's instances in any state")
    void countPerTenant() {
        assertThat(instances().count(tenant)).as("[I-14] instances().count(tenant) must be 0").isZero();
        for (InstanceState s : InstanceState.values()) {
            instances().insert(newInstance(tenant).state(s).build());
        }
        instances().insert(newInstance(otherTenant).build());
        instances().insert(newInstance(otherTenant).build());

        assertThat(instances().count(tenant))
                .as("[I-14] instances().count(tenant) must equal InstanceState.values().length")
                .isEqualTo(InstanceState.values().length);
        assertThat(instances().count(otherTenant)).as("[I-14] instances().count(otherTenant) must equal 2").isEqualTo(2);
    }

    // ---- I-15 delete ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-15 delete removes the instance from every read and frees its slug; a second delete throws NotFound")
    void deleteRemoves() {
        Instance gone = instances().insert(newInstance(tenant).slug("gone").build());
        Instance kept = instances().insert(newInstance(tenant).build());

        instances().delete(tenant, gone.id());

        assertNotFound("[I-15] instances().get(tenant, gone.id()) must throw NotFoundException",
                () -> instances().get(tenant, gone.id()), tenant, ResourceKind.INSTANCE, gone.id());
        assertNotFound("[I-15] instances().getBySlug(tenant, \"gone\") must throw NotFoundException",
                () -> instances().getBySlug(tenant, "gone"), tenant, ResourceKind.INSTANCE, "gone");
        assertThat(listIds(InstanceFilter.all()))
                .as("[I-15] listIds(InstanceFilter.all()) must contain exactly kept.id()").containsExactly(kept.id());
        assertThat(instances().count(tenant)).as("[I-15] instances().count(tenant) must equal 1").isEqualTo(1);
        assertNotFound("[I-15] instances().delete(tenant, gone.id()) must throw NotFoundException",
                () -> instances().delete(tenant, gone.id()), tenant, ResourceKind.INSTANCE, gone.id());
        assertNotFound("[I-15] instances().update(gone.toBuilder().name(\"zombie\").build()) must throw "
                        + "NotFoundException",
                () -> instances().update(gone.toBuilder().name("zombie").build()), tenant,
                ResourceKind.INSTANCE, gone.id());
        Instance again = instances().insert(newInstance(tenant).slug("gone").build());
        assertThat(instances().getBySlug(tenant, "gone"))
                .as("[I-15] instances().getBySlug(tenant, \"gone\") must equal again").isEqualTo(again);
        assertThat(instances().count(tenant)).as("[I-15] instances().count(tenant) must equal 2").isEqualTo(2);
    }

    // ---- I-16 versions on insert and update -------------------------------------------------------------------

    @Test
    @DisplayName("I-16a insert of an instance with a version (already stored) throws InvalidArgument, stores nothing")
    void insertOfStoredInstanceRejected() {
        Instance stored = instances().insert(newInstance(tenant).build());
        Instance copy = stored.toBuilder().id(InstanceId.generate()).slug("copy").build();

        assertThat(assertInvalidArgument("[I-16a] instances().insert(stored) must throw InvalidArgumentException "
                        + "naming instance.version",
                () -> instances().insert(stored), "instance.version").getMessage())
                .as("[I-16a] assertInvalidArgument(() -> instances().insert(stored), "
                        + "\"instance.version\").getMessage() must contain stored.id().value()")
                .contains(stored.id().value());
        assertThat(assertInvalidArgument("[I-16a] instances().insert(copy) must throw InvalidArgumentException naming "
                        + "instance.version",
                () -> instances().insert(copy), "instance.version").getMessage())
                .as("[I-16a] assertInvalidArgument(() -> instances().insert(copy), \"instance.version\").getMessage() "
                        + "must contain copy.id().value()")
                .contains(copy.id().value());

        assertThat(instances().count(tenant)).as("[I-16a] instances().count(tenant) must equal 1").isEqualTo(1);
        assertNotFound("[I-16a] instances().get(tenant, copy.id()) must throw NotFoundException",
                () -> instances().get(tenant, copy.id()), tenant, ResourceKind.INSTANCE, copy.id());
        assertThat(instances().get(tenant, stored.id()))
                .as("[I-16a] instances().get(tenant, stored.id()) must equal stored").isEqualTo(stored);
    }

    @Test
    @DisplayName("I-16b update of a never-stored instance (version 0) throws InvalidArgument and changes nothing")
    void updateOfNewInstanceRejected() {
        Instance stored = instances().insert(newInstance(tenant).build());
        Instance asNew = stored.toBuilder().version(0).createdAt(null).updatedAt(null).name("changed").build();

        assertThat(assertInvalidArgument("[I-16b] instances().update(asNew) must throw InvalidArgumentException naming "
                        + "instance.version",
                () -> instances().update(asNew), "instance.version").getMessage())
                .as("[I-16b] assertInvalidArgument(() -> instances().update(asNew), \"instance.version\").getMessage() "
                        + "must contain asNew.id().value()")
                .contains(asNew.id().value());
        Instance fresh = newInstance(tenant).build();
        assertThat(assertInvalidArgument("[I-16b] instances().update(fresh) must throw InvalidArgumentException naming "
                        + "instance.version",
                () -> instances().update(fresh), "instance.version").getMessage())
                .as("[I-16b] assertInvalidArgument(() -> instances().update(fresh), \"instance.version\").getMessage() "
                        + "must contain fresh.id().value()")
                .contains(fresh.id().value());

        assertThat(instances().get(tenant, stored.id()))
                .as("[I-16b] instances().get(tenant, stored.id()) must equal stored").isEqualTo(stored);
        assertThat(instances().count(tenant)).as("[I-16b] instances().count(tenant) must equal 1").isEqualTo(1);
    }

    // ---- I-17 null arguments ----------------------------------------------------------------------------------

    @Test
    @DisplayName("I-17 a null argument to any method throws InvalidArgument naming the parameter")
    void nullArgumentsRejected() {
        Instance stored = instances().insert(newInstance(tenant).build());
        InstanceFilter all = InstanceFilter.all();
        PageRequest first = PageRequest.first();

        assertInvalidArgument("[I-17] instances().insert(null) must throw InvalidArgumentException naming instance",
                () -> instances().insert(null), "instance");
        assertInvalidArgument("[I-17] instances().get(null, stored.id()) must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> instances().get(null, stored.id()), "tenantId");
        assertInvalidArgument("[I-17] instances().get(tenant, null) must throw InvalidArgumentException naming "
                        + "instanceId",
                () -> instances().get(tenant, null), "instanceId");
        assertInvalidArgument("[I-17] instances().getBySlug(null, stored.slug()) must throw InvalidArgumentException "
                        + "naming tenantId",
                () -> instances().getBySlug(null, stored.slug()), "tenantId");
        assertInvalidArgument("[I-17] instances().getBySlug(tenant, null) must throw InvalidArgumentException naming "
                        + "slug",
                () -> instances().getBySlug(tenant, null), "slug");
        assertInvalidArgument("[I-17] instances().list(null, all, first) must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> instances().list(null, all, first), "tenantId");
        assertInvalidArgument("[I-17] instances().list(tenant, null, first) must throw InvalidArgumentException naming "
                        + "filter",
                () -> instances().list(tenant, null, first), "filter");
        assertInvalidArgument("[I-17] instances().list(tenant, all, null) must throw InvalidArgumentException naming "
                        + "page",
                () -> instances().list(tenant, all, null), "page");
        assertInvalidArgument("[I-17] instances().update(null) must throw InvalidArgumentException naming instance",
                () -> instances().update(null), "instance");
        assertInvalidArgument("[I-17] instances().delete(null, stored.id()) must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> instances().delete(null, stored.id()), "tenantId");
        assertInvalidArgument("[I-17] instances().delete(tenant, null) must throw InvalidArgumentException naming "
                        + "instanceId",
                () -> instances().delete(tenant, null), "instanceId");
        assertInvalidArgument("[I-17] instances().count(null) must throw InvalidArgumentException naming tenantId",
                () -> instances().count(null), "tenantId");

        assertThat(instances().get(tenant, stored.id()))
                .as("[I-17] instances().get(tenant, stored.id()) must equal stored").isEqualTo(stored);
        assertThat(instances().count(tenant)).as("[I-17] instances().count(tenant) must equal 1").isEqualTo(1);
    }

    // ---- I-18 malformed input ---------------------------------------------------------------------------------

    @Test
    @DisplayName("I-18a an over-long name throws InvalidArgument on instance.name and nothing is stored")
    void oversizedNameRejected() {
        assertInvalidArgument("[I-18a] instances().insert(newInstance(tenant).name(text(256)).build()) must throw "
                        + "InvalidArgumentException naming instance.name",
                () -> instances().insert(newInstance(tenant).name(text(256)).build()),
                "instance.name");
        Instance stored = instances().insert(newInstance(tenant).build());
        assertInvalidArgument("[I-18a] instances().update(stored.toBuilder().name(text(256)).build()) must throw "
                        + "InvalidArgumentException naming instance.name",
                () -> instances().update(stored.toBuilder().name(text(256)).build()), "instance.name");

        assertThat(instances().count(tenant)).as("[I-18a] instances().count(tenant) must equal 1").isEqualTo(1);
        assertThat(instances().get(tenant, stored.id()))
                .as("[I-18a] instances().get(tenant, stored.id()) must equal stored").isEqualTo(stored);
    }

    @Test
    @DisplayName("I-18b id text with another type's prefix throws InvalidArgument naming the field, input and prefix")
    void wrongPrefixIdRejected() {
        Instance stored = instances().insert(newInstance(tenant).build());
        String depId = "dep_" + stored.id().value().substring("inst_".length());

        var e = assertInvalidArgument("[I-18b] instances().get(tenant, InstanceId.parse(depId)) must throw "
                        + "InvalidArgumentException naming instanceId",
                () -> instances().get(tenant, InstanceId.parse(depId)), "instanceId");
        assertThat(e.getMessage())
                .as("[I-18b] e.getMessage() from instances().get(tenant, InstanceId.parse(…)) must contain depId and "
                        + "contain \"\\\"inst\\\"\"").contains(depId).contains("\"inst\"");
        var t = assertInvalidArgument("[I-18b] instances().get(TenantId.parse(stored.id().value()), stored.id()) must "
                        + "throw InvalidArgumentException naming tenantId",
                () -> instances().get(TenantId.parse(stored.id().value()), stored.id()),
                "tenantId");
        assertThat(t.getMessage())
                .as("[I-18b] t.getMessage() from instances().get(TenantId.parse(…), stored.id()) must contain "
                        + "stored.id().value() and contain \"\\\"ten\\\"\"")
                .contains(stored.id().value()).contains("\"ten\"");

        assertThat(instances().count(tenant)).as("[I-18b] instances().count(tenant) must equal 1").isEqualTo(1);
    }

    // ---- I-19 copies ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-19a returned collections, nested ones included, are unmodifiable")
    void returnedCollectionsUnmodifiable() {
        Instance inserted = instances().insert(fullInstance(tenant).build());
        Instance helm = instances().insert(fullInstance(tenant).source(DeploymentSource.ofHelm(helmSource())).build());
        Instance read = instances().get(tenant, inserted.id());
        Page<Instance> page = instances().list(tenant, InstanceFilter.all(), PageRequest.first());
        Map<String, Object> values = instances().get(tenant, helm.id()).source().orElseThrow().helm().orElseThrow()
                .values();

        for (Instance i : List.of(inserted, read, page.items().get(0))) {
            assertUnmodifiable(i.labels());
            assertUnmodifiable(i.serviceRefs());
            assertUnmodifiable(i.services());
            assertUnmodifiable(i.endpoints());
            assertUnmodifiable(i.services().get(0).env());
            assertUnmodifiable(i.services().get(0).ports());
            assertUnmodifiable(i.services().get(0).configFiles());
        }
        assertUnmodifiable(page.items());
        assertUnmodifiable(values);
        assertUnmodifiable(asMap(values.get("image")));
        assertUnmodifiable(asList(asMap(values.get("ingress")).get("hosts")));
        assertUnmodifiable(asList(asMap(asList(asMap(values.get("ingress")).get("hosts")).get(0)).get("paths")));
        assertThat(instances().get(tenant, inserted.id()))
                .as("[I-19a] instances().get(tenant, inserted.id()) must equal inserted").isEqualTo(inserted);
    }

    @Test
    @DisplayName("I-19b changing a collection passed to insert or update afterwards does not change what is stored")
    void inputCollectionsDoNotLeak() {
        Map<String, String> labels = new HashMap<>(Map.of("env", "prod"));
        Map<String, String> env = new HashMap<>(Map.of("A", "1"));
        List<ServiceSpec> services = new ArrayList<>(List.of(new ServiceSpec("web", "img", ServiceRole.MAIN,
                List.of(), ResourceSpec.NONE, env, List.of(), List.of(), Optional.empty(), List.of(), List.of(),
                Map.of(), List.of(), List.of())));
        List<Endpoint> endpoints = new ArrayList<>(List.of(new Endpoint("", "http://a", 80, "http", true)));
        Map<String, Object> nested = new HashMap<>(Map.of("k", "v"));
        Map<String, Object> values = new HashMap<>(Map.of("nested", nested));

        Instance inserted = instances().insert(newInstance(tenant).labels(labels).services(services)
                .endpoints(endpoints).build());
        Instance helm = instances().insert(newInstance(tenant).source(DeploymentSource.ofHelm(new HelmSource("",
                "chart", "", "", "", values, List.of()))).build());
        labels.put("env", "dev");
        labels.put("added", "x");
        env.put("A", "2");
        services.clear();
        endpoints.add(new Endpoint("", "http://b", 81, "http", false));
        nested.put("k", "changed");
        values.put("top", "added");

        Instance read = instances().get(tenant, inserted.id());
        assertThat(read)
                .as("[I-19b] read (instances().get(tenant, inserted.id())) must equal inserted").isEqualTo(inserted);
        assertThat(read.labels())
                .as("[I-19b] read.labels() from instances().get(tenant, inserted.id()) must contain only "
                        + "Map.entry(\"env\", \"prod\")").containsOnly(Map.entry("env", "prod"));
        assertThat(read.services())
                .as("[I-19b] read.services() from instances().get(tenant, inserted.id()) must have size 1").hasSize(1);
        assertThat(read.services().get(0).env())
                .as("[I-19b] read.services().get(0).env() from instances().get(tenant, inserted.id()) must contain "
                        + "only Map.entry(\"A\", \"1\")").containsOnly(Map.entry("A", "1"));
        assertThat(read.endpoints())
                .as("[I-19b] read.endpoints() from instances().get(tenant, inserted.id()) must have size 1").hasSize(1);
        assertThat(instances().get(tenant, helm.id()).source().orElseThrow().helm().orElseThrow().values())
                .as("[I-19b] instances().get(tenant, helm.id()).source().orElseThrow().helm().orElseThrow().values() "
                        + "must equal Map.of(\"nested\", Map.of(\"k\", \"v\"))")
                .isEqualTo(Map.of("nested", Map.of("k", "v")));

        Map<String, String> newLabels = new HashMap<>(Map.of("env", "staging"));
        Instance updated = instances().update(read.toBuilder().labels(newLabels).build());
        newLabels.put("env", "mutated");
        assertThat(instances().get(tenant, inserted.id()))
                .as("[I-19b] instances().get(tenant, inserted.id()) must equal updated").isEqualTo(updated);
        assertThat(updated.labels())
                .as("[I-19b] updated.labels() from instances().update(read.toBuilder().labels(…).build()) must contain "
                        + "only Map.entry(\"env\", \"staging\")")
                .containsOnly(Map.entry("env", "staging"));
    }

    // ---- fixtures ---------------------------------------------------------------------------------------------

    /** {@code given} as the store returns it after a write at these times. */
    private static Instance storedAt(Instance given, Instant createdAt, Instant updatedAt, long version) {
        return given.toBuilder().createdAt(createdAt).updatedAt(updatedAt).version(version).build();
    }

    /** A new instance with every field set, services with every nested part, and a services source. */
    private Instance.Builder fullInstance(TenantId tenantId) {
        String n = unique();
        ServiceSpec web = new ServiceSpec("web", "ghcr.io/acme/web:1.4.2@sha256:" + "a".repeat(64), ServiceRole.MAIN,
                List.of("db", "migrate"), new ResourceSpec(1500, 2048, 10240, 3, "nvidia-a100"),
                Map.of("GREETING", UNICODE, "EMPTY", "", "PATH", "/usr/bin:/bin"),
                List.of(new PortSpec(8080, 80, "http"), new PortSpec(9090, 0, "tcp")),
                List.of(new VolumeSpec("data", "/var/lib/data", 1024, "ssd"), new VolumeSpec("tmp", "/tmp", 0, "")),
                Optional.of(new HealthCheckSpec("/healthz?deep=" + UNICODE, 8080, Duration.ofSeconds(30),
                        Duration.ofMillis(1500), 3)),
                List.of(new SecretRef("DB_PASSWORD", SecretType.ENV), new SecretRef("app-cert", SecretType.TLS),
                        new SecretRef("ghcr", SecretType.REGISTRY), new SecretRef("creds.json", SecretType.FILE)),
                List.of(new ConfigFile("app.yaml", "/etc/app/app.yaml", "yaml", "greeting: \"" + UNICODE + "\"\n"),
                        new ConfigFile("empty.env", "/etc/app/empty.env", "", "")),
                Map.of("prometheus.io/scrape", "true", "note", UNICODE),
                List.of("/bin/web", "--serve"), List.of("--port", "8080", UNICODE));
        ServiceSpec db = new ServiceSpec("db", "postgres:17", ServiceRole.SIDECAR, List.of(),
                new ResourceSpec(500, 512, 0, 1, ""), Map.of("POSTGRES_DB", "app"),
                List.of(new PortSpec(5432, 5432, "tcp")), List.of(), Optional.of(new HealthCheckSpec("", 5432,
                        Duration.ofMillis(250), Duration.ZERO, 0)),
                List.of(), List.of(), Map.of(), List.of(), List.of());
        ServiceSpec migrate = new ServiceSpec("migrate", "ghcr.io/acme/migrate:1", ServiceRole.INIT, List.of("db"),
                ResourceSpec.NONE, Map.of(), List.of(), List.of(), Optional.empty(), List.of(), List.of(), Map.of(),
                List.of("migrate", "up"), List.of());
        List<ServiceSpec> services = List.of(web, db, migrate);
        return Instance.builder().tenantId(tenantId).name(UNICODE + " " + n).slug("full-" + n)
                .datacenterId("dc_" + n).providerName("k8s").providerRef("apps/" + UNICODE + "/web-" + n)
                .serviceRefs(Map.of("web", "pod/web-0", "db", "pod/db-0", "migrate", ""))
                .region("eu-central-1").state(InstanceState.STOPPED).kind(WorkloadKind.STATEFUL_SET)
                .services(services).source(DeploymentSource.ofServices(services))
                .endpoints(List.of(new Endpoint("web", "https://web.example.com/" + UNICODE, 443, "https", true),
                        new Endpoint("", "tcp://10.0.0.7:5432", 5432, "tcp", false)))
                .labels(Map.of("team", UNICODE, "env", "prod", "ctrlplane.workload", "wkl_" + n, "empty", ""))
                .currentRelease(ReleaseId.generate())
                .suspendedAt(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    /** A chart whose values nest maps, lists, lists of lists, every JSON scalar, null and a long beyond 2^53. */
    private static HelmSource helmSource() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("replicaCount", 3L);
        values.put("ratio", 0.25);
        values.put("enabled", true);
        values.put("nothing", null);
        values.put("name", UNICODE);
        values.put("big", 9_007_199_254_740_993L);
        values.put("negative", -42L);
        values.put("image", Map.of("repository", "nginx", "tag", "1.27", "pullPolicy", "IfNotPresent"));
        values.put("ingress", Map.of(
                "hosts", List.of(Map.of("host", "a.example.com", "paths", List.of("/", "/api")),
                        Map.of("host", "b.example.com", "paths", List.of())),
                "tls", List.of()));
        values.put("matrix", List.of(List.of(1L, 2L), List.of(3.5, "x", false)));
        values.put("emptyMap", Map.of());
        return new HelmSource("https://charts.example.com", "nginx", "15.4.2", "web", "apps", values,
                List.of("values.yaml", "values-prod.yaml"));
    }

    /** The instances the filter tests query, inserted oldest first (a, b, c, d) one millisecond apart. */
    private record Fixture(InstanceId a, InstanceId b, InstanceId c, InstanceId d) {
    }

    private Fixture filterFixture() {
        InstanceId a = insertTicked(newInstance(tenant).state(InstanceState.RUNNING).providerName("docker")
                .datacenterId("dc-1").labels(Map.of("env", "prod", "team", "a")));
        InstanceId b = insertTicked(newInstance(tenant).state(InstanceState.STOPPED).providerName("k8s")
                .datacenterId("dc-1").labels(Map.of("env", "prod", "team", "b")));
        InstanceId c = insertTicked(newInstance(tenant).state(InstanceState.RUNNING).providerName("k8s")
                .datacenterId("dc-2").labels(Map.of("env", "dev", "team", "a")));
        InstanceId d = insertTicked(newInstance(tenant).state(InstanceState.FAILED).providerName("docker")
                .datacenterId("").labels(Map.of("tier", "")));
        insertTicked(newInstance(otherTenant).state(InstanceState.RUNNING).providerName("docker")
                .datacenterId("dc-1").labels(Map.of("env", "prod", "team", "a")));
        return new Fixture(a, b, c, d);
    }

    private InstanceId insertTicked(Instance.Builder b) {
        InstanceId id = instances().insert(b.build()).id();
        tick(1);
        return id;
    }

    /** The sizes of the pages of a walk over all of the tenant's instances with this limit. */
    private List<Integer> pageSizes(int limit) {
        List<Integer> sizes = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int guard = 0; guard < 1_000; guard++) {
            Page<Instance> page = instances().list(tenant, InstanceFilter.all(), request);
            sizes.add(page.items().size());
            if (!page.hasNext()) {
                return sizes;
            }
            request = request.next(page.nextCursor().orElseThrow());
        }
        throw new AssertionError("the list never reached its last page; page sizes so far " + sizes.subList(0, 10));
    }

    private List<InstanceId> listIds(InstanceFilter filter) {
        Page<Instance> page = instances().list(tenant, filter, PageRequest.first(PageRequest.MAX_LIMIT).withTotal());
        assertThat(page.hasNext())
                .as("page.hasNext() from instances().list(tenant, filter, PageRequest.first(…)) must be "
                        + "false").isFalse();
        assertThat(page.total())
                .as("page.total() from instances().list(tenant, filter, PageRequest.first(…)) must equal "
                        + "page.items().size()").hasValue(page.items().size());
        return ids(page);
    }

    private static List<InstanceId> ids(Page<Instance> page) {
        return ids(page.items());
    }

    private static List<InstanceId> ids(List<Instance> items) {
        return items.stream().map(Instance::id).toList();
    }

    /** {@code n} fresh instance ids in ascending order (sorted, so the test does not rely on generation order). */
    private static List<InstanceId> sortedIds(int n) {
        return Stream.generate(InstanceId::generate).limit(n).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return (List<Object>) o;
    }

    private static void assertUnmodifiable(Map<String, ?> map) {
        assertThatThrownBy(() -> map.put("x", null),
                "map.put(\"x\", null) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear,
                "map::clear must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
    }

    private static void assertUnmodifiable(Collection<?> c) {
        assertThatThrownBy(() -> c.add(null),
                "c.add(null) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(c::clear,
                "c::clear must throw UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
    }
}
