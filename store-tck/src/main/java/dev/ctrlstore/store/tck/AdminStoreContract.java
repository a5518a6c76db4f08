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
        assertThat(stored).as("[A-1a] stored (admin().insertTenant(input)) must equal expected").isEqualTo(expected);
        assertThat(stored.suspendedAt())
                .as("[A-1a] stored.suspendedAt() from admin().insertTenant(input) must contain Instant.parse(…)")
                .contains(Instant.parse("2026-01-02T03:04:05.123456Z"));
        assertThat(admin().getTenant(input.id()))
                .as("[A-1a] admin().getTenant(input.id()) must equal expected").isEqualTo(expected);
        assertThat(admin().getTenantBySlug(input.slug()))
                .as("[A-1a] admin().getTenantBySlug(input.slug()) must equal expected").isEqualTo(expected);
        assertThat(admin().getTenantByExternalId("org " + UNICODE))
                .as("[A-1a] admin().getTenantByExternalId(\"org \" + UNICODE) must equal expected").isEqualTo(expected);
    }

    @Test
    @DisplayName("A-1b a tenant built with defaults reads back active, plan free, Quota.DEFAULT, no external id,"
            + " no suspension and empty metadata")
    void defaultsRoundTrip() {
        Tenant stored = admin().insertTenant(newTenant().build());

        Tenant read = admin().getTenant(stored.id());
        assertThat(read).as("[A-1b] read (admin().getTenant(stored.id())) must equal stored").isEqualTo(stored);
        assertThat(read.status())
                .as("[A-1b] read.status() from admin().getTenant(stored.id()) must equal "
                        + "TenantStatus.ACTIVE").isEqualTo(TenantStatus.ACTIVE);
        assertThat(read.plan())
                .as("[A-1b] read.plan() from admin().getTenant(stored.id()) must equal \"free\"").isEqualTo("free");
        assertThat(read.quota())
                .as("[A-1b] read.quota() from admin().getTenant(stored.id()) must equal Quota.DEFAULT and equal new "
                        + "Quota(5, 4000, 8192, 20480, 10, 50)")
                .isEqualTo(Quota.DEFAULT).isEqualTo(new Quota(5, 4000, 8192, 20480, 10, 50));
        assertThat(read.externalId())
                .as("[A-1b] read.externalId() from admin().getTenant(stored.id()) must be empty").isEmpty();
        assertThat(read.suspendedAt())
                .as("[A-1b] read.suspendedAt() from admin().getTenant(stored.id()) must be empty").isEmpty();
        assertThat(read.metadata())
                .as("[A-1b] read.metadata() from admin().getTenant(stored.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("A-2 insertTenant rejects a duplicate id (AlreadyExists, field id) and a stored version"
            + " (InvalidArgument); nothing is written")
    void insertTenantRejectsDuplicateIdAndStoredVersion() {
        Tenant first = insertTenant();

        AlreadyExistsException e = assertAlreadyExists("[A-2] admin().insertTenant(newTenant().id(first.id()).build()) "
                        + "must throw AlreadyExistsException on id",
                () -> admin().insertTenant(newTenant().id(first.id()).build()),
                null, ResourceKind.TENANT, "id");
        assertThat(e.value())
                .as("[A-2] e.value() from admin().insertTenant(newTenant().id(…).build()) must equal "
                        + "first.id().value()").isEqualTo(first.id().value());
        assertInvalidArgument("[A-2] admin().insertTenant(first) must throw InvalidArgumentException naming "
                        + "tenant.version",
                () -> admin().insertTenant(first), "tenant.version");

        assertThat(admin().countTenants()).as("[A-2] admin().countTenants() must equal 1").isEqualTo(1);
        assertThat(admin().getTenant(first.id()))
                .as("[A-2] admin().getTenant(first.id()) must equal first").isEqualTo(first);
    }

    @Test
    @DisplayName("A-3a slugs are unique across all tenants: a second insert with the slug throws AlreadyExists"
            + " (field slug) and nothing is written")
    void slugIsGloballyUniqueOnInsert() {
        Tenant first = admin().insertTenant(newTenant().slug("acme").build());

        AlreadyExistsException e = assertAlreadyExists("[A-3a] "
                        + "admin().insertTenant(newTenant().slug(\"acme\").name(\"other\").build()) must throw "
                        + "AlreadyExistsException on slug",
                () -> admin().insertTenant(newTenant().slug("acme").name("other").build()),
                null, ResourceKind.TENANT, "slug");
        assertThat(e.value())
                .as("[A-3a] e.value() from admin().insertTenant(newTenant().slug(…).name(…).build()) must equal "
                        + "\"acme\"").isEqualTo("acme");

        assertThat(admin().countTenants()).as("[A-3a] admin().countTenants() must equal 1").isEqualTo(1);
        assertThat(admin().getTenantBySlug("acme"))
                .as("[A-3a] admin().getTenantBySlug(\"acme\") must equal first").isEqualTo(first);
    }

    @Test
    @DisplayName("A-3b updateTenant to another tenant's slug throws AlreadyExists (field slug) and changes nothing")
    void slugIsGloballyUniqueOnUpdate() {
        Tenant a = admin().insertTenant(newTenant().slug("alpha").build());
        Tenant b = admin().insertTenant(newTenant().slug("beta").build());

        assertAlreadyExists("[A-3b] admin().updateTenant(b.toBuilder().slug(\"alpha\").build()) must throw "
                        + "AlreadyExistsException on slug",
                () -> admin().updateTenant(b.toBuilder().slug("alpha").build()),
                null, ResourceKind.TENANT, "slug");

        assertThat(admin().getTenant(b.id())).as("[A-3b] admin().getTenant(b.id()) must equal b").isEqualTo(b);
        assertThat(admin().getTenantBySlug("alpha"))
                .as("[A-3b] admin().getTenantBySlug(\"alpha\") must equal a").isEqualTo(a);
    }

    @Test
    @DisplayName("A-4a non-empty external ids are unique across tenants on insert (AlreadyExists, field externalId);"
            + " any number of tenants may have none")
    void externalIdIsGloballyUniqueOnInsert() {
        Tenant first = admin().insertTenant(newTenant().externalId("org_123").build());
        insertTenant();
        insertTenant();

        AlreadyExistsException e = assertAlreadyExists("[A-4a] "
                        + "admin().insertTenant(newTenant().externalId(\"org_123\").build()) must throw "
                        + "AlreadyExistsException on externalId",
                () -> admin().insertTenant(newTenant().externalId("org_123").build()),
                null, ResourceKind.TENANT, "externalId");
        assertThat(e.value())
                .as("[A-4a] e.value() from admin().insertTenant(newTenant().externalId(…).build()) must equal "
                        + "\"org_123\"").isEqualTo("org_123");

        assertThat(admin().countTenants()).as("[A-4a] admin().countTenants() must equal 3").isEqualTo(3);
        assertThat(admin().getTenantByExternalId("org_123"))
                .as("[A-4a] admin().getTenantByExternalId(\"org_123\") must equal first").isEqualTo(first);
    }

    @Test
    @DisplayName("A-4b updateTenant to another tenant's external id throws AlreadyExists (field externalId) and"
            + " changes nothing")
    void externalIdIsGloballyUniqueOnUpdate() {
        Tenant a = admin().insertTenant(newTenant().externalId("org_a").build());
        Tenant b = admin().insertTenant(newTenant().build());

        assertAlreadyExists("[A-4b] admin().updateTenant(b.toBuilder().externalId(\"org_a\").build()) must throw "
                        + "AlreadyExistsException on externalId",
                () -> admin().updateTenant(b.toBuilder().externalId("org_a").build()),
                null, ResourceKind.TENANT, "externalId");

        assertThat(admin().getTenant(b.id())).as("[A-4b] admin().getTenant(b.id()) must equal b").isEqualTo(b);
        assertThat(admin().getTenantByExternalId("org_a"))
                .as("[A-4b] admin().getTenantByExternalId(\"org_a\") must equal a").isEqualTo(a);
    }

    @Test
    @DisplayName("A-5 getTenant matches the id only (never an external id); an unknown id throws NotFound carrying"
            + " that id as tenant and id")
    void getTenantMatchesIdOnly() {
        TenantId lookalike = TenantId.generate();
        admin().insertTenant(newTenant().externalId(lookalike.value()).build());

        assertNotFound("[A-5] admin().getTenant(lookalike) must throw NotFoundException",
                () -> admin().getTenant(lookalike), lookalike, ResourceKind.TENANT, lookalike.value());
        TenantId unknown = TenantId.generate();
        assertNotFound("[A-5] admin().getTenant(unknown) must throw NotFoundException",
                () -> admin().getTenant(unknown), unknown, ResourceKind.TENANT, unknown.value());
    }

    @Test
    @DisplayName("A-6 getTenantBySlug finds the one tenant with the slug; an unknown slug throws NotFound with no"
            + " tenant and the slug as id")
    void getTenantBySlug() {
        insertTenant();
        Tenant wanted = admin().insertTenant(newTenant().slug("wanted").build());
        insertTenant();

        assertThat(admin().getTenantBySlug("wanted"))
                .as("[A-6] admin().getTenantBySlug(\"wanted\") must equal wanted").isEqualTo(wanted);
        assertNotFound("[A-6] admin().getTenantBySlug(\"missing\") must throw NotFoundException",
                () -> admin().getTenantBySlug("missing"), null, ResourceKind.TENANT, "missing");
        assertInvalidArgument("[A-6] admin().getTenantBySlug(text(64)) must throw InvalidArgumentException naming slug",
                () -> admin().getTenantBySlug(text(64)), "slug");
    }

    @Test
    @DisplayName("A-7a getTenantByExternalId finds the one tenant with that external id; an unknown one throws"
            + " NotFound with no tenant and the external id as id")
    void getTenantByExternalId() {
        insertTenant();
        Tenant wanted = admin().insertTenant(newTenant().externalId("org_" + UNICODE).build());
        admin().insertTenant(newTenant().externalId("org_other").build());

        assertThat(admin().getTenantByExternalId("org_" + UNICODE))
                .as("[A-7a] admin().getTenantByExternalId(\"org_\" + UNICODE) must equal wanted").isEqualTo(wanted);
        assertNotFound("[A-7a] admin().getTenantByExternalId(\"org_missing\") must throw NotFoundException",
                () -> admin().getTenantByExternalId("org_missing"), null, ResourceKind.TENANT,
                "org_missing");
    }

    @Test
    @DisplayName("A-7b getTenantByExternalId with a blank external id throws InvalidArgument (field externalId)"
            + " instead of matching a tenant that has none")
    void blankExternalIdLookupIsRejected() {
        insertTenant();
        insertTenant();

        assertInvalidArgument("[A-7b] admin().getTenantByExternalId(\"\") must throw InvalidArgumentException naming "
                        + "externalId",
                () -> admin().getTenantByExternalId(""), "externalId");
        assertInvalidArgument("[A-7b] admin().getTenantByExternalId(\"   \") must throw InvalidArgumentException "
                        + "naming externalId",
                () -> admin().getTenantByExternalId("   "), "externalId");
        assertInvalidArgument("[A-7b] admin().getTenantByExternalId(text(256)) must throw InvalidArgumentException "
                        + "naming externalId",
                () -> admin().getTenantByExternalId(text(256)), "externalId");
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

        assertThat(page.items())
                .as("[A-8] page.items() from admin().listTenants(TenantFilter.all(), PageRequest.first(…)) must "
                        + "contain exactly the elements of sorted(inserted, TENANT_ORDER)")
                .containsExactlyElementsOf(sorted(inserted, TENANT_ORDER));
        assertThat(page.total())
                .as("[A-8] page.total() from admin().listTenants(TenantFilter.all(), PageRequest.first(…)) must equal "
                        + "6").hasValue(6);
        assertThat(page.hasNext())
                .as("[A-8] page.hasNext() from admin().listTenants(TenantFilter.all(), PageRequest.first(…)) must be "
                        + "false").isFalse();
        assertThat(page.items().get(0).createdAt())
                .as("[A-8] page.items().get(0).createdAt() from admin().listTenants(TenantFilter.all(), "
                        + "PageRequest.first(…)) must be after page.items().get(5).createdAt()")
                .isAfter(page.items().get(5).createdAt());
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
            assertThat(page.total())
                    .as("[A-9a] page.total() from admin().listTenants(TenantFilter.all(), p) must equal "
                            + "11").hasValue(11);
            return page;
        }, 3);

        assertThat(walked)
                .as("[A-9a] walked (admin().listTenants(TenantFilter.all(), p)) must contain exactly the elements of "
                        + "sorted(inserted, TENANT_ORDER)")
                .containsExactlyElementsOf(sorted(inserted, TENANT_ORDER));
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

        assertThat(seen)
                .as("[A-9b] seen must have no duplicates and contain all of before")
                .doesNotHaveDuplicates().containsAll(before);
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

        assertInvalidArgument("[A-9c] admin().listTenants(TenantFilter.all(), new PageRequest(1, \"garbage!\")) must "
                        + "throw InvalidArgumentException naming cursor",
                () -> admin().listTenants(TenantFilter.all(), new PageRequest(1, "garbage!")),
                "cursor");
        assertInvalidArgument("[A-9c] admin().listTenants(TenantFilter.all(), new PageRequest(1, auditCursor)) must "
                        + "throw InvalidArgumentException naming cursor",
                () -> admin().listTenants(TenantFilter.all(), new PageRequest(1, auditCursor)),
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
        assertThat(activePage.total())
                .as("[A-10] activePage.total() from admin().listTenants(TenantFilter.all().withStatus(…), "
                        + "PageRequest.first(…)) must equal 3").hasValue(3);
        assertThat(walk(p -> admin().listTenants(TenantFilter.all().withStatus(TenantStatus.ACTIVE), p), 2))
                .as("[A-10] walk(p -> admin().listTenants(TenantFilter.all().withStatus(TenantStatus.ACTIVE), p), 2) "
                        + "must contain exactly the elements of sorted(active, TENANT_ORDER)")
                .containsExactlyElementsOf(sorted(active, TENANT_ORDER));
        assertThat(admin().listTenants(TenantFilter.all().withStatus(TenantStatus.SUSPENDED), PageRequest.first())
                .items())
                .as("[A-10] admin().listTenants(TenantFilter.all().withStatus(…), PageRequest.first()).items() must "
                        + "contain exactly suspended").containsExactly(suspended);
        assertThat(admin().listTenants(TenantFilter.all().withStatus(TenantStatus.DELETED), PageRequest.first())
                .items())
                .as("[A-10] admin().listTenants(TenantFilter.all().withStatus(…), PageRequest.first()).items() must "
                        + "contain exactly, in any order, deleted1, deleted2")
                .containsExactlyInAnyOrder(deleted1, deleted2);

        assertThat(admin().countTenants()).as("[A-10] admin().countTenants() must equal 6").isEqualTo(6);
        assertThat(admin().countTenantsByStatus(TenantStatus.ACTIVE))
                .as("[A-10] admin().countTenantsByStatus(TenantStatus.ACTIVE) must equal 3").isEqualTo(3);
        assertThat(admin().countTenantsByStatus(TenantStatus.SUSPENDED))
                .as("[A-10] admin().countTenantsByStatus(TenantStatus.SUSPENDED) must equal 1").isEqualTo(1);
        assertThat(admin().countTenantsByStatus(TenantStatus.DELETED))
                .as("[A-10] admin().countTenantsByStatus(TenantStatus.DELETED) must equal 2").isEqualTo(2);

        admin().updateTenant(suspended.toBuilder().status(TenantStatus.ACTIVE).suspendedAt(null).build());
        assertThat(admin().countTenantsByStatus(TenantStatus.SUSPENDED))
                .as("[A-10] admin().countTenantsByStatus(TenantStatus.SUSPENDED) must be 0").isZero();
        assertThat(admin().countTenantsByStatus(TenantStatus.ACTIVE))
                .as("[A-10] admin().countTenantsByStatus(TenantStatus.ACTIVE) must equal 4").isEqualTo(4);
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
        assertThat(updated).as("[A-11] updated (admin().updateTenant(changed)) must equal expected").isEqualTo(expected);
        assertThat(updated.suspendedAt())
                .as("[A-11] updated.suspendedAt() from admin().updateTenant(changed) must contain Instant.parse(…)")
                .contains(Instant.parse("2026-03-14T15:10:00.000001Z"));
        assertThat(admin().getTenant(stored.id()))
                .as("[A-11] admin().getTenant(stored.id()) must equal expected").isEqualTo(expected);
        assertThat(admin().getTenantBySlug("renamed"))
                .as("[A-11] admin().getTenantBySlug(\"renamed\") must equal expected").isEqualTo(expected);
        assertNotFound("[A-11] admin().getTenantBySlug(stored.slug()) must throw NotFoundException",
                () -> admin().getTenantBySlug(stored.slug()), null, ResourceKind.TENANT, stored.slug());
        assertNotFound("[A-11] admin().getTenantByExternalId(\"org_old\") must throw NotFoundException",
                () -> admin().getTenantByExternalId("org_old"), null, ResourceKind.TENANT, "org_old");
        admin().insertTenant(newTenant().slug(stored.slug()).externalId("org_old").build());

        Tenant resumed = admin().updateTenant(updated.toBuilder().status(TenantStatus.ACTIVE).suspendedAt(null)
                .externalId("").metadata(Map.of()).build());
        assertThat(admin().getTenant(stored.id()))
                .as("[A-11] admin().getTenant(stored.id()) must equal resumed").isEqualTo(resumed);
        assertThat(resumed.suspendedAt())
                .as("[A-11] resumed.suspendedAt() from "
                        + "admin().updateTenant(updated.toBuilder().status(…).suspendedAt(…).externalId(…).metadata(…).build()) "
                        + "must be empty").isEmpty();
        assertThat(resumed.externalId())
                .as("[A-11] resumed.externalId() from "
                        + "admin().updateTenant(updated.toBuilder().status(…).suspendedAt(…).externalId(…).metadata(…).build()) "
                        + "must be empty").isEmpty();
        assertThat(resumed.version())
                .as("[A-11] resumed.version() from "
                        + "admin().updateTenant(updated.toBuilder().status(…).suspendedAt(…).externalId(…).metadata(…).build()) "
                        + "must equal 3").isEqualTo(3);
    }

    @Test
    @DisplayName("A-12 updateTenant with a stale version throws Conflict (expected = given, actual = stored) and"
            + " leaves the stored tenant unchanged")
    void staleUpdateConflicts() {
        Tenant v1 = insertTenant();
        Tenant v2 = admin().updateTenant(v1.toBuilder().plan("pro").build());

        assertConflict("[A-12] admin().updateTenant(v1.toBuilder().plan(\"enterprise\").build()) must throw "
                        + "ConflictException (version 1 given, 2 stored)",
                () -> admin().updateTenant(v1.toBuilder().plan("enterprise").build()),
                v1.id(), ResourceKind.TENANT, v1.id().value(), 1, 2);

        assertThat(admin().getTenant(v1.id())).as("[A-12] admin().getTenant(v1.id()) must equal v2").isEqualTo(v2);
    }

    @Test
    @DisplayName("A-13 updateTenant of an unregistered tenant throws NotFound (tenant = its id); of a never-stored"
            + " one InvalidArgument (tenant.version); nothing is written")
    void updateUnknownOrNewTenant() {
        Tenant stored = insertTenant();
        admin().deleteTenant(stored.id());

        assertNotFound("[A-13] admin().updateTenant(stored) must throw NotFoundException",
                () -> admin().updateTenant(stored), stored.id(), ResourceKind.TENANT, stored.id().value());
        Tenant fresh = newTenant().build();
        assertInvalidArgument("[A-13] admin().updateTenant(fresh) must throw InvalidArgumentException naming "
                        + "tenant.version",
                () -> admin().updateTenant(fresh), "tenant.version");

        assertThat(admin().countTenants()).as("[A-13] admin().countTenants() must be 0").isZero();
    }

    @Test
    @DisplayName("A-14a deleteTenant removes the registry row: reads and a second delete throw NotFound, and its"
            + " slug and external id become free")
    void deleteTenantRemovesRow() {
        Tenant doomed = admin().insertTenant(newTenant().slug("doomed").externalId("org_doomed").build());
        Tenant kept = insertTenant();

        admin().deleteTenant(doomed.id());

        assertNotFound("[A-14a] admin().getTenant(doomed.id()) must throw NotFoundException",
                () -> admin().getTenant(doomed.id()), doomed.id(), ResourceKind.TENANT, doomed.id().value());
        assertNotFound("[A-14a] admin().deleteTenant(doomed.id()) must throw NotFoundException",
                () -> admin().deleteTenant(doomed.id()), doomed.id(), ResourceKind.TENANT,
                doomed.id().value());
        assertNotFound("[A-14a] admin().getTenantBySlug(\"doomed\") must throw NotFoundException",
                () -> admin().getTenantBySlug("doomed"), null, ResourceKind.TENANT, "doomed");
        assertNotFound("[A-14a] admin().getTenantByExternalId(\"org_doomed\") must throw NotFoundException",
                () -> admin().getTenantByExternalId("org_doomed"), null, ResourceKind.TENANT, "org_doomed");
        assertThat(allTenants()).as("[A-14a] allTenants() must contain exactly kept").containsExactly(kept);
        assertThat(admin().countTenants()).as("[A-14a] admin().countTenants() must equal 1").isEqualTo(1);

        Tenant reused = admin().insertTenant(newTenant().slug("doomed").externalId("org_doomed").build());
        assertThat(admin().getTenantBySlug("doomed"))
                .as("[A-14a] admin().getTenantBySlug(\"doomed\") must equal reused").isEqualTo(reused);
    }

    @Test
    @DisplayName("A-14b deleteTenant deletes nothing the tenant owns: its instances and audit log stay readable")
    void deleteTenantDoesNotCascade() {
        admin().insertTenant(newTenant().id(tenant).build());
        Instance instance = insertInstance(tenant);
        AuditEntry entry = record(tenant);

        admin().deleteTenant(tenant);

        assertThat(store.instances().get(tenant, instance.id()))
                .as("[A-14b] store.instances().get(tenant, instance.id()) must equal instance").isEqualTo(instance);
        assertThat(audit(tenant, AuditQuery.all()).items())
                .as("[A-14b] audit(tenant, AuditQuery.all()).items() must contain exactly "
                        + "entry").containsExactly(entry);
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
                    assertThat(attempt).as("[A-15] attempt must be less than 10_000: retries of one "
                                    + "increment").isLessThan(10_000);
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
        assertThat(end.quota().maxInstances())
                .as("[A-15] end.quota().maxInstances() from admin().getTenant(start.id()) must equal THREADS * "
                        + "perThread").isEqualTo(THREADS * perThread);
        assertThat(end.version())
                .as("[A-15] end.version() from admin().getTenant(start.id()) must equal 1 + THREADS * "
                        + "perThread").isEqualTo(1 + THREADS * perThread);
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

        assertThat(admin().countTenants())
                .as("[A-16a] admin().countTenants() must equal THREADS * 10").isEqualTo(THREADS * 10);
        assertThat(allTenants()).as("[A-16a] allTenants() must have size THREADS * 10").hasSize(THREADS * 10);
        assertThat(audit(tenant, AuditQuery.all()).total())
                .as("[A-16a] audit(tenant, AuditQuery.all()).total() must equal THREADS * 10").hasValue(THREADS * 10);
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

        assertThat(outcomes).as("[A-16b] outcomes").filteredOn(o -> o instanceof Tenant).hasSize(1);
        assertThat(outcomes)
                .as("[A-16b] outcomes")
                .filteredOn(o -> !(o instanceof Tenant)).hasSize(THREADS - 1).containsOnly("slug");
        assertThat(admin().countTenants()).as("[A-16b] admin().countTenants() must equal 1").isEqualTo(1);
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
        assertThat(read.metadata())
                .as("[A-17] read.metadata() from admin().getTenant(stored.id()) must contain exactly "
                        + "Map.entry(\"tier\", \"gold\")")
                .containsExactly(Map.entry("tier", "gold"));
        assertThatThrownBy(() -> read.metadata().put("x", "y"),
                "[A-17] read.metadata().put(\"x\", \"y\") must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        Page<Tenant> tenants = admin().listTenants(TenantFilter.all(), PageRequest.first());
        assertThatThrownBy(() -> tenants.items().clear(),
                "[A-17] tenants.items().clear() must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);

        AuditEntry entry = audit(tenant, AuditQuery.all().withAction("with.details")).items().get(0);
        assertThat(entry.details())
                .as("[A-17] entry.details() must equal Map.of(\"list\", List.of(\"a\"))")
                .isEqualTo(Map.of("list", List.of("a")));
        @SuppressWarnings("unchecked")
        List<Object> readList = (List<Object>) entry.details().get("list");
        assertThatThrownBy(() -> readList.add("c"),
                "[A-17] readList.add(\"c\") must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> entry.details().put("x", 1),
                "[A-17] entry.details().put(\"x\", 1) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        Page<AuditEntry> page = audit(tenant, AuditQuery.all());
        assertThatThrownBy(() -> page.items().remove(0),
                "[A-17] page.items().remove(0) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThat(audit(tenant, AuditQuery.all()).total())
                .as("[A-17] audit(tenant, AuditQuery.all()).total() must equal 2").hasValue(2);
    }

    // ---- bad input ----

    @Test
    @DisplayName("A-18a a null argument to any method throws InvalidArgument naming the parameter; nothing is"
            + " written")
    void nullArgumentsAreRejected() {
        Tenant stored = insertTenant();
        AuditEntry entry = record(tenant);

        assertInvalidArgument("[A-18a] admin().insertTenant(null) must throw InvalidArgumentException naming tenant",
                () -> admin().insertTenant(null), "tenant");
        assertInvalidArgument("[A-18a] admin().getTenant(null) must throw InvalidArgumentException naming tenantId",
                () -> admin().getTenant(null), "tenantId");
        assertInvalidArgument("[A-18a] admin().getTenantBySlug(null) must throw InvalidArgumentException naming slug",
                () -> admin().getTenantBySlug(null), "slug");
        assertInvalidArgument("[A-18a] admin().getTenantByExternalId(null) must throw InvalidArgumentException naming "
                        + "externalId",
                () -> admin().getTenantByExternalId(null), "externalId");
        assertInvalidArgument("[A-18a] admin().listTenants(null, PageRequest.first()) must throw "
                        + "InvalidArgumentException naming filter",
                () -> admin().listTenants(null, PageRequest.first()), "filter");
        assertInvalidArgument("[A-18a] admin().listTenants(TenantFilter.all(), null) must throw "
                        + "InvalidArgumentException naming page",
                () -> admin().listTenants(TenantFilter.all(), null), "page");
        assertInvalidArgument("[A-18a] admin().updateTenant(null) must throw InvalidArgumentException naming tenant",
                () -> admin().updateTenant(null), "tenant");
        assertInvalidArgument("[A-18a] admin().deleteTenant(null) must throw InvalidArgumentException naming tenantId",
                () -> admin().deleteTenant(null), "tenantId");
        assertInvalidArgument("[A-18a] admin().countTenantsByStatus(null) must throw InvalidArgumentException naming "
                        + "status",
                () -> admin().countTenantsByStatus(null), "status");
        assertInvalidArgument("[A-18a] admin().insertAuditEntry(null) must throw InvalidArgumentException naming "
                        + "auditEntry",
                () -> admin().insertAuditEntry(null), "auditEntry");
        assertInvalidArgument("[A-18a] admin().queryAuditLog(null, AuditQuery.all(), PageRequest.first()) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> admin().queryAuditLog(null, AuditQuery.all(), PageRequest.first()),
                "tenantId");
        assertInvalidArgument("[A-18a] admin().queryAuditLog(tenant, null, PageRequest.first()) must throw "
                        + "InvalidArgumentException naming query",
                () -> admin().queryAuditLog(tenant, null, PageRequest.first()), "query");
        assertInvalidArgument("[A-18a] admin().queryAuditLog(tenant, AuditQuery.all(), null) must throw "
                        + "InvalidArgumentException naming page",
                () -> admin().queryAuditLog(tenant, AuditQuery.all(), null), "page");

        assertThat(allTenants()).as("[A-18a] allTenants() must contain exactly stored").containsExactly(stored);
        assertThat(audit(tenant, AuditQuery.all()).items())
                .as("[A-18a] audit(tenant, AuditQuery.all()).items() must contain exactly "
                        + "entry").containsExactly(entry);
    }

    @Test
    @DisplayName("A-18b malformed tenants, quotas, audit entries and ids are rejected naming the field; nothing is"
            + " written")
    void malformedValuesAreRejected() {
        Tenant stored = insertTenant();

        assertInvalidArgument("[A-18b] newTenant().name(text(256)).build() must throw InvalidArgumentException naming "
                        + "tenant.name",
                () -> newTenant().name(text(256)).build(), "tenant.name");
        assertInvalidArgument("[A-18b] newTenant().name(\" \").build() must throw InvalidArgumentException naming "
                        + "tenant.name",
                () -> newTenant().name(" ").build(), "tenant.name");
        assertInvalidArgument("[A-18b] newTenant().slug(\"Not A Slug\").build() must throw InvalidArgumentException "
                        + "naming tenant.slug",
                () -> newTenant().slug("Not A Slug").build(), "tenant.slug");
        assertInvalidArgument("[A-18b] newTenant().plan(text(256)).build() must throw InvalidArgumentException naming "
                        + "tenant.plan",
                () -> newTenant().plan(text(256)).build(), "tenant.plan");
        assertInvalidArgument("[A-18b] newTenant().externalId(\"  \").build() must throw InvalidArgumentException "
                        + "naming tenant.externalId",
                () -> newTenant().externalId("  ").build(), "tenant.externalId");
        assertInvalidArgument("[A-18b] newTenant().externalId(text(256)).build() must throw InvalidArgumentException "
                        + "naming tenant.externalId",
                () -> newTenant().externalId(text(256)).build(), "tenant.externalId");
        assertInvalidArgument("[A-18b] newTenant().status(null).build() must throw InvalidArgumentException naming "
                        + "tenant.status",
                () -> newTenant().status(null).build(), "tenant.status");
        assertInvalidArgument("[A-18b] newTenant().metadata(Map.of(\"k\", text((1 << 20) + 1))).build() must throw "
                        + "InvalidArgumentException naming tenant.metadata[k]",
                () -> newTenant().metadata(Map.of("k", text((1 << 20) + 1))).build(),
                "tenant.metadata[k]");
        assertInvalidArgument("[A-18b] Quota.DEFAULT.withMaxSecrets(-1) must throw InvalidArgumentException naming "
                        + "quota.maxSecrets",
                () -> Quota.DEFAULT.withMaxSecrets(-1), "quota.maxSecrets");
        assertInvalidArgument("[A-18b] new Quota(-1, 0, 0, 0, 0, 0) must throw InvalidArgumentException naming "
                        + "quota.maxInstances",
                () -> new Quota(-1, 0, 0, 0, 0, 0), "quota.maxInstances");
        assertInvalidArgument("[A-18b] TenantId.parse(InstanceId.generate().value()) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> TenantId.parse(InstanceId.generate().value()), "tenantId");
        assertInvalidArgument("[A-18b] AuditEntryId.parse(TenantId.generate().value()) must throw "
                        + "InvalidArgumentException naming auditEntryId",
                () -> AuditEntryId.parse(TenantId.generate().value()), "auditEntryId");
        assertInvalidArgument("[A-18b] TenantStatus.fromWire(\"frozen\") must throw InvalidArgumentException naming "
                        + "tenantStatus",
                () -> TenantStatus.fromWire("frozen"), "tenantStatus");
        assertInvalidArgument("[A-18b] newEntry(tenant).actorId(\" \").build() must throw InvalidArgumentException "
                        + "naming auditEntry.actorId",
                () -> newEntry(tenant).actorId(" ").build(), "auditEntry.actorId");
        assertInvalidArgument("[A-18b] newEntry(tenant).action(text(256)).build() must throw InvalidArgumentException "
                        + "naming auditEntry.action",
                () -> newEntry(tenant).action(text(256)).build(), "auditEntry.action");
        assertInvalidArgument("[A-18b] newEntry(tenant).actorType(\"\").build() must throw InvalidArgumentException "
                        + "naming auditEntry.actorType",
                () -> newEntry(tenant).actorType("").build(), "auditEntry.actorType");
        assertInvalidArgument("[A-18b] newEntry(tenant).details(Map.of(\"when\", Instant.EPOCH)).build() must throw "
                        + "InvalidArgumentException naming auditEntry.details.when",
                () -> newEntry(tenant).details(Map.of("when", Instant.EPOCH)).build(),
                "auditEntry.details.when");
        assertInvalidArgument("[A-18b] newEntry(tenant).details(Map.of(\"n\", Double.NaN)).build() must throw "
                        + "InvalidArgumentException naming auditEntry.details.n",
                () -> newEntry(tenant).details(Map.of("n", Double.NaN)).build(), "auditEntry.details.n");

        assertThat(allTenants()).as("[A-18b] allTenants() must contain exactly stored").containsExactly(stored);
        assertThat(audit(tenant, AuditQuery.all()).total())
                .as("[A-18b] audit(tenant, AuditQuery.all()).total() must be 0").hasValue(0);
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
        assertThat(stored).as("[A-19] stored (admin().insertAuditEntry(full)) must equal expected").isEqualTo(expected);
        tick(1);
        AuditEntry minimal = admin().insertAuditEntry(
                AuditEntry.builder().tenantId(tenant).actorId("svc").action("login").build());
        assertThat(minimal.actorType())
                .as("[A-19] minimal.actorType() from "
                        + "admin().insertAuditEntry(AuditEntry.builder().tenantId(…).actorId(…).action(…).build()) "
                        + "must equal \"user\"").isEqualTo("user");
        assertThat(minimal.resource())
                .as("[A-19] minimal.resource() from "
                        + "admin().insertAuditEntry(AuditEntry.builder().tenantId(…).actorId(…).action(…).build()) "
                        + "must be empty").isEmpty();
        assertThat(minimal.resourceId())
                .as("[A-19] minimal.resourceId() from "
                        + "admin().insertAuditEntry(AuditEntry.builder().tenantId(…).actorId(…).action(…).build()) "
                        + "must be empty").isEmpty();
        assertThat(minimal.ipAddress())
                .as("[A-19] minimal.ipAddress() from "
                        + "admin().insertAuditEntry(AuditEntry.builder().tenantId(…).actorId(…).action(…).build()) "
                        + "must be empty").isEmpty();
        assertThat(minimal.details())
                .as("[A-19] minimal.details() from "
                        + "admin().insertAuditEntry(AuditEntry.builder().tenantId(…).actorId(…).action(…).build()) "
                        + "must be empty").isEmpty();
        assertThat(minimal.createdAt())
                .as("[A-19] minimal.createdAt() from "
                        + "admin().insertAuditEntry(AuditEntry.builder().tenantId(…).actorId(…).action(…).build()) "
                        + "must equal Instant.parse(…)")
                .isEqualTo(Instant.parse("2026-03-14T16:00:00.124456Z"));

        assertThat(audit(tenant, AuditQuery.all()).items())
                .as("[A-19] audit(tenant, AuditQuery.all()).items() must contain exactly minimal, "
                        + "expected").containsExactly(minimal, expected);
        assertThat(admin().countTenants()).as("[A-19] admin().countTenants() must be 0").isZero();
    }

    @Test
    @DisplayName("A-20 insertAuditEntry rejects a duplicate id, even one in another tenant's log (AlreadyExists,"
            + " field id), and a preset createdAt (InvalidArgument); nothing is written")
    void auditInsertRejectsDuplicatesAndPresetTime() {
        AuditEntry first = record(tenant);

        AlreadyExistsException e = assertAlreadyExists("[A-20] "
                        + "admin().insertAuditEntry(newEntry(tenant).id(first.id()).build()) must throw "
                        + "AlreadyExistsException on id",
                () -> admin().insertAuditEntry(newEntry(tenant).id(first.id()).build()),
                tenant, ResourceKind.AUDIT_ENTRY, "id");
        assertThat(e.value())
                .as("[A-20] e.value() from admin().insertAuditEntry(newEntry(…).id(…).build()) must equal "
                        + "first.id().value()").isEqualTo(first.id().value());
        assertAlreadyExists("[A-20] admin().insertAuditEntry(newEntry(otherTenant).id(first.id()).build()) must throw "
                        + "AlreadyExistsException on id",
                () -> admin().insertAuditEntry(newEntry(otherTenant).id(first.id()).build()),
                otherTenant, ResourceKind.AUDIT_ENTRY, "id");
        assertInvalidArgument("[A-20] admin().insertAuditEntry(newEntry(tenant).createdAt(TestClock.START).build()) "
                        + "must throw InvalidArgumentException naming auditEntry.createdAt",
                () -> admin().insertAuditEntry(newEntry(tenant).createdAt(TestClock.START).build()),
                "auditEntry.createdAt");

        assertThat(audit(tenant, AuditQuery.all()).items())
                .as("[A-20] audit(tenant, AuditQuery.all()).items() must contain exactly first").containsExactly(first);
        assertThat(audit(otherTenant, AuditQuery.all()).items())
                .as("[A-20] audit(otherTenant, AuditQuery.all()).items() must be empty").isEmpty();
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
        assertThat(read.details()).as("[A-21] read.details() must equal expected").isEqualTo(expected);
        assertThat(read).as("[A-21] read must equal stored").isEqualTo(stored);
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
        assertThat(page.items())
                .as("[A-22] page.items() must contain exactly, in any order, the elements of mine")
                .containsExactlyInAnyOrderElementsOf(mine);
        assertThat(page.total()).as("[A-22] page.total() must equal 3").hasValue(3);
        assertThat(audit(tenant, AuditQuery.all().withResourceId("inst-2")).items())
                .as("[A-22] audit(tenant, AuditQuery.all().withResourceId(\"inst-2\")).items() must be "
                        + "empty").isEmpty();
        assertThat(audit(otherTenant, AuditQuery.all()).items())
                .as("[A-22] audit(otherTenant, AuditQuery.all()).items() must contain exactly "
                        + "theirs").containsExactly(theirs);
        Page<AuditEntry> unknown = audit(TenantId.generate(), AuditQuery.all());
        assertThat(unknown.items()).as("[A-22] unknown.items() must be empty").isEmpty();
        assertThat(unknown.total()).as("[A-22] unknown.total() must be 0").hasValue(0);
        assertThat(unknown.hasNext()).as("[A-22] unknown.hasNext() must be false").isFalse();
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
        assertThat(q.apply(AuditQuery.all().withActorId("alice")))
                .as("[A-23] q.apply(AuditQuery.all().withActorId(\"alice\")) must contain exactly, in any order, a, "
                        + "b").containsExactlyInAnyOrder(a, b);
        assertThat(q.apply(AuditQuery.all().withActorId("Alice")))
                .as("[A-23] q.apply(AuditQuery.all().withActorId(\"Alice\")) must be empty").isEmpty();
        assertThat(q.apply(AuditQuery.all().withResource("instance")))
                .as("[A-23] q.apply(AuditQuery.all().withResource(\"instance\")) must contain exactly, in any order, "
                        + "a, c, d").containsExactlyInAnyOrder(a, c, d);
        assertThat(q.apply(AuditQuery.all().withResourceId("i-1")))
                .as("[A-23] q.apply(AuditQuery.all().withResourceId(\"i-1\")) must contain exactly, in any order, a, "
                        + "c").containsExactlyInAnyOrder(a, c);
        assertThat(q.apply(AuditQuery.all().withAction("instance.create")))
                .as("[A-23] q.apply(AuditQuery.all().withAction(\"instance.create\")) must contain exactly, in any "
                        + "order, a, d").containsExactlyInAnyOrder(a, d);
        assertThat(q.apply(AuditQuery.all().withAction("instance")))
                .as("[A-23] q.apply(AuditQuery.all().withAction(\"instance\")) must be empty").isEmpty();
        assertThat(q.apply(AuditQuery.all().withActorId("bob").withAction("instance.create")))
                .as("[A-23] q.apply(AuditQuery.all().withActorId(\"bob\").withAction(\"instance.create\")) must "
                        + "contain exactly d").containsExactly(d);
        assertThat(q.apply(AuditQuery.all().withResource("instance").withResourceId("i-1").withActorId("bob")))
                .as("[A-23] q.apply(AuditQuery.all().withResource(…).withResourceId(…).withActorId(…)) must contain "
                        + "exactly c")
                .containsExactly(c);
        assertThat(audit(tenant, AuditQuery.all().withResource("instance")).total())
                .as("[A-23] audit(tenant, AuditQuery.all().withResource(\"instance\")).total() must equal "
                        + "3").hasValue(3);
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
        assertThat(q.apply(AuditQuery.all().withSince(t1).withUntil(t2)))
                .as("[A-24] q.apply(AuditQuery.all().withSince(t1).withUntil(t2)) must contain exactly e.get(2), "
                        + "e.get(1)").containsExactly(e.get(2), e.get(1));
        assertThat(q.apply(AuditQuery.all().withSince(t1)))
                .as("[A-24] q.apply(AuditQuery.all().withSince(t1)) must contain exactly e.get(3), e.get(2), e.get(1)")
                .containsExactly(e.get(3), e.get(2), e.get(1));
        assertThat(q.apply(AuditQuery.all().withUntil(t1)))
                .as("[A-24] q.apply(AuditQuery.all().withUntil(t1)) must contain exactly e.get(1), "
                        + "e.get(0)").containsExactly(e.get(1), e.get(0));
        assertThat(q.apply(AuditQuery.all().withSince(t2).withUntil(t2)))
                .as("[A-24] q.apply(AuditQuery.all().withSince(t2).withUntil(t2)) must contain exactly "
                        + "e.get(2)").containsExactly(e.get(2));
        assertThat(q.apply(AuditQuery.all().withSince(t1.plusNanos(1_000)).withUntil(t2.minusNanos(1_000))))
                .as("[A-24] q.apply(AuditQuery.all().withSince(t1.plusNanos(1_000)).withUntil(t2.minusNanos(1_000))) "
                        + "must be empty")
                .isEmpty();
        assertThat(audit(tenant, AuditQuery.all().withSince(t1)).total())
                .as("[A-24] audit(tenant, AuditQuery.all().withSince(t1)).total() must equal 3").hasValue(3);
        assertInvalidArgument("[A-24] AuditQuery.all().withSince(t2).withUntil(t1) must throw InvalidArgumentException "
                        + "naming since",
                () -> AuditQuery.all().withSince(t2).withUntil(t1), "since");
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

        Page<AuditEntry> first = admin().queryAuditLog(tenant, AuditQuery.all(), PageRequest.first(3).withTotal());
        assertThat(first.items())
                .as("[A-25a] first.items() from admin().queryAuditLog(tenant, AuditQuery.all(), PageRequest.first(…)) "
                        + "must have size 3").hasSize(3);
        assertThat(first.total())
                .as("[A-25a] first.total() from admin().queryAuditLog(tenant, AuditQuery.all(), PageRequest.first(…)) "
                        + "must equal 7").hasValue(7);
        assertThat(first.hasNext())
                .as("[A-25a] first.hasNext() from admin().queryAuditLog(tenant, AuditQuery.all(), "
                        + "PageRequest.first(…)) must be true").isTrue();
        List<AuditEntry> walked = walk(p -> {
            Page<AuditEntry> page = admin().queryAuditLog(tenant, AuditQuery.all(), p.withTotal());
            assertThat(page.total())
                    .as("[A-25a] page.total() from admin().queryAuditLog(tenant, AuditQuery.all(), p) must equal "
                            + "7").hasValue(7);
            return page;
        }, 3);
        assertThat(walked)
                .as("[A-25a] walked (admin().queryAuditLog(tenant, AuditQuery.all(), p)) must contain exactly the "
                        + "elements of sorted(all, AUDIT_ORDER)")
                .containsExactlyElementsOf(sorted(all, AUDIT_ORDER));

        AuditQuery createsOnly = AuditQuery.all().withAction("instance.create");
        Page<AuditEntry> one = admin().queryAuditLog(tenant, createsOnly, PageRequest.first(1).withTotal());
        assertThat(one.total())
                .as("[A-25a] one.total() from admin().queryAuditLog(tenant, createsOnly, PageRequest.first(…)) must "
                        + "equal 4").hasValue(4);
        assertThat(walk(p -> admin().queryAuditLog(tenant, createsOnly, p), 1))
                .as("[A-25a] walk(p -> admin().queryAuditLog(tenant, createsOnly, p), 1) must contain exactly the "
                        + "elements of sorted(creates, AUDIT_ORDER)")
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
        assertThat(walkAudit(tenant, 4))
                .as("[A-25b] walkAudit(tenant, 4) mapped by AuditEntry::id must contain exactly, in any order, the "
                        + "elements of before")
                .extracting(AuditEntry::id).containsExactlyInAnyOrderElementsOf(before);

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

        assertThat(seen)
                .as("[A-25b] seen must have no duplicates and contain all of before")
                .doesNotHaveDuplicates().containsAll(before);
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

        assertInvalidArgument("[A-25c] admin().queryAuditLog(tenant, AuditQuery.all(), new PageRequest(1, "
                        + "\"bm90IGEgY3Vyc29y\")) must throw InvalidArgumentException naming cursor",
                () -> admin().queryAuditLog(tenant, AuditQuery.all(), new PageRequest(1, "bm90IGEgY3Vyc29y")),
                "cursor");
        assertInvalidArgument("[A-25c] admin().queryAuditLog(tenant, AuditQuery.all(), new PageRequest(1, "
                        + "tenantsCursor)) must throw InvalidArgumentException naming cursor",
                () -> admin().queryAuditLog(tenant, AuditQuery.all(), new PageRequest(1, tenantsCursor)), "cursor");
    }
}
