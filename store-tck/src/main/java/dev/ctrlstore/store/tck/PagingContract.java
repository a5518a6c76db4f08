package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.AuditQuery;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.admin.TenantStatus;
import dev.ctrlstore.store.deploy.Deployment;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Rules for every paged list of every subsystem ({@code P-n}): {@code instances().list},
 * {@code deployments().listDeployments} and {@code listReleases}, {@code admin().listTenants} and
 * {@code queryAuditLog}. A cursor continues only the walk that issued it — the same list, tenant and filter — and
 * only unchanged; {@code total} is counted only when the request asks for it, and is then exact. Every rule runs
 * over the table of lists below, and every bad cursor is made from a real one (cut, edited, or taken to another
 * tenant, filter or list), never from a backend's cursor format.
 *
 * <p>If these fail, check that the backend binds its cursors to the list, tenant and filter (a digest of them in
 * the cursor), rejects any text it did not issue byte for byte, and runs its count only for
 * {@link PageRequest#withTotal()}.
 */
public abstract class PagingContract extends ContractSupport {
    /** Items a list holds in its main scope (in each tenant), some of which its other filter does not match. */
    private static final int ITEMS = 7;
    /** Of those, the ones its other filter matches too. */
    private static final int ALSO_IN_OTHER = 5;
    private static final int LIMIT = 2;
    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /**
     * One paged list of the API as these rules see it: {@code fill} gives {@link #tenant} and {@link #otherTenant}
     * {@value #ITEMS} items each in the main scope, {@value #ALSO_IN_OTHER} of them also in the other filter's.
     */
    private abstract class Paged {
        final String name;
        final boolean tenantScoped;

        Paged(String name, boolean tenantScoped) {
            this.name = name;
            this.tenantScoped = tenantScoped;
        }

        abstract void fill();

        /** The list in {@code caller}'s tenant, with the main filter of {@code owner}'s items (built anew). */
        abstract Page<?> list(TenantId caller, TenantId owner, PageRequest request);

        /** The list in {@code tenantId} with the other filter (built anew). */
        abstract Page<?> listOtherFilter(TenantId tenantId, PageRequest request);

        /** The list in a scope with no items. */
        abstract Page<?> listEmpty(PageRequest request);

        Page<?> list(PageRequest request) {
            return list(tenant, tenant, request);
        }

        /** The cursor page 1 of the main walk of {@code tenantId} hands out. */
        String cursor(TenantId tenantId) {
            return list(tenantId, tenantId, PageRequest.first(LIMIT)).nextCursor().orElseThrow(
                    () -> new AssertionError(name + " page 1 of " + ITEMS + " items by " + LIMIT + " has no cursor"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private List<Paged> lists() {
        return List.of(new Instances(), new Deployments(), new Releases(), new Tenants(), new Audit());
    }

    private List<Paged> filled() {
        List<Paged> lists = lists();
        lists.forEach(Paged::fill);
        return lists;
    }

    private final class Instances extends Paged {
        private boolean reversed;

        Instances() {
            super("instances().list", true);
        }

        @Override
        void fill() {
            for (TenantId t : List.of(tenant, otherTenant)) {
                for (int i = 0; i < ITEMS; i++) {
                    store.instances().insert(newInstance(t).labels(Map.of("paging", "yes", "suite", "p"))
                            .state(i < ALSO_IN_OTHER ? InstanceState.RUNNING : InstanceState.STOPPED).build());
                }
            }
        }

        /** The same label filter each time, its map built in alternating order: an equal filter is the same walk. */
        private InstanceFilter main() {
            Map<String, String> labels = new LinkedHashMap<>();
            reversed = !reversed;
            if (reversed) {
                labels.put("suite", "p");
                labels.put("paging", "yes");
            } else {
                labels.put("paging", "yes");
                labels.put("suite", "p");
            }
            return InstanceFilter.all().withLabels(labels);
        }

        @Override
        Page<?> list(TenantId caller, TenantId owner, PageRequest request) {
            return store.instances().list(caller, main(), request);
        }

        @Override
        Page<?> listOtherFilter(TenantId tenantId, PageRequest request) {
            return store.instances().list(tenantId, main().withState(InstanceState.RUNNING), request);
        }

        @Override
        Page<?> listEmpty(PageRequest request) {
            return store.instances().list(TenantId.generate(), main(), request);
        }
    }

    /** Deployments or releases: the filter is the instance; each tenant has two instances, main and other. */
    private abstract class PerInstance extends Paged {
        final Map<TenantId, InstanceId> main = new HashMap<>();
        final Map<TenantId, InstanceId> other = new HashMap<>();

        PerInstance(String name) {
            super(name, true);
        }

        @Override
        void fill() {
            for (TenantId t : List.of(tenant, otherTenant)) {
                Instance a = insertInstance(t);
                Instance b = insertInstance(t);
                main.put(t, a.id());
                other.put(t, b.id());
                fill(a, ITEMS);
                fill(b, ALSO_IN_OTHER);
            }
        }

        abstract void fill(Instance instance, int count);

        abstract Page<?> list(TenantId tenantId, InstanceId instanceId, PageRequest request);

        @Override
        Page<?> list(TenantId caller, TenantId owner, PageRequest request) {
            return list(caller, main.get(owner), request);
        }

        @Override
        Page<?> listOtherFilter(TenantId tenantId, PageRequest request) {
            return list(tenantId, other.get(tenantId), request);
        }

        @Override
        Page<?> listEmpty(PageRequest request) {
            return list(tenant, InstanceId.generate(), request);
        }
    }

    private final class Deployments extends PerInstance {
        Deployments() {
            super("deployments().listDeployments");
        }

        @Override
        void fill(Instance instance, int count) {
            Release release = store.deployments().insertRelease(Release.builder().tenantId(instance.tenantId())
                    .instanceId(instance.id()).version(1).build());
            for (int i = 0; i < count; i++) {
                store.deployments().insertDeployment(Deployment.builder().tenantId(instance.tenantId())
                        .instanceId(instance.id()).releaseId(release.id()).initiator("usr_1").build());
            }
        }

        @Override
        Page<?> list(TenantId tenantId, InstanceId instanceId, PageRequest request) {
            return store.deployments().listDeployments(tenantId, instanceId, request);
        }
    }

    private final class Releases extends PerInstance {
        Releases() {
            super("deployments().listReleases");
        }

        @Override
        void fill(Instance instance, int count) {
            for (int v = 1; v <= count; v++) {
                store.deployments().insertRelease(Release.builder().tenantId(instance.tenantId())
                        .instanceId(instance.id()).version(v).build());
            }
        }

        @Override
        Page<?> list(TenantId tenantId, InstanceId instanceId, PageRequest request) {
            return store.deployments().listReleases(tenantId, instanceId, request);
        }
    }

    /** The registry of tenants is global: no tenant to scope by, the filter is the status. */
    private final class Tenants extends Paged {
        Tenants() {
            super("admin().listTenants", false);
        }

        @Override
        void fill() {
            for (int i = 0; i < ITEMS; i++) {
                String n = unique();
                store.admin().insertTenant(Tenant.builder().name("pager " + n).slug("pager-" + n)
                        .status(i < ALSO_IN_OTHER ? TenantStatus.ACTIVE : TenantStatus.SUSPENDED).build());
            }
        }

        @Override
        Page<?> list(TenantId caller, TenantId owner, PageRequest request) {
            return store.admin().listTenants(TenantFilter.all(), request);
        }

        @Override
        Page<?> listOtherFilter(TenantId tenantId, PageRequest request) {
            return store.admin().listTenants(TenantFilter.all().withStatus(TenantStatus.ACTIVE), request);
        }

        @Override
        Page<?> listEmpty(PageRequest request) {
            return store.admin().listTenants(TenantFilter.all().withStatus(TenantStatus.DELETED), request);
        }
    }

    private final class Audit extends Paged {
        Audit() {
            super("admin().queryAuditLog", true);
        }

        @Override
        void fill() {
            for (TenantId t : List.of(tenant, otherTenant)) {
                for (int i = 0; i < ITEMS; i++) {
                    store.admin().insertAuditEntry(AuditEntry.builder().tenantId(t)
                            .actorId(i < ALSO_IN_OTHER ? "pager" : "usr-" + unique()).action("instance.create")
                            .build());
                }
            }
        }

        @Override
        Page<?> list(TenantId caller, TenantId owner, PageRequest request) {
            return store.admin().queryAuditLog(caller, AuditQuery.all(), request);
        }

        @Override
        Page<?> listOtherFilter(TenantId tenantId, PageRequest request) {
            return store.admin().queryAuditLog(tenantId, AuditQuery.all().withActorId("pager"), request);
        }

        @Override
        Page<?> listEmpty(PageRequest request) {
            return store.admin().queryAuditLog(TenantId.generate(), AuditQuery.all(), request);
        }
    }

    /** Asserts that {@code call} throws InvalidArgumentException on field {@code cursor}. */
    private static void assertRejected(String rule, String what, Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("[%s] %s must throw InvalidArgumentException on field cursor", rule, what)
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(((InvalidArgumentException) thrown).field())
                .as("[%s] %s: field of the InvalidArgumentException", rule, what).isEqualTo("cursor");
    }

    // ---- P-1 a cursor continues its own walk --------------------------------------------------------------------

    @Test
    @DisplayName("P-1 every list accepts its own cursors unchanged, with an equal filter built anew, any limit, with"
            + " or without total, and its walk returns every item once")
    void ownCursorsContinueTheWalk() {
        for (Paged list : filled()) {
            List<Object> walked = new ArrayList<>();
            PageRequest request = PageRequest.first(LIMIT);
            for (int page = 1; page <= ITEMS; page++) {
                Page<?> p = list.list(request);
                walked.addAll(p.items());
                if (!p.hasNext()) {
                    break;
                }
                String cursor = p.nextCursor().orElseThrow();
                // alternate the limit and the total between pages: neither is part of the walk
                request = new PageRequest(page % 2 == 0 ? LIMIT : LIMIT + 1, cursor, page % 2 == 1);
            }
            assertThat(walked).as("[P-1] the walk of %s by pages of %d and %d, total asked on every other page",
                    list, LIMIT, LIMIT + 1).hasSize(ITEMS).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(list.list(PageRequest.first(PageRequest.MAX_LIMIT)).items());
        }
    }

    // ---- P-2 .. P-6 any other cursor is rejected ------------------------------------------------------------------

    @Test
    @DisplayName("P-2 a cursor cut short, lengthened, or with any one character changed throws InvalidArgument on"
            + " field cursor, in every list")
    void editedCursorsRejected() {
        for (Paged list : filled()) {
            String valid = list.cursor(tenant);
            for (int i = 0; i < valid.length(); i++) {
                char replacement = valid.charAt(i) == 'A' ? 'B' : 'A';
                String edited = valid.substring(0, i) + replacement + valid.substring(i + 1);
                int at = i;
                assertRejected("P-2", list + " with its cursor's character " + at + " changed",
                        () -> list.list(new PageRequest(LIMIT, edited)));
            }
            for (int keep : new int[] {1, valid.length() / 2, valid.length() - 1}) {
                assertRejected("P-2", list + " with its cursor cut to " + keep + " characters",
                        () -> list.list(new PageRequest(LIMIT, valid.substring(0, keep))));
            }
            for (char extra : URL_SAFE.substring(0, 4).toCharArray()) {
                assertRejected("P-2", list + " with '" + extra + "' appended to its cursor",
                        () -> list.list(new PageRequest(LIMIT, valid + extra)));
            }
            assertThat(list.list(new PageRequest(LIMIT, valid)).items())
                    .as("[P-2] %s with the unchanged cursor still returns the next page", list).hasSize(LIMIT);
        }
    }

    @Test
    @DisplayName("P-3 a cursor of another tenant's walk of the same list and filter throws InvalidArgument on field"
            + " cursor")
    void otherTenantsCursorRejected() {
        for (Paged list : filled()) {
            if (!list.tenantScoped) {
                continue;
            }
            String theirs = list.cursor(otherTenant);
            assertRejected("P-3", list + " of tenant " + tenant + " with a cursor of tenant " + otherTenant,
                    () -> list.list(tenant, otherTenant, new PageRequest(LIMIT, theirs)));
            String mine = list.cursor(tenant);
            assertRejected("P-3", list + " of tenant " + otherTenant + " with a cursor of tenant " + tenant,
                    () -> list.list(otherTenant, tenant, new PageRequest(LIMIT, mine)));
        }
    }

    @Test
    @DisplayName("P-4 a cursor of the same list and tenant with another filter (instance, status, query) throws"
            + " InvalidArgument on field cursor, both ways")
    void otherFiltersCursorRejected() {
        for (Paged list : filled()) {
            String main = list.cursor(tenant);
            String other = list.listOtherFilter(tenant, PageRequest.first(LIMIT)).nextCursor().orElseThrow();
            assertRejected("P-4", list + " with the other filter and a cursor of the main filter",
                    () -> list.listOtherFilter(tenant, new PageRequest(LIMIT, main)));
            assertRejected("P-4", list + " with the main filter and a cursor of the other filter",
                    () -> list.list(new PageRequest(LIMIT, other)));
        }
    }

    @Test
    @DisplayName("P-5 a cursor of another list throws InvalidArgument on field cursor, for every pair of lists")
    void otherListsCursorRejected() {
        List<Paged> lists = filled();
        for (Paged from : lists) {
            String cursor = from.cursor(tenant);
            for (Paged to : lists) {
                if (to != from) {
                    assertRejected("P-5", to + " with a cursor of " + from,
                            () -> to.list(new PageRequest(LIMIT, cursor)));
                }
            }
        }
    }

    @Test
    @DisplayName("P-6 text no store issued throws InvalidArgument on field cursor: garbage, and a real cursor with"
            + " spaces around it, in another case, or twice")
    void garbageRejected() {
        for (Paged list : filled()) {
            String valid = list.cursor(tenant);
            List<String> bad = List.of("garbage!", "%%%", "a", "====", "null", "0", " " + valid, valid + " ",
                    valid.toLowerCase(Locale.ROOT), valid.toUpperCase(Locale.ROOT), valid + valid);
            for (String text : bad) {
                if (!text.equals(valid)) {
                    assertRejected("P-6", list + " with cursor \"" + text + "\"",
                            () -> list.list(new PageRequest(LIMIT, text)));
                }
            }
        }
    }

    // ---- P-7, P-8 total only when asked ---------------------------------------------------------------------------

    @Test
    @DisplayName("P-7 without withTotal() no page carries a total, in every list, on the first page and by cursor")
    void totalAbsentUnlessAsked() {
        for (Paged list : filled()) {
            PageRequest request = PageRequest.first(LIMIT);
            for (int page = 1; page <= ITEMS; page++) {
                Page<?> p = list.list(request);
                assertThat(p.total()).as("[P-7] total of %s page %d without withTotal()", list, page).isEmpty();
                if (!p.hasNext()) {
                    break;
                }
                request = request.next(p.nextCursor().orElseThrow());
            }
            assertThat(list.listEmpty(PageRequest.first(LIMIT)).total())
                    .as("[P-7] total of %s with no matches, without withTotal()", list).isEmpty();
        }
    }

    @Test
    @DisplayName("P-8 with withTotal() every page carries the exact count of the tenant's matches (all pages), in"
            + " every list and filter, 0 when there are none")
    void totalExactWhenAsked() {
        for (Paged list : filled()) {
            PageRequest request = PageRequest.first(LIMIT).withTotal();
            int pages = 0;
            for (int page = 1; page <= ITEMS; page++) {
                Page<?> p = list.list(request);
                pages++;
                assertThat(p.total()).as("[P-8] total of %s page %d with withTotal()", list, page)
                        .isEqualTo(OptionalLong.of(ITEMS));
                if (!p.hasNext()) {
                    break;
                }
                request = request.next(p.nextCursor().orElseThrow());
            }
            assertThat(pages).as("[P-8] pages of %s by %d", list, LIMIT).isEqualTo((ITEMS + LIMIT - 1) / LIMIT);
            assertThat(list.listOtherFilter(tenant, PageRequest.first(LIMIT).withTotal()).total())
                    .as("[P-8] total of %s with the other filter", list).isEqualTo(OptionalLong.of(ALSO_IN_OTHER));
            Page<?> empty = list.listEmpty(PageRequest.first(LIMIT).withTotal());
            assertThat(empty.total()).as("[P-8] total of %s with no matches", list).isEqualTo(OptionalLong.of(0));
            assertThat(empty.items()).as("[P-8] items of %s with no matches", list).isEmpty();
        }
    }
}
