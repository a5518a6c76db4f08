package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.AuditQuery;
import dev.ctrlstore.store.admin.Quota;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.admin.TenantStatus;
import dev.ctrlstore.store.id.AuditEntryId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import static dev.ctrlstore.store.tck.StoreAssertions.assertAlreadyExists;
import static dev.ctrlstore.store.tck.StoreAssertions.assertConflict;
import static dev.ctrlstore.store.tck.StoreAssertions.assertInvalidArgument;
import static dev.ctrlstore.store.tck.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules of the admin subsystem ({@code A-n}, see {@code tck-rules/admin.md}): the global tenant registry (unique
 * slugs and external ids, lookups, paging, optimistic updates, delete without cascade) and the tenant-owned audit
 * log (isolation, filters, inclusive time bounds, paging with a true total, JSON details).
 *
 * <p>If these fail, check the tenant uniqueness checks (slug, non-empty external id, on insert and update), the
 * audit query's tenant scoping and its total, and the JSON mapping of the details column.
 */
public abstract class AdminStoreContract extends ContractSupport {
    private static final int THREADS = 8;
    private static final Comparator<Tenant> TENANT_ORDER = Comparator
            .comparing(Tenant::createdAt).thenComparing(t -> t.id().value()).reversed();
    private static final Comparator<AuditEntry> AUDIT_ORDER = Comparator
            .comparing(AuditEntry::createdAt).thenComparing(e -> e.id().value()).reversed();

    private AdminStore admin() {
        return store.admin();
    }

    private Tenant.Builder newTenant() {
        String n = unique();
        return Tenant.builder().name("tenant " + n).slug("tenant-" + n);
    }

    private Tenant insertTenant() {
        return admin().insertTenant(newTenant().build());
    }

    private AuditEntry.Builder newEntry(TenantId tenantId) {
        return AuditEntry.builder().tenantId(tenantId).actorId("usr-" + unique()).action("instance.create");
    }

    private AuditEntry record(TenantId tenantId) {
        return admin().insertAuditEntry(newEntry(tenantId).build());
    }

    private Page<AuditEntry> audit(TenantId tenantId, AuditQuery query) {
        return admin().queryAuditLog(tenantId, query, PageRequest.first(PageRequest.MAX_LIMIT).withTotal());
    }

    private List<AuditEntry> walkAudit(TenantId tenantId, int limit) {
        return walk(p -> admin().queryAuditLog(tenantId, AuditQuery.all(), p), limit);
    }

    private List<Tenant> allTenants() {
        return walk(p -> admin().listTenants(TenantFilter.all(), p), PageRequest.MAX_LIMIT);
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        return items.stream().sorted(order).toList();
    }

    // ---- tenants: insert and get ----

    @Test
    @DisplayName("A-1a insertTenant keeps every field, sets createdAt = updatedAt = now and version 1; get returns it")
    void insertTenantRoundTripsEveryField() {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            metadata.put("key-" + i + " " + UNICODE, UNICODE + i);
        }
        metadata.put("long", text(10_000));
        Tenant input = newTenant()
                .externalId("org " + UNICODE)
                .name(UNICODE)
                .status(TenantStatus.SUSPENDED)
                .plan("enterprise " + UNICODE)
                .quota(new Quota(1, 2, 3, 4, 5, 6))
                .suspendedAt(Instant.parse("2026-01-02T03:04:05.123456789Z"))
                .metadata(metadata)
                .build();

        Tenant stored = admin().insertTenant(input);

