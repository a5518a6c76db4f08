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

        assertThat(inserted).isEqualTo(storedAt(given, TestClock.START, TestClock.START, 1));
        assertThat(instances().get(tenant, given.id())).isEqualTo(inserted);
        assertThat(instances().getBySlug(tenant, given.slug())).isEqualTo(inserted);
        assertThat(instances().list(tenant, InstanceFilter.all(), PageRequest.first()).items())
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

            assertThat(inserted.source()).contains(source);
            assertThat(instances().get(tenant, inserted.id())).as("%s source", source.type().wire())
                    .isEqualTo(inserted);
        }
    }

    @Test
    @DisplayName("I-1c an instance with every optional absent and every collection empty reads back the same")
    void roundTripsMinimalInstance() {
        Instance given = Instance.builder().tenantId(tenant).name("m").slug("m").build();

        Instance inserted = instances().insert(given);
        Instance read = instances().get(tenant, given.id());

        assertThat(read).isEqualTo(inserted).isEqualTo(storedAt(given, TestClock.START, TestClock.START, 1));
        assertThat(read.datacenterId()).isEmpty();
        assertThat(read.providerName()).isEmpty();
        assertThat(read.serviceRefs()).isNotNull().isEmpty();
        assertThat(read.services()).isNotNull().isEmpty();
        assertThat(read.endpoints()).isNotNull().isEmpty();
        assertThat(read.labels()).isNotNull().isEmpty();
        assertThat(read.source()).isEmpty();
        assertThat(read.currentRelease()).isEmpty();
        assertThat(read.suspendedAt()).isEmpty();
        assertThat(read.state()).isEqualTo(InstanceState.PROVISIONING);
        assertThat(read.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
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

        assertThat(instances().get(tenant, given.id())).isEqualTo(inserted)
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
        assertThat(expected).isNotEqualTo(withNanos);
        assertThat(inserted.createdAt()).isEqualTo(expected);
        assertThat(inserted.updatedAt()).isEqualTo(expected);
        assertThat(inserted.version()).isEqualTo(1);
        Instance read = instances().get(tenant, inserted.id());
        assertThat(read.createdAt()).isEqualTo(expected);
        assertThat(read.updatedAt()).isEqualTo(expected);
        assertThat(read.version()).isEqualTo(1);
    }

    @Test
    @DisplayName("I-2b a caller-given instant with nanoseconds reads back truncated to microseconds")
    void callerInstantsAreMicros() {
        Instant suspended = Instant.parse("2025-12-31T23:59:59.999999999Z");
        Instance inserted = instances().insert(newInstance(tenant).suspendedAt(suspended).build());

        Instant micros = Instant.parse("2025-12-31T23:59:59.999999Z");
        assertThat(inserted.suspendedAt()).contains(micros);
        assertThat(instances().get(tenant, inserted.id()).suspendedAt()).contains(micros);

        Instant later = Instant.parse("2026-01-01T00:00:00.000001001Z");
        Instance updated = instances().update(inserted.toBuilder().suspendedAt(later).build());
        assertThat(instances().get(tenant, inserted.id()).suspendedAt())
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
        assertThat(updated).isEqualTo(expected);
        assertThat(instances().get(tenant, inserted.id())).isEqualTo(expected);

        Instant t2 = clock().advance(Duration.ofSeconds(3));
        Instance again = instances().update(updated.toBuilder().state(InstanceState.FAILED).build());
        assertThat(again.version()).isEqualTo(3);
        assertThat(again.createdAt()).isEqualTo(TestClock.START);
        assertThat(again.updatedAt()).isEqualTo(t2.truncatedTo(ChronoUnit.MICROS));
        assertThat(instances().get(tenant, inserted.id())).isEqualTo(again);
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
        assertThat(read).isEqualTo(cleared);
        assertThat(read.source()).isEmpty();
        assertThat(read.currentRelease()).isEmpty();
        assertThat(read.suspendedAt()).isEmpty();
        assertThat(read.labels()).isEmpty();
        assertThat(read.serviceRefs()).isEmpty();
        assertThat(read.services()).isEmpty();
        assertThat(read.endpoints()).isEmpty();
        assertThat(read.datacenterId()).isEmpty();
    }

    // ---- I-4 unique id ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-4a insert with an id that exists throws AlreadyExists on field id and writes nothing")
    void duplicateIdRejected() {
        Instance first = instances().insert(newInstance(tenant).build());

        AlreadyExistsException e = assertAlreadyExists(
                () -> instances().insert(newInstance(tenant).id(first.id()).name("other").build()),
                tenant, ResourceKind.INSTANCE, "id");

        assertThat(e.id()).isEqualTo(first.id().value());
        assertThat(e.value()).isEqualTo(first.id().value());
        assertThat(instances().get(tenant, first.id())).isEqualTo(first);
        assertThat(instances().count(tenant)).isEqualTo(1);
    }

    @Test
    @DisplayName("I-4b an id is unique across tenants: reusing another tenant's id throws AlreadyExists for the caller")
    void duplicateIdAcrossTenantsRejected() {
        Instance first = instances().insert(newInstance(tenant).build());

        assertAlreadyExists(() -> instances().insert(newInstance(otherTenant).id(first.id()).build()),
                otherTenant, ResourceKind.INSTANCE, "id");

        assertThat(instances().get(tenant, first.id())).isEqualTo(first);
        assertThat(instances().count(otherTenant)).isZero();
        assertNotFound(() -> instances().get(otherTenant, first.id()), otherTenant, ResourceKind.INSTANCE,
                first.id());
    }

    // ---- I-5 unique slug per tenant ---------------------------------------------------------------------------

    @Test
    @DisplayName("I-5a insert with a slug the tenant uses throws AlreadyExists on slug; another tenant may reuse it")
    void slugUniquePerTenantOnInsert() {
        Instance first = instances().insert(newInstance(tenant).slug("web").build());

        AlreadyExistsException e = assertAlreadyExists(
                () -> instances().insert(newInstance(tenant).slug("web").build()),
                tenant, ResourceKind.INSTANCE, "slug");
        assertThat(e.value()).isEqualTo("web");
        assertThat(instances().count(tenant)).isEqualTo(1);

        Instance other = instances().insert(newInstance(otherTenant).slug("web").build());
        assertThat(instances().getBySlug(tenant, "web")).isEqualTo(first);
        assertThat(instances().getBySlug(otherTenant, "web")).isEqualTo(other);
    }

    @Test
    @DisplayName("I-5b update to a slug the tenant uses elsewhere throws AlreadyExists; renaming frees the old slug")
    void slugUniquePerTenantOnUpdate() {
        Instance a = instances().insert(newInstance(tenant).slug("alpha").build());
        Instance b = instances().insert(newInstance(tenant).slug("beta").build());
        instances().insert(newInstance(otherTenant).slug("gamma").build());

        AlreadyExistsException e = assertAlreadyExists(() -> instances().update(b.toBuilder().slug("alpha").build()),
                tenant, ResourceKind.INSTANCE, "slug");
        assertThat(e.value()).isEqualTo("alpha");
        assertThat(instances().get(tenant, b.id())).isEqualTo(b);

        Instance renamed = instances().update(b.toBuilder().slug("gamma").build());
        assertThat(instances().getBySlug(tenant, "gamma")).isEqualTo(renamed);
        assertNotFound(() -> instances().getBySlug(tenant, "beta"), tenant, ResourceKind.INSTANCE, "beta");
        Instance reuse = instances().insert(newInstance(tenant).slug("beta").build());
        assertThat(instances().getBySlug(tenant, "beta")).isEqualTo(reuse);
        assertThat(instances().getBySlug(tenant, "alpha")).isEqualTo(a);
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

        assertThat(wins).hasValue(1);
        assertThat(rejectedFields).containsExactly("slug");
        assertThat(instances().count(tenant)).isEqualTo(1);
    }

    // ---- I-6 getBySlug ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-6 getBySlug returns the tenant's instance with that slug, else NotFound carrying the slug")
    void getBySlug() {
        instances().insert(newInstance(tenant).slug("one").build());
        Instance two = instances().insert(newInstance(tenant).slug("two").build());
        instances().insert(newInstance(otherTenant).slug("three").build());

        assertThat(instances().getBySlug(tenant, "two")).isEqualTo(two);
        assertNotFound(() -> instances().getBySlug(tenant, "unknown"), tenant, ResourceKind.INSTANCE, "unknown");
        assertNotFound(() -> instances().getBySlug(tenant, "three"), tenant, ResourceKind.INSTANCE, "three");
        assertInvalidArgument(() -> instances().getBySlug(tenant, "s" + text(63)), "slug");
        assertInvalidArgument(() -> instances().getBySlug(tenant, " "), "slug");
    }

    // ---- I-7 not found ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-7 get, update and delete of an id never stored throw NotFound with the tenant, kind and id")
    void unknownIdNotFound() {
        Instance stored = instances().insert(newInstance(tenant).build());
        InstanceId unknown = InstanceId.generate();

        assertNotFound(() -> instances().get(tenant, unknown), tenant, ResourceKind.INSTANCE, unknown);
        assertNotFound(() -> instances().update(stored.toBuilder().id(unknown).slug("fresh").build()),
                tenant, ResourceKind.INSTANCE, unknown);
        assertNotFound(() -> instances().delete(tenant, unknown), tenant, ResourceKind.INSTANCE, unknown);
        assertThat(instances().count(tenant)).isEqualTo(1);
        assertThat(instances().get(tenant, stored.id())).isEqualTo(stored);
    }

    // ---- I-8 tenant isolation ---------------------------------------------------------------------------------

    @Test
    @DisplayName("I-8a get and getBySlug with another tenant behave exactly like a missing instance")
    void isolationOfReads() {
        Instance mine = instances().insert(newInstance(tenant).build());

        assertNotFound(() -> instances().get(otherTenant, mine.id()), otherTenant, ResourceKind.INSTANCE, mine.id());
        assertNotFound(() -> instances().getBySlug(otherTenant, mine.slug()), otherTenant, ResourceKind.INSTANCE,
                mine.slug());
    }

    @Test
    @DisplayName("I-8b list and count never include another tenant's instances")
    void isolationOfListAndCount() {
        Instance mine = instances().insert(newInstance(tenant).labels(Map.of("env", "prod")).build());
        Instance theirs = instances().insert(newInstance(otherTenant).labels(Map.of("env", "prod")).build());

        assertThat(ids(instances().list(tenant, InstanceFilter.all(), PageRequest.first()))).containsExactly(mine.id());
        assertThat(ids(instances().list(otherTenant, InstanceFilter.all().withLabels(Map.of("env", "prod")),
                PageRequest.first()))).containsExactly(theirs.id());
        Page<Instance> none = instances().list(TenantId.generate(), InstanceFilter.all(), PageRequest.first()
                .withTotal());
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).hasValue(0);
        assertThat(none.hasNext()).isFalse();
        assertThat(instances().count(tenant)).isEqualTo(1);
        assertThat(instances().count(otherTenant)).isEqualTo(1);
        assertThat(instances().count(TenantId.generate())).isZero();
    }

    @Test
    @DisplayName("I-8c update and delete with another tenant throw NotFound for that tenant; the row is unchanged")
    void isolationOfWrites() {
        Instance mine = instances().insert(newInstance(tenant).build());

        assertNotFound(() -> instances().update(mine.toBuilder().tenantId(otherTenant).name("hijacked").build()),
                otherTenant, ResourceKind.INSTANCE, mine.id());
        assertNotFound(() -> instances().delete(otherTenant, mine.id()), otherTenant, ResourceKind.INSTANCE,
                mine.id());

        assertThat(instances().get(tenant, mine.id())).isEqualTo(mine);
        assertThat(instances().count(tenant)).isEqualTo(1);
        assertThat(instances().count(otherTenant)).isZero();
    }

    // ---- I-9 filters ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-9a a state filter returns exactly the instances in that state")
    void filterByState() {
        Fixture f = filterFixture();

        assertThat(listIds(InstanceFilter.all().withState(InstanceState.RUNNING))).containsExactly(f.c, f.a);
        assertThat(listIds(InstanceFilter.all().withState(InstanceState.STOPPED))).containsExactly(f.b);
        assertThat(listIds(InstanceFilter.all().withState(InstanceState.DESTROYED))).isEmpty();
    }

    @Test
    @DisplayName("I-9b a label filter ANDs its entries, matches values exactly and never matches a missing label")
    void filterByLabels() {
        Fixture f = filterFixture();

        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", "prod")))).containsExactly(f.b, f.a);
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("team", "a")))).containsExactly(f.c, f.a);
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", "prod", "team", "a")))).containsExactly(f.a);
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", "prod", "team", "c")))).isEmpty();
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", "PROD")))).isEmpty();
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("env", "")))).isEmpty();
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("tier", "")))).containsExactly(f.d);
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of("missing", "")))).isEmpty();
        assertThat(listIds(InstanceFilter.all().withLabels(Map.of()))).containsExactly(f.d, f.c, f.b, f.a);
    }

    @Test
    @DisplayName("I-9c provider and datacenter filters match exactly; an empty datacenter matches instances with none")
    void filterByProviderAndDatacenter() {
        Fixture f = filterFixture();

        assertThat(listIds(InstanceFilter.all().withProviderName("docker"))).containsExactly(f.d, f.a);
        assertThat(listIds(InstanceFilter.all().withProviderName("k8s"))).containsExactly(f.c, f.b);
        assertThat(listIds(InstanceFilter.all().withProviderName("nomad"))).isEmpty();
        assertThat(listIds(InstanceFilter.all().withDatacenterId("dc-1"))).containsExactly(f.b, f.a);
        assertThat(listIds(InstanceFilter.all().withDatacenterId("dc-2"))).containsExactly(f.c);
        assertThat(listIds(InstanceFilter.all().withDatacenterId(""))).containsExactly(f.d);
    }

    @Test
    @DisplayName("I-9d combined filters require every criterion; no match gives an empty last page with total 0")
    void filterCombinations() {
        Fixture f = filterFixture();

        assertThat(listIds(InstanceFilter.all().withState(InstanceState.RUNNING).withProviderName("docker")))
                .containsExactly(f.a);
        assertThat(listIds(InstanceFilter.all().withState(InstanceState.RUNNING).withDatacenterId("dc-2")
                .withLabels(Map.of("team", "a")))).containsExactly(f.c);
        assertThat(listIds(InstanceFilter.all().withState(InstanceState.RUNNING).withProviderName("docker")
                .withDatacenterId("dc-1").withLabels(Map.of("env", "prod", "team", "a")))).containsExactly(f.a);
        Page<Instance> none = instances().list(tenant,
                InstanceFilter.all().withState(InstanceState.STOPPED).withProviderName("docker"),
                PageRequest.first().withTotal());
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).hasValue(0);
        assertThat(none.hasNext()).isFalse();
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

        assertThat(listIds(InstanceFilter.all())).containsExactly(mid, low, high);
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

        assertThat(listIds(InstanceFilter.all()))
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

        assertThat(ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), 5))).isEqualTo(all);
        assertThat(ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), 1))).isEqualTo(all);
        assertThat(ids(walk(p -> instances().list(tenant, InstanceFilter.all(), p), 23))).isEqualTo(all);

        assertThat(pageSizes(23)).as("23 items in pages of 23: no empty trailing page").containsExactly(23);
        assertThat(pageSizes(5)).containsExactly(5, 5, 5, 5, 3);
        assertThat(pageSizes(1000)).containsExactly(23);
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
                    .as("limit %d", limit).isEqualTo(ids.reversed());
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

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(original);
        assertThat(added).isPositive();
        assertThat(instances().count(tenant)).isEqualTo(20 + added);
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
        assertThat(totals).containsExactly(12L, 12L, 12L);
        assertThat(instances().list(tenant, InstanceFilter.all(), PageRequest.first(1).withTotal()).total())
                .hasValue(17);
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
            assertInvalidArgument(() -> instances().list(tenant, InstanceFilter.all(), new PageRequest(10, bad)),
                    "cursor");
        }
        assertThat(instances().list(tenant, InstanceFilter.all(), new PageRequest(10, valid)).items()).hasSize(2);
    }

    // ---- I-12 optimistic concurrency --------------------------------------------------------------------------

    @Test
    @DisplayName("I-12a an update based on a stale version throws Conflict with both versions and writes nothing")
    void staleUpdateConflicts() {
        Instance v1 = instances().insert(newInstance(tenant).build());
        tick(1);
        Instance v2 = instances().update(v1.toBuilder().name("second").build());
        tick(1);

        assertConflict(() -> instances().update(v1.toBuilder().name("stale").build()),
                tenant, ResourceKind.INSTANCE, v1.id(), 1, 2);
        assertConflict(() -> instances().update(v2.toBuilder().version(7).name("future").build()),
                tenant, ResourceKind.INSTANCE, v1.id(), 7, 2);

        assertThat(instances().get(tenant, v1.id())).isEqualTo(v2);
    }

    @Test
    @DisplayName("I-12b 8 threads x 25 updates of one instance, re-reading and retrying on Conflict, lose no update")
    void concurrentUpdatesLoseNothing() throws Exception {
        Instance stored = instances().insert(newInstance(tenant).labels(Map.of("counter", "0")).build());

        concurrently(8, thread -> {
            for (int n = 0; n < 25; n++) {
                for (int attempt = 0; ; attempt++) {
                    assertThat(attempt).as("attempts for one increment").isLessThan(100_000);
                    Instance current = instances().get(tenant, stored.id());
                    Map<String, String> labels = new HashMap<>(current.labels());
                    labels.put("counter", Integer.toString(Integer.parseInt(labels.get("counter")) + 1));
                    labels.put("thread-" + thread, Integer.toString(n + 1));
                    try {
                        instances().update(current.toBuilder().labels(labels).build());
                        break;
                    } catch (ConflictException e) {
                        assertThat(e.actualVersion()).isGreaterThan(current.version());
                    }
                }
            }
        });

        Instance after = instances().get(tenant, stored.id());
        assertThat(after.labels()).containsEntry("counter", "200");
        assertThat(after.version()).isEqualTo(201);
        IntStream.range(0, 8).forEach(t -> assertThat(after.labels()).containsEntry("thread-" + t, "25"));
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

        assertThat(ids).hasSize(200);
        assertThat(instances().count(tenant)).isEqualTo(200);
        List<Instance> listed = walk(p -> instances().list(tenant, InstanceFilter.all(), p), 33);
        assertThat(ids(listed)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(listed.stream().map(Instance::slug).distinct().count()).isEqualTo(200);
        assertThat(instances().getBySlug(tenant, "t7-n24").id()).isIn(ids);
    }

    // ---- I-14 count -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-14 count returns the number of the tenant's instances in any state")
    void countPerTenant() {
        assertThat(instances().count(tenant)).isZero();
        for (InstanceState s : InstanceState.values()) {
            instances().insert(newInstance(tenant).state(s).build());
        }
        instances().insert(newInstance(otherTenant).build());
        instances().insert(newInstance(otherTenant).build());

        assertThat(instances().count(tenant)).isEqualTo(InstanceState.values().length);
        assertThat(instances().count(otherTenant)).isEqualTo(2);
    }

    // ---- I-15 delete ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("I-15 delete removes the instance from every read and frees its slug; a second delete throws NotFound")
    void deleteRemoves() {
        Instance gone = instances().insert(newInstance(tenant).slug("gone").build());
        Instance kept = instances().insert(newInstance(tenant).build());

        instances().delete(tenant, gone.id());

        assertNotFound(() -> instances().get(tenant, gone.id()), tenant, ResourceKind.INSTANCE, gone.id());
        assertNotFound(() -> instances().getBySlug(tenant, "gone"), tenant, ResourceKind.INSTANCE, "gone");
        assertThat(listIds(InstanceFilter.all())).containsExactly(kept.id());
        assertThat(instances().count(tenant)).isEqualTo(1);
        assertNotFound(() -> instances().delete(tenant, gone.id()), tenant, ResourceKind.INSTANCE, gone.id());
        assertNotFound(() -> instances().update(gone.toBuilder().name("zombie").build()), tenant,
                ResourceKind.INSTANCE, gone.id());
        Instance again = instances().insert(newInstance(tenant).slug("gone").build());
        assertThat(instances().getBySlug(tenant, "gone")).isEqualTo(again);
        assertThat(instances().count(tenant)).isEqualTo(2);
    }

    // ---- I-16 versions on insert and update -------------------------------------------------------------------

    @Test
    @DisplayName("I-16a insert of an instance with a version (already stored) throws InvalidArgument, stores nothing")
    void insertOfStoredInstanceRejected() {
        Instance stored = instances().insert(newInstance(tenant).build());
        Instance copy = stored.toBuilder().id(InstanceId.generate()).slug("copy").build();

        assertThat(assertInvalidArgument(() -> instances().insert(stored), "instance.version").getMessage())
                .contains(stored.id().value());
        assertThat(assertInvalidArgument(() -> instances().insert(copy), "instance.version").getMessage())
                .contains(copy.id().value());

        assertThat(instances().count(tenant)).isEqualTo(1);
        assertNotFound(() -> instances().get(tenant, copy.id()), tenant, ResourceKind.INSTANCE, copy.id());
        assertThat(instances().get(tenant, stored.id())).isEqualTo(stored);
    }

    @Test
    @DisplayName("I-16b update of a never-stored instance (version 0) throws InvalidArgument and changes nothing")
    void updateOfNewInstanceRejected() {
        Instance stored = instances().insert(newInstance(tenant).build());
        Instance asNew = stored.toBuilder().version(0).createdAt(null).updatedAt(null).name("changed").build();

        assertThat(assertInvalidArgument(() -> instances().update(asNew), "instance.version").getMessage())
                .contains(asNew.id().value());
        Instance fresh = newInstance(tenant).build();
        assertThat(assertInvalidArgument(() -> instances().update(fresh), "instance.version").getMessage())
                .contains(fresh.id().value());

        assertThat(instances().get(tenant, stored.id())).isEqualTo(stored);
        assertThat(instances().count(tenant)).isEqualTo(1);
    }

    // ---- I-17 null arguments ----------------------------------------------------------------------------------

    @Test
    @DisplayName("I-17 a null argument to any method throws InvalidArgument naming the parameter")
    void nullArgumentsRejected() {
        Instance stored = instances().insert(newInstance(tenant).build());
        InstanceFilter all = InstanceFilter.all();
        PageRequest first = PageRequest.first();

        assertInvalidArgument(() -> instances().insert(null), "instance");
        assertInvalidArgument(() -> instances().get(null, stored.id()), "tenantId");
        assertInvalidArgument(() -> instances().get(tenant, null), "instanceId");
        assertInvalidArgument(() -> instances().getBySlug(null, stored.slug()), "tenantId");
        assertInvalidArgument(() -> instances().getBySlug(tenant, null), "slug");
        assertInvalidArgument(() -> instances().list(null, all, first), "tenantId");
        assertInvalidArgument(() -> instances().list(tenant, null, first), "filter");
        assertInvalidArgument(() -> instances().list(tenant, all, null), "page");
        assertInvalidArgument(() -> instances().update(null), "instance");
        assertInvalidArgument(() -> instances().delete(null, stored.id()), "tenantId");
        assertInvalidArgument(() -> instances().delete(tenant, null), "instanceId");
        assertInvalidArgument(() -> instances().count(null), "tenantId");

        assertThat(instances().get(tenant, stored.id())).isEqualTo(stored);
        assertThat(instances().count(tenant)).isEqualTo(1);
    }

    // ---- I-18 malformed input ---------------------------------------------------------------------------------

    @Test
    @DisplayName("I-18a an over-long name throws InvalidArgument on instance.name and nothing is stored")
    void oversizedNameRejected() {
        assertInvalidArgument(() -> instances().insert(newInstance(tenant).name(text(256)).build()),
                "instance.name");
        Instance stored = instances().insert(newInstance(tenant).build());
        assertInvalidArgument(() -> instances().update(stored.toBuilder().name(text(256)).build()), "instance.name");

        assertThat(instances().count(tenant)).isEqualTo(1);
        assertThat(instances().get(tenant, stored.id())).isEqualTo(stored);
    }

    @Test
    @DisplayName("I-18b id text with another type's prefix throws InvalidArgument naming the field, input and prefix")
    void wrongPrefixIdRejected() {
        Instance stored = instances().insert(newInstance(tenant).build());
        String depId = "dep_" + stored.id().value().substring("inst_".length());

        var e = assertInvalidArgument(() -> instances().get(tenant, InstanceId.parse(depId)), "instanceId");
        assertThat(e.getMessage()).contains(depId).contains("\"inst\"");
        var t = assertInvalidArgument(() -> instances().get(TenantId.parse(stored.id().value()), stored.id()),
                "tenantId");
        assertThat(t.getMessage()).contains(stored.id().value()).contains("\"ten\"");

        assertThat(instances().count(tenant)).isEqualTo(1);
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
        assertThat(instances().get(tenant, inserted.id())).isEqualTo(inserted);
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
        assertThat(read).isEqualTo(inserted);
        assertThat(read.labels()).containsOnly(Map.entry("env", "prod"));
        assertThat(read.services()).hasSize(1);
        assertThat(read.services().get(0).env()).containsOnly(Map.entry("A", "1"));
        assertThat(read.endpoints()).hasSize(1);
        assertThat(instances().get(tenant, helm.id()).source().orElseThrow().helm().orElseThrow().values())
                .isEqualTo(Map.of("nested", Map.of("k", "v")));

        Map<String, String> newLabels = new HashMap<>(Map.of("env", "staging"));
        Instance updated = instances().update(read.toBuilder().labels(newLabels).build());
        newLabels.put("env", "mutated");
        assertThat(instances().get(tenant, inserted.id())).isEqualTo(updated);
        assertThat(updated.labels()).containsOnly(Map.entry("env", "staging"));
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
        assertThat(page.hasNext()).isFalse();
        assertThat(page.total()).hasValue(page.items().size());
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
        assertThatThrownBy(() -> map.put("x", null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    private static void assertUnmodifiable(Collection<?> c) {
        assertThatThrownBy(() -> c.add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(c::clear).isInstanceOf(UnsupportedOperationException.class);
    }
}