        Tenant expected = input.toBuilder().createdAt(TestClock.START).updatedAt(TestClock.START).version(1).build();
        assertThat(stored).isEqualTo(expected);
        assertThat(stored.suspendedAt()).contains(Instant.parse("2026-01-02T03:04:05.123456Z"));
        assertThat(admin().getTenant(input.id())).isEqualTo(expected);
        assertThat(admin().getTenantBySlug(input.slug())).isEqualTo(expected);
        assertThat(admin().getTenantByExternalId("org " + UNICODE)).isEqualTo(expected);
    }

    @Test
    @DisplayName("A-1b a tenant built with defaults reads back active, plan free, Quota.DEFAULT, no external id,"
            + " no suspension and empty metadata")
    void defaultsRoundTrip() {
        Tenant stored = admin().insertTenant(newTenant().build());

        Tenant read = admin().getTenant(stored.id());
        assertThat(read).isEqualTo(stored);
        assertThat(read.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(read.plan()).isEqualTo("free");
        assertThat(read.quota()).isEqualTo(Quota.DEFAULT).isEqualTo(new Quota(5, 4000, 8192, 20480, 10, 50));
        assertThat(read.externalId()).isEmpty();
        assertThat(read.suspendedAt()).isEmpty();
        assertThat(read.metadata()).isEmpty();
    }

    @Test
    @DisplayName("A-2 insertTenant rejects a duplicate id (AlreadyExists, field id) and a stored version"
            + " (InvalidArgument); nothing is written")
    void insertTenantRejectsDuplicateIdAndStoredVersion() {
        Tenant first = insertTenant();

        AlreadyExistsException e = assertAlreadyExists(() -> admin().insertTenant(newTenant().id(first.id()).build()),
                null, ResourceKind.TENANT, "id");
        assertThat(e.value()).isEqualTo(first.id().value());
        assertInvalidArgument(() -> admin().insertTenant(first), "tenant.version");

        assertThat(admin().countTenants()).isEqualTo(1);
        assertThat(admin().getTenant(first.id())).isEqualTo(first);
    }

    @Test
    @DisplayName("A-3a slugs are unique across all tenants: a second insert with the slug throws AlreadyExists"
            + " (field slug) and nothing is written")
    void slugIsGloballyUniqueOnInsert() {
        Tenant first = admin().insertTenant(newTenant().slug("acme").build());

        AlreadyExistsException e = assertAlreadyExists(
                () -> admin().insertTenant(newTenant().slug("acme").name("other").build()),
                null, ResourceKind.TENANT, "slug");
        assertThat(e.value()).isEqualTo("acme");

        assertThat(admin().countTenants()).isEqualTo(1);
        assertThat(admin().getTenantBySlug("acme")).isEqualTo(first);
    }

    @Test
    @DisplayName("A-3b updateTenant to another tenant's slug throws AlreadyExists (field slug) and changes nothing")
    void slugIsGloballyUniqueOnUpdate() {
        Tenant a = admin().insertTenant(newTenant().slug("alpha").build());
        Tenant b = admin().insertTenant(newTenant().slug("beta").build());

        assertAlreadyExists(() -> admin().updateTenant(b.toBuilder().slug("alpha").build()),
                null, ResourceKind.TENANT, "slug");

        assertThat(admin().getTenant(b.id())).isEqualTo(b);
        assertThat(admin().getTenantBySlug("alpha")).isEqualTo(a);
    }

    @Test
    @DisplayName("A-4a non-empty external ids are unique across tenants on insert (AlreadyExists, field externalId);"
            + " any number of tenants may have none")
    void externalIdIsGloballyUniqueOnInsert() {
        Tenant first = admin().insertTenant(newTenant().externalId("org_123").build());
        insertTenant();
        insertTenant();

        AlreadyExistsException e = assertAlreadyExists(
                () -> admin().insertTenant(newTenant().externalId("org_123").build()),
                null, ResourceKind.TENANT, "externalId");
        assertThat(e.value()).isEqualTo("org_123");

        assertThat(admin().countTenants()).isEqualTo(3);
        assertThat(admin().getTenantByExternalId("org_123")).isEqualTo(first);
    }

    @Test
    @DisplayName("A-4b updateTenant to another tenant's external id throws AlreadyExists (field externalId) and"
            + " changes nothing")
    void externalIdIsGloballyUniqueOnUpdate() {
        Tenant a = admin().insertTenant(newTenant().externalId("org_a").build());
        Tenant b = admin().insertTenant(newTenant().build());

        assertAlreadyExists(() -> admin().updateTenant(b.toBuilder().externalId("org_a").build()),
                null, ResourceKind.TENANT, "externalId");

        assertThat(admin().getTenant(b.id())).isEqualTo(b);
        assertThat(admin().getTenantByExternalId("org_a")).isEqualTo(a);
    }

    @Test
    @DisplayName("A-5 getTenant matches the id only (never an external id); an unknown id throws NotFound carrying"
            + " that id as tenant and id")
    void getTenantMatchesIdOnly() {
        TenantId lookalike = TenantId.generate();
        admin().insertTenant(newTenant().externalId(lookalike.value()).build());

        assertNotFound(() -> admin().getTenant(lookalike), lookalike, ResourceKind.TENANT, lookalike.value());
        TenantId unknown = TenantId.generate();
        assertNotFound(() -> admin().getTenant(unknown), unknown, ResourceKind.TENANT, unknown.value());
    }

    @Test
    @DisplayName("A-6 getTenantBySlug finds the one tenant with the slug; an unknown slug throws NotFound with no"
            + " tenant and the slug as id")
    void getTenantBySlug() {
        insertTenant();
        Tenant wanted = admin().insertTenant(newTenant().slug("wanted").build());
        insertTenant();

        assertThat(admin().getTenantBySlug("wanted")).isEqualTo(wanted);
        assertNotFound(() -> admin().getTenantBySlug("missing"), null, ResourceKind.TENANT, "missing");
        assertInvalidArgument(() -> admin().getTenantBySlug(text(64)), "slug");
    }

    @Test
    @DisplayName("A-7a getTenantByExternalId finds the one tenant with that external id; an unknown one throws"
            + " NotFound with no tenant and the external id as id")
    void getTenantByExternalId() {
        insertTenant();
        Tenant wanted = admin().insertTenant(newTenant().externalId("org_" + UNICODE).build());
        admin().insertTenant(newTenant().externalId("org_other").build());

        assertThat(admin().getTenantByExternalId("org_" + UNICODE)).isEqualTo(wanted);
        assertNotFound(() -> admin().getTenantByExternalId("org_missing"), null, ResourceKind.TENANT,
                "org_missing");
    }

    @Test
    @DisplayName("A-7b getTenantByExternalId with a blank external id throws InvalidArgument (field externalId)"
            + " instead of matching a tenant that has none")
    void blankExternalIdLookupIsRejected() {
        insertTenant();
        insertTenant();

        assertInvalidArgument(() -> admin().getTenantByExternalId(""), "externalId");
        assertInvalidArgument(() -> admin().getTenantByExternalId("   "), "externalId");
        assertInvalidArgument(() -> admin().getTenantByExternalId(text(256)), "externalId");
    }

    // ---- tenants: list, paging, counts ----

    @Test
    @DisplayName("A-8 listTenants returns every tenant newest first (createdAt desc, then id desc) with the total")
    void listTenantsNewestFirst() {
        List<Tenant> inserted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            inserted.add(insertTenant());
            if (i % 2 == 1) {
                tick(1);
            }
        }

        Page<Tenant> page = admin().listTenants(TenantFilter.all(), PageRequest.first(10).withTotal());

        assertThat(page.items()).containsExactlyElementsOf(sorted(inserted, TENANT_ORDER));
        assertThat(page.total()).hasValue(6);
        assertThat(page.hasNext()).isFalse();
        assertThat(page.items().get(0).createdAt()).isAfter(page.items().get(5).createdAt());
    }

    @Test
    @DisplayName("A-9a a tenants walk with equal createdAt returns every tenant exactly once, in list order, with the"
            + " full total on every page")
    void tenantsWalkWithEqualCreatedAt() {
        List<Tenant> inserted = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            inserted.add(insertTenant());
        }

        List<Tenant> walked = walk(p -> {
            Page<Tenant> page = admin().listTenants(TenantFilter.all(), p.withTotal());
            assertThat(page.total()).hasValue(11);
            return page;
        }, 3);

        assertThat(walked).containsExactlyElementsOf(sorted(inserted, TENANT_ORDER));
    }

    @Test
    @DisplayName("A-9b a tenants walk sees every tenant that existed when it began exactly once while tenants are"
            + " inserted")
    void tenantsWalkWhileInserting() {
        Set<TenantId> before = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            before.add(insertTenant().id());
        }

        List<TenantId> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (true) {
            Page<Tenant> page = admin().listTenants(TenantFilter.all(), request);
            page.items().forEach(t -> seen.add(t.id()));
            insertTenant();
            if (!page.hasNext()) {
                break;
            }
            request = request.next(page.nextCursor().orElseThrow());
        }

        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    @DisplayName("A-9c listTenants rejects a garbage cursor and a cursor of the audit list with InvalidArgument"
            + " (field cursor)")
    void listTenantsRejectsForeignCursors() {
        insertTenant();
        insertTenant();
        record(tenant);
        record(tenant);
        String auditCursor = admin().queryAuditLog(tenant, AuditQuery.all(), PageRequest.first(1))
                .nextCursor().orElseThrow();

        assertInvalidArgument(() -> admin().listTenants(TenantFilter.all(), new PageRequest(1, "garbage!")),
                "cursor");
        assertInvalidArgument(() -> admin().listTenants(TenantFilter.all(), new PageRequest(1, auditCursor)),
                "cursor");
    }

    @Test
    @DisplayName("A-10 listTenants filters by status; countTenants and countTenantsByStatus count the registry")
    void statusFilterAndCounts() {
        List<Tenant> active = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            active.add(insertTenant());
        }
        Tenant suspended = admin().insertTenant(newTenant().status(TenantStatus.SUSPENDED)
                .suspendedAt(TestClock.START).build());
        Tenant deleted1 = admin().insertTenant(newTenant().status(TenantStatus.DELETED).build());
        Tenant deleted2 = admin().insertTenant(newTenant().status(TenantStatus.DELETED).build());

        Page<Tenant> activePage = admin().listTenants(TenantFilter.all().withStatus(TenantStatus.ACTIVE),
                PageRequest.first(2).withTotal());
        assertThat(activePage.total()).hasValue(3);
        assertThat(walk(p -> admin().listTenants(TenantFilter.all().withStatus(TenantStatus.ACTIVE), p), 2))
                .containsExactlyElementsOf(sorted(active, TENANT_ORDER));
        assertThat(admin().listTenants(TenantFilter.all().withStatus(TenantStatus.SUSPENDED), PageRequest.first())
                .items()).containsExactly(suspended);
        assertThat(admin().listTenants(TenantFilter.all().withStatus(TenantStatus.DELETED), PageRequest.first())
                .items()).containsExactlyInAnyOrder(deleted1, deleted2);

        assertThat(admin().countTenants()).isEqualTo(6);
        assertThat(admin().countTenantsByStatus(TenantStatus.ACTIVE)).isEqualTo(3);
        assertThat(admin().countTenantsByStatus(TenantStatus.SUSPENDED)).isEqualTo(1);
        assertThat(admin().countTenantsByStatus(TenantStatus.DELETED)).isEqualTo(2);

        admin().updateTenant(suspended.toBuilder().status(TenantStatus.ACTIVE).suspendedAt(null).build());
        assertThat(admin().countTenantsByStatus(TenantStatus.SUSPENDED)).isZero();
        assertThat(admin().countTenantsByStatus(TenantStatus.ACTIVE)).isEqualTo(4);
    }

    // ---- tenants: update and delete ----

    @Test
    @DisplayName("A-11 updateTenant replaces every field, keeps createdAt, sets updatedAt to now and adds 1 to the"
            + " version; old slug and external id are freed")
    void updateTenantReplacesEveryField() {
        Tenant stored = admin().insertTenant(newTenant().externalId("org_old").metadata(Map.of("a", "1")).build());
        tick(1500);

        Tenant changed = stored.toBuilder()
                .externalId("org_new " + UNICODE)
                .name("renamed " + UNICODE)
                .slug("renamed")
                .status(TenantStatus.SUSPENDED)
                .plan("pro")
                .quota(new Quota(0, 1, 2, 3, 4, Integer.MAX_VALUE))
                .suspendedAt(Instant.parse("2026-03-14T15:10:00.000001999Z"))
                .metadata(Map.of("b", UNICODE))
                .build();
        Tenant updated = admin().updateTenant(changed);

        Tenant expected = changed.toBuilder().createdAt(TestClock.START).updatedAt(clock().instant()).version(2)
                .build();
        assertThat(updated).isEqualTo(expected);
        assertThat(updated.suspendedAt()).contains(Instant.parse("2026-03-14T15:10:00.000001Z"));
        assertThat(admin().getTenant(stored.id())).isEqualTo(expected);
        assertThat(admin().getTenantBySlug("renamed")).isEqualTo(expected);
        assertNotFound(() -> admin().getTenantBySlug(stored.slug()), null, ResourceKind.TENANT, stored.slug());
        assertNotFound(() -> admin().getTenantByExternalId("org_old"), null, ResourceKind.TENANT, "org_old");
        admin().insertTenant(newTenant().slug(stored.slug()).externalId("org_old").build());

        Tenant resumed = admin().updateTenant(updated.toBuilder().status(TenantStatus.ACTIVE).suspendedAt(null)
                .externalId("").metadata(Map.of()).build());
        assertThat(admin().getTenant(stored.id())).isEqualTo(resumed);
        assertThat(resumed.suspendedAt()).isEmpty();
        assertThat(resumed.externalId()).isEmpty();
        assertThat(resumed.version()).isEqualTo(3);
    }

    @Test
    @DisplayName("A-12 updateTenant with a stale version throws Conflict (expected = given, actual = stored) and"
            + " leaves the stored tenant unchanged")
    void staleUpdateConflicts() {
        Tenant v1 = insertTenant();
        Tenant v2 = admin().updateTenant(v1.toBuilder().plan("pro").build());

        assertConflict(() -> admin().updateTenant(v1.toBuilder().plan("enterprise").build()),
                v1.id(), ResourceKind.TENANT, v1.id().value(), 1, 2);

        assertThat(admin().getTenant(v1.id())).isEqualTo(v2);
    }

    @Test
    @DisplayName("A-13 updateTenant of an unregistered tenant throws NotFound (tenant = its id); of a never-stored"
            + " one InvalidArgument (tenant.version); nothing is written")
    void updateUnknownOrNewTenant() {
        Tenant stored = insertTenant();
        admin().deleteTenant(stored.id());

        assertNotFound(() -> admin().updateTenant(stored), stored.id(), ResourceKind.TENANT, stored.id().value());
        Tenant fresh = newTenant().build();
        assertInvalidArgument(() -> admin().updateTenant(fresh), "tenant.version");

        assertThat(admin().countTenants()).isZero();
    }

    @Test
    @DisplayName("A-14a deleteTenant removes the registry row: reads and a second delete throw NotFound, and its"
            + " slug and external id become free")
    void deleteTenantRemovesRow() {
        Tenant doomed = admin().insertTenant(newTenant().slug("doomed").externalId("org_doomed").build());
        Tenant kept = insertTenant();

        admin().deleteTenant(doomed.id());

        assertNotFound(() -> admin().getTenant(doomed.id()), doomed.id(), ResourceKind.TENANT, doomed.id().value());
        assertNotFound(() -> admin().deleteTenant(doomed.id()), doomed.id(), ResourceKind.TENANT,
                doomed.id().value());
        assertNotFound(() -> admin().getTenantBySlug("doomed"), null, ResourceKind.TENANT, "doomed");
        assertNotFound(() -> admin().getTenantByExternalId("org_doomed"), null, ResourceKind.TENANT, "org_doomed");
        assertThat(allTenants()).containsExactly(kept);
        assertThat(admin().countTenants()).isEqualTo(1);

        Tenant reused = admin().insertTenant(newTenant().slug("doomed").externalId("org_doomed").build());
        assertThat(admin().getTenantBySlug("doomed")).isEqualTo(reused);
    }

    @Test
    @DisplayName("A-14b deleteTenant deletes nothing the tenant owns: its instances and audit log stay readable")
    void deleteTenantDoesNotCascade() {
        admin().insertTenant(newTenant().id(tenant).build());
        Instance instance = insertInstance(tenant);
        AuditEntry entry = record(tenant);

        admin().deleteTenant(tenant);

        assertThat(store.instances().get(tenant, instance.id())).isEqualTo(instance);
        assertThat(audit(tenant, AuditQuery.all()).items()).containsExactly(entry);
    }

    // ---- tenants: concurrency and copies ----

    @Test
    @DisplayName("A-15 8 threads updating one tenant's quota with re-read and retry on Conflict lose no update")
    void concurrentUpdatesLoseNothing() throws Exception {
        Tenant start = admin().insertTenant(newTenant().quota(Quota.DEFAULT.withMaxInstances(0)).build());
        int perThread = 25;

        concurrently(THREADS, i -> {
            for (int n = 0; n < perThread; n++) {
                for (int attempt = 0; ; attempt++) {
                    assertThat(attempt).as("retries of one increment").isLessThan(10_000);
                    Tenant current = admin().getTenant(start.id());
                    Quota q = current.quota();
                    Thread.yield(); // widen the read-to-write window so the threads really interleave
                    try {
                        admin().updateTenant(current.toBuilder().quota(q.withMaxInstances(q.maxInstances() + 1))
                                .build());
                        break;
                    } catch (ConflictException retry) {
                        // someone else won this round: re-read and apply again
                    }
                }
            }
        });

        Tenant end = admin().getTenant(start.id());
        assertThat(end.quota().maxInstances()).isEqualTo(THREADS * perThread);
        assertThat(end.version()).isEqualTo(1 + THREADS * perThread);
    }

    @Test
    @DisplayName("A-16a concurrent inserts from 8 threads all land: tenants and audit entries")
    void concurrentInsertsAllLand() throws Exception {
        concurrently(THREADS, i -> {
            for (int n = 0; n < 10; n++) {
                admin().insertTenant(Tenant.builder().name("t").slug("t-" + i + "-" + n).build());
                record(tenant);
            }
        });

        assertThat(admin().countTenants()).isEqualTo(THREADS * 10);
        assertThat(allTenants()).hasSize(THREADS * 10);
        assertThat(audit(tenant, AuditQuery.all()).total()).hasValue(THREADS * 10);
    }

    @Test
    @DisplayName("A-16b of 8 threads inserting tenants with one slug, exactly one succeeds and the rest get"
            + " AlreadyExists (field slug)")
    void concurrentInsertsOfOneSlug() throws Exception {
        Queue<Object> outcomes = new ConcurrentLinkedQueue<>();
        concurrently(THREADS, i -> {
            try {
                Tenant won = admin().insertTenant(Tenant.builder().name("contender " + i).slug("contended").build());
                outcomes.add(won);
            } catch (AlreadyExistsException e) {
                outcomes.add(e.field());
            }
        });

        assertThat(outcomes).filteredOn(o -> o instanceof Tenant).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Tenant)).hasSize(THREADS - 1).containsOnly("slug");
        assertThat(admin().countTenants()).isEqualTo(1);
    }

    @Test
    @DisplayName("A-17 returned tenants, entries and pages are unmodifiable and do not alias the maps passed in")
    void noAliasing() {
        Map<String, String> metadata = new HashMap<>(Map.of("tier", "gold"));
        Tenant stored = admin().insertTenant(newTenant().metadata(metadata).build());
        metadata.put("tier", "lead");
        metadata.put("extra", "x");

        List<Object> nested = new ArrayList<>(List.of("a"));
        Map<String, Object> details = new HashMap<>(Map.of("list", nested));
        record(tenant);
        admin().insertAuditEntry(newEntry(tenant).action("with.details").details(details).build());
        nested.add("b");
        details.put("more", 1);

        Tenant read = admin().getTenant(stored.id());
        assertThat(read.metadata()).containsExactly(Map.entry("tier", "gold"));
        assertThatThrownBy(() -> read.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        Page<Tenant> tenants = admin().listTenants(TenantFilter.all(), PageRequest.first());
        assertThatThrownBy(() -> tenants.items().clear()).isInstanceOf(UnsupportedOperationException.class);

        AuditEntry entry = audit(tenant, AuditQuery.all().withAction("with.details")).items().get(0);
        assertThat(entry.details()).isEqualTo(Map.of("list", List.of("a")));
        @SuppressWarnings("unchecked")
        List<Object> readList = (List<Object>) entry.details().get("list");
        assertThatThrownBy(() -> readList.add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> entry.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        Page<AuditEntry> page = audit(tenant, AuditQuery.all());
        assertThatThrownBy(() -> page.items().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(audit(tenant, AuditQuery.all()).total()).hasValue(2);
    }

    // ---- bad input ----

    @Test
    @DisplayName("A-18a a null argument to any method throws InvalidArgument naming the parameter; nothing is"
            + " written")
    void nullArgumentsAreRejected() {
        Tenant stored = insertTenant();
        AuditEntry entry = record(tenant);

        assertInvalidArgument(() -> admin().insertTenant(null), "tenant");
        assertInvalidArgument(() -> admin().getTenant(null), "tenantId");
        assertInvalidArgument(() -> admin().getTenantBySlug(null), "slug");
        assertInvalidArgument(() -> admin().getTenantByExternalId(null), "externalId");
        assertInvalidArgument(() -> admin().listTenants(null, PageRequest.first()), "filter");
        assertInvalidArgument(() -> admin().listTenants(TenantFilter.all(), null), "page");
        assertInvalidArgument(() -> admin().updateTenant(null), "tenant");
        assertInvalidArgument(() -> admin().deleteTenant(null), "tenantId");
        assertInvalidArgument(() -> admin().countTenantsByStatus(null), "status");
        assertInvalidArgument(() -> admin().insertAuditEntry(null), "auditEntry");
        assertInvalidArgument(() -> admin().queryAuditLog(null, AuditQuery.all(), PageRequest.first()),
                "tenantId");
        assertInvalidArgument(() -> admin().queryAuditLog(tenant, null, PageRequest.first()), "query");
        assertInvalidArgument(() -> admin().queryAuditLog(tenant, AuditQuery.all(), null), "page");

        assertThat(allTenants()).containsExactly(stored);
        assertThat(audit(tenant, AuditQuery.all()).items()).containsExactly(entry);
    }

    @Test
    @DisplayName("A-18b malformed tenants, quotas, audit entries and ids are rejected naming the field; nothing is"
            + " written")
    void malformedValuesAreRejected() {
        Tenant stored = insertTenant();

        assertInvalidArgument(() -> newTenant().name(text(256)).build(), "tenant.name");
        assertInvalidArgument(() -> newTenant().name(" ").build(), "tenant.name");
        assertInvalidArgument(() -> newTenant().slug("Not A Slug").build(), "tenant.slug");
        assertInvalidArgument(() -> newTenant().plan(text(256)).build(), "tenant.plan");
        assertInvalidArgument(() -> newTenant().externalId("  ").build(), "tenant.externalId");
        assertInvalidArgument(() -> newTenant().externalId(text(256)).build(), "tenant.externalId");
        assertInvalidArgument(() -> newTenant().status(null).build(), "tenant.status");
        assertInvalidArgument(() -> newTenant().metadata(Map.of("k", text((1 << 20) + 1))).build(),
                "tenant.metadata[k]");
        assertInvalidArgument(() -> Quota.DEFAULT.withMaxSecrets(-1), "quota.maxSecrets");
        assertInvalidArgument(() -> new Quota(-1, 0, 0, 0, 0, 0), "quota.maxInstances");
        assertInvalidArgument(() -> TenantId.parse(InstanceId.generate().value()), "tenantId");
        assertInvalidArgument(() -> AuditEntryId.parse(TenantId.generate().value()), "auditEntryId");
        assertInvalidArgument(() -> TenantStatus.fromWire("frozen"), "tenantStatus");
        assertInvalidArgument(() -> newEntry(tenant).actorId(" ").build(), "auditEntry.actorId");
        assertInvalidArgument(() -> newEntry(tenant).action(text(256)).build(), "auditEntry.action");
        assertInvalidArgument(() -> newEntry(tenant).actorType("").build(), "auditEntry.actorType");
        assertInvalidArgument(() -> newEntry(tenant).details(Map.of("when", Instant.EPOCH)).build(),
                "auditEntry.details.when");
        assertInvalidArgument(() -> newEntry(tenant).details(Map.of("n", Double.NaN)).build(), "auditEntry.details.n");

        assertThat(allTenants()).containsExactly(stored);
        assertThat(audit(tenant, AuditQuery.all()).total()).hasValue(0);
    }

    // ---- audit log ----

    @Test
    @DisplayName("A-19 insertAuditEntry keeps every field and sets createdAt from the clock (to microseconds);"
            + " the tenant need not be registered")
    void auditEntryRoundTrip() {
        clock().set(Instant.parse("2026-03-14T16:00:00.123456789Z"));
        AuditEntry full = AuditEntry.builder()
                .tenantId(tenant)
                .actorId("usr " + UNICODE)
                .actorType("api_key")
                .resource("instance")
                .resourceId(InstanceId.generate().value())
                .action("instance.update " + UNICODE)
                .details(Map.of("reason", UNICODE, "outcome", "success"))
                .ipAddress("2001:db8::1")
                .build();

        AuditEntry stored = admin().insertAuditEntry(full);

        AuditEntry expected = full.toBuilder().createdAt(Instant.parse("2026-03-14T16:00:00.123456Z")).build();
        assertThat(stored).isEqualTo(expected);
        tick(1);
        AuditEntry minimal = admin().insertAuditEntry(
                AuditEntry.builder().tenantId(tenant).actorId("svc").action("login").build());
        assertThat(minimal.actorType()).isEqualTo("user");
        assertThat(minimal.resource()).isEmpty();
        assertThat(minimal.resourceId()).isEmpty();
        assertThat(minimal.ipAddress()).isEmpty();
        assertThat(minimal.details()).isEmpty();
        assertThat(minimal.createdAt()).isEqualTo(Instant.parse("2026-03-14T16:00:00.124456Z"));

        assertThat(audit(tenant, AuditQuery.all()).items()).containsExactly(minimal, expected);
        assertThat(admin().countTenants()).isZero();
    }

    @Test
    @DisplayName("A-20 insertAuditEntry rejects a duplicate id, even one in another tenant's log (AlreadyExists,"
            + " field id), and a preset createdAt (InvalidArgument); nothing is written")
    void auditInsertRejectsDuplicatesAndPresetTime() {
        AuditEntry first = record(tenant);

        AlreadyExistsException e = assertAlreadyExists(
                () -> admin().insertAuditEntry(newEntry(tenant).id(first.id()).build()),
                tenant, ResourceKind.AUDIT_ENTRY, "id");
        assertThat(e.value()).isEqualTo(first.id().value());
        assertAlreadyExists(() -> admin().insertAuditEntry(newEntry(otherTenant).id(first.id()).build()),
                otherTenant, ResourceKind.AUDIT_ENTRY, "id");
        assertInvalidArgument(() -> admin().insertAuditEntry(newEntry(tenant).createdAt(TestClock.START).build()),
                "auditEntry.createdAt");

        assertThat(audit(tenant, AuditQuery.all()).items()).containsExactly(first);
        assertThat(audit(otherTenant, AuditQuery.all()).items()).isEmpty();
    }

    @Test
    @DisplayName("A-21 audit details keep nested maps, lists, nulls, booleans and text; numbers come back as Long"
            + " (integers) or Double")
    void auditDetailsJsonRoundTrip() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("int", 42);
        details.put("long", 1L << 40);
        details.put("short", (short) 7);
        details.put("double", 2.5);
        details.put("float", 1.5f);
        details.put("decimal", new BigDecimal("3.25"));
        details.put("yes", true);
        details.put("nothing", null);
        details.put("text", UNICODE);
        details.put("list", Arrays.asList(1, "two", 3.0, null, List.of(), Map.of("deep", List.of(false))));
        details.put("map", Map.of("nested", Map.of("n", -7, "empty", Map.of())));

        AuditEntry stored = admin().insertAuditEntry(newEntry(tenant).details(details).build());

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("int", 42L);
        expected.put("long", 1L << 40);
        expected.put("short", 7L);
        expected.put("double", 2.5d);
        expected.put("float", 1.5d);
        expected.put("decimal", 3.25d);
        expected.put("yes", true);
        expected.put("nothing", null);
        expected.put("text", UNICODE);
        expected.put("list", Arrays.asList(1L, "two", 3.0d, null, List.of(), Map.of("deep", List.of(false))));
        expected.put("map", Map.of("nested", Map.of("n", -7L, "empty", Map.of())));
        AuditEntry read = audit(tenant, AuditQuery.all()).items().get(0);
        assertThat(read.details()).isEqualTo(expected);
        assertThat(read).isEqualTo(stored);
    }

    @Test
    @DisplayName("A-22 queryAuditLog sees only the given tenant's entries, with a total of that tenant only; an"
            + " unknown tenant gives an empty page, not NotFound")
    void auditTenantIsolation() {
        List<AuditEntry> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(admin().insertAuditEntry(newEntry(tenant).actorId("shared").resource("instance")
                    .resourceId("inst-1").build()));
        }
        AuditEntry theirs = admin().insertAuditEntry(newEntry(otherTenant).actorId("shared").resource("instance")
                .resourceId("inst-2").build());

        Page<AuditEntry> page = audit(tenant, AuditQuery.all().withActorId("shared"));
        assertThat(page.items()).containsExactlyInAnyOrderElementsOf(mine);
        assertThat(page.total()).hasValue(3);
        assertThat(audit(tenant, AuditQuery.all().withResourceId("inst-2")).items()).isEmpty();
        assertThat(audit(otherTenant, AuditQuery.all()).items()).containsExactly(theirs);
        Page<AuditEntry> unknown = audit(TenantId.generate(), AuditQuery.all());
        assertThat(unknown.items()).isEmpty();
        assertThat(unknown.total()).hasValue(0);
        assertThat(unknown.hasNext()).isFalse();
    }

    @Test
    @DisplayName("A-23 each audit filter (actorId, resource, resourceId, action) matches exactly, case-sensitively,"
            + " and filters combine with AND")
    void auditFilters() {
        AuditEntry a = admin().insertAuditEntry(newEntry(tenant).actorId("alice").resource("instance")
                .resourceId("i-1").action("instance.create").build());
        AuditEntry b = admin().insertAuditEntry(newEntry(tenant).actorId("alice").resource("domain")
                .resourceId("d-1").action("domain.create").build());
        AuditEntry c = admin().insertAuditEntry(newEntry(tenant).actorId("bob").resource("instance")
                .resourceId("i-1").action("instance.delete").build());
        AuditEntry d = admin().insertAuditEntry(newEntry(tenant).actorId("bob").resource("instance")
                .resourceId("i-2").action("instance.create").build());

        Function<AuditQuery, List<AuditEntry>> q = query -> audit(tenant, query).items();
        assertThat(q.apply(AuditQuery.all().withActorId("alice"))).containsExactlyInAnyOrder(a, b);
        assertThat(q.apply(AuditQuery.all().withActorId("Alice"))).isEmpty();
        assertThat(q.apply(AuditQuery.all().withResource("instance"))).containsExactlyInAnyOrder(a, c, d);
        assertThat(q.apply(AuditQuery.all().withResourceId("i-1"))).containsExactlyInAnyOrder(a, c);
        assertThat(q.apply(AuditQuery.all().withAction("instance.create"))).containsExactlyInAnyOrder(a, d);
        assertThat(q.apply(AuditQuery.all().withAction("instance"))).isEmpty();
        assertThat(q.apply(AuditQuery.all().withActorId("bob").withAction("instance.create"))).containsExactly(d);
        assertThat(q.apply(AuditQuery.all().withResource("instance").withResourceId("i-1").withActorId("bob")))
                .containsExactly(c);
        assertThat(audit(tenant, AuditQuery.all().withResource("instance")).total()).hasValue(3);
    }

    @Test
    @DisplayName("A-24 since and until are inclusive bounds on createdAt; since after until is rejected"
            + " (InvalidArgument, field since)")
    void auditTimeBoundsAreInclusive() {
        List<AuditEntry> e = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            e.add(record(tenant));
            tick(1000);
        }
        Instant t1 = e.get(1).createdAt();
        Instant t2 = e.get(2).createdAt();

        Function<AuditQuery, List<AuditEntry>> q = query -> audit(tenant, query).items();
        assertThat(q.apply(AuditQuery.all().withSince(t1).withUntil(t2))).containsExactly(e.get(2), e.get(1));
        assertThat(q.apply(AuditQuery.all().withSince(t1))).containsExactly(e.get(3), e.get(2), e.get(1));
        assertThat(q.apply(AuditQuery.all().withUntil(t1))).containsExactly(e.get(1), e.get(0));
        assertThat(q.apply(AuditQuery.all().withSince(t2).withUntil(t2))).containsExactly(e.get(2));
        assertThat(q.apply(AuditQuery.all().withSince(t1.plusNanos(1_000)).withUntil(t2.minusNanos(1_000))))
                .isEmpty();
        assertThat(audit(tenant, AuditQuery.all().withSince(t1)).total()).hasValue(3);
        assertInvalidArgument(() -> AuditQuery.all().withSince(t2).withUntil(t1), "since");
    }

    @Test
    @DisplayName("A-25a queryAuditLog pages newest first (createdAt desc, then id desc) and every page's total"
            + " counts all matches, not the page")
    void auditPagingAndTotal() {
        List<AuditEntry> all = new ArrayList<>();
        List<AuditEntry> creates = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditEntry entry = admin().insertAuditEntry(newEntry(tenant)
                    .action(i % 2 == 0 ? "instance.create" : "instance.delete").build());
            all.add(entry);
            if (i % 2 == 0) {
                creates.add(entry);
            }
            if (i % 3 == 2) {
                tick(1);
            }
        }

        Page<AuditEntry> first = admin().queryAuditLog(tenant, AuditQuery.all(), PageRequest.first(3)
                .withTotal());
        assertThat(first.items()).hasSize(3);
        assertThat(first.total()).hasValue(7);
        assertThat(first.hasNext()).isTrue();
        List<AuditEntry> walked = walk(p -> {
            Page<AuditEntry> page = admin().queryAuditLog(tenant, AuditQuery.all(), p.withTotal());
            assertThat(page.total()).hasValue(7);
            return page;
        }, 3);
        assertThat(walked).containsExactlyElementsOf(sorted(all, AUDIT_ORDER));

        AuditQuery createsOnly = AuditQuery.all().withAction("instance.create");
        Page<AuditEntry> one = admin().queryAuditLog(tenant, createsOnly, PageRequest.first(1).withTotal());
        assertThat(one.total()).hasValue(4);
        assertThat(walk(p -> admin().queryAuditLog(tenant, createsOnly, p), 1))
                .containsExactlyElementsOf(sorted(creates, AUDIT_ORDER));
    }

    @Test
    @DisplayName("A-25b an audit walk with equal createdAt sees every entry that existed when it began exactly once"
            + " while entries are appended")
    void auditWalkWithEqualTimesWhileInserting() {
        Set<AuditEntryId> before = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            before.add(record(tenant).id());
        }
        assertThat(walkAudit(tenant, 4)).extracting(AuditEntry::id).containsExactlyInAnyOrderElementsOf(before);

        List<AuditEntryId> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(3);
        while (true) {
            Page<AuditEntry> page = admin().queryAuditLog(tenant, AuditQuery.all(), request);
            page.items().forEach(e -> seen.add(e.id()));
            record(tenant);
            if (!page.hasNext()) {
                break;
            }
            request = request.next(page.nextCursor().orElseThrow());
        }

        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    @DisplayName("A-25c queryAuditLog rejects a garbage cursor and a cursor of the tenants list with InvalidArgument"
            + " (field cursor)")
    void auditRejectsForeignCursors() {
        insertTenant();
        insertTenant();
        record(tenant);
        record(tenant);
        String tenantsCursor = admin().listTenants(TenantFilter.all(), PageRequest.first(1))
                .nextCursor().orElseThrow();

        assertInvalidArgument(
                () -> admin().queryAuditLog(tenant, AuditQuery.all(), new PageRequest(1, "bm90IGEgY3Vyc29y")),
                "cursor");
        assertInvalidArgument(
                () -> admin().queryAuditLog(tenant, AuditQuery.all(), new PageRequest(1, tenantsCursor)), "cursor");
    }
}
