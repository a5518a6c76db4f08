package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.CertificateId;
import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.RouteId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.network.Route;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.ctrlstore.store.tck.StoreAssertions.assertAlreadyExists;
import static dev.ctrlstore.store.tck.StoreAssertions.assertConflict;
import static dev.ctrlstore.store.tck.StoreAssertions.assertInvalidArgument;
import static dev.ctrlstore.store.tck.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules N-n for {@link NetworkStore}: domains, routes and certificates (see {@code tck-rules/network.md}).
 *
 * <p>If these fail, check the tenant filter on every read and write, the per-tenant hostname check on insert and
 * update, the (createdAt, id) ascending list order, and the cascades from instance and domain deletes.
 */
public abstract class NetworkStoreContract extends ContractSupport {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 25;

    private NetworkStore network() {
        return store.network();
    }

    private Domain.Builder newDomain(Instance app) {
        return Domain.builder().tenantId(app.tenantId()).instanceId(app.id())
                .hostname("d" + unique() + ".example.com");
    }

    private Domain insertDomain(Instance app) {
        return network().insertDomain(newDomain(app).build());
    }

    private Route.Builder newRoute(Instance app) {
        return Route.builder().tenantId(app.tenantId()).instanceId(app.id()).path("/r" + unique()).port(8080);
    }

    private Route insertRoute(Instance app) {
        return network().insertRoute(newRoute(app).build());
    }

    private Certificate.Builder newCertificate(Domain domain) {
        return Certificate.builder().tenantId(domain.tenantId()).domainId(domain.id()).issuer("letsencrypt")
                .expiresAt(clock().instant().plus(Duration.ofDays(90)));
    }

    private Certificate insertCertificate(Domain domain) {
        return network().insertCertificate(newCertificate(domain).build());
    }

    /**
     * Indexes into 10 ascending ids, for the order rules: the upper half is inserted first (at one instant), the
     * lower half after a tick, each half in descending id order, so neither insertion order nor id order alone gives
     * {@link #listOrder(List)}.
     */
    private static List<Integer> insertionOrder(boolean upperHalf) {
        return upperHalf ? List.of(9, 8, 7, 6, 5) : List.of(4, 3, 2, 1, 0);
    }

    /** The (createdAt, id) ascending order of the ids inserted as {@link #insertionOrder(boolean)} says. */
    private static <T> List<T> listOrder(List<T> ascendingIds) {
        return Stream.concat(ascendingIds.subList(5, 10).stream(), ascendingIds.subList(0, 5).stream()).toList();
    }

    /** A valid hostname of exactly 253 characters. */
    private static String longestHostname() {
        return "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
    }

    // --- round trips and precision ---

    @Test
    @DisplayName("N-1a insertDomain stores every field; getDomain returns it equal, with createdAt = updatedAt = now"
            + " and version 1")
    void domainRoundTrip() {
        Instance app = insertInstance(tenant);
        Instant now = clock().instant();
        Domain domain = newDomain(app).hostname("shop.xn--zrich-kva.example").verified(true).tlsEnabled(true)
                .certExpiry(Instant.parse("2026-06-12T08:00:00.123456Z")).dnsTarget("edge " + UNICODE)
                .verifyToken(UNICODE).build();

        Domain stored = network().insertDomain(domain);

        Domain expected = domain.toBuilder().createdAt(now).updatedAt(now).version(1).build();
        assertThat(stored).as("[N-1a] stored (network().insertDomain(domain)) must equal expected").isEqualTo(expected);
        assertThat(network().getDomain(tenant, domain.id()))
                .as("[N-1a] network().getDomain(tenant, domain.id()) must equal expected").isEqualTo(expected);
    }

    @Test
    @DisplayName("N-1b a domain with only required fields reads back unverified, without TLS, certExpiry, dnsTarget or"
            + " verifyToken; text at its maximum length reads back whole")
    void domainDefaultsAndLimits() {
        Instance app = insertInstance(tenant);
        Domain minimal = network().insertDomain(newDomain(app).build());
        Domain longest = network().insertDomain(newDomain(app).hostname(longestHostname())
                .dnsTarget(text(255)).verifyToken(text(255)).build());

        Domain readMinimal = network().getDomain(tenant, minimal.id());
        assertThat(readMinimal)
                .as("[N-1b] readMinimal (network().getDomain(tenant, minimal.id())) must equal "
                        + "minimal").isEqualTo(minimal);
        assertThat(readMinimal.verified())
                .as("[N-1b] readMinimal.verified() from network().getDomain(tenant, minimal.id()) must be "
                        + "false").isFalse();
        assertThat(readMinimal.tlsEnabled())
                .as("[N-1b] readMinimal.tlsEnabled() from network().getDomain(tenant, minimal.id()) must be "
                        + "false").isFalse();
        assertThat(readMinimal.certExpiry())
                .as("[N-1b] readMinimal.certExpiry() from network().getDomain(tenant, minimal.id()) must be "
                        + "empty").isEmpty();
        assertThat(readMinimal.dnsTarget())
                .as("[N-1b] readMinimal.dnsTarget() from network().getDomain(tenant, minimal.id()) must be "
                        + "empty").isEmpty();
        assertThat(readMinimal.verifyToken())
                .as("[N-1b] readMinimal.verifyToken() from network().getDomain(tenant, minimal.id()) must be "
                        + "empty").isEmpty();
        assertThat(network().getDomain(tenant, longest.id()))
                .as("[N-1b] network().getDomain(tenant, longest.id()) must equal longest").isEqualTo(longest);
        assertThat(network().getDomain(tenant, longest.id()).hostname())
                .as("[N-1b] network().getDomain(tenant, longest.id()).hostname() must have size 253").hasSize(253);
    }

    @Test
    @DisplayName("N-2a insertRoute stores every field, serviceName included; getRoute returns it equal")
    void routeRoundTrip() {
        Instance app = insertInstance(tenant);
        Instant now = clock().instant();
        Route route = newRoute(app).serviceName("worker " + UNICODE).path("/api/" + UNICODE).port(65_535)
                .protocol("grpc").weight(0).stripPrefix(true).build();

        Route stored = network().insertRoute(route);

        Route expected = route.toBuilder().createdAt(now).updatedAt(now).version(1).build();
        assertThat(stored).as("[N-2a] stored (network().insertRoute(route)) must equal expected").isEqualTo(expected);
        assertThat(network().getRoute(tenant, route.id()))
                .as("[N-2a] network().getRoute(tenant, route.id()) must equal expected").isEqualTo(expected);
    }

    @Test
    @DisplayName("N-2b a route built with defaults targets the main service (\"\") over http with weight 100 and"
            + " reads back so")
    void routeDefaults() {
        Instance app = insertInstance(tenant);
        Route stored = network().insertRoute(
                Route.builder().tenantId(tenant).instanceId(app.id()).path("/").port(80).build());

        Route read = network().getRoute(tenant, stored.id());
        assertThat(read).as("[N-2b] read (network().getRoute(tenant, stored.id())) must equal stored").isEqualTo(stored);
        assertThat(read.serviceName())
                .as("[N-2b] read.serviceName() from network().getRoute(tenant, stored.id()) must be empty").isEmpty();
        assertThat(read.protocol())
                .as("[N-2b] read.protocol() from network().getRoute(tenant, stored.id()) must equal "
                        + "\"http\"").isEqualTo("http");
        assertThat(read.weight())
                .as("[N-2b] read.weight() from network().getRoute(tenant, stored.id()) must equal 100").isEqualTo(100);
        assertThat(read.stripPrefix())
                .as("[N-2b] read.stripPrefix() from network().getRoute(tenant, stored.id()) must be false").isFalse();
    }

    @Test
    @DisplayName("N-3 insertCertificate stores every field; getCertificate returns it equal")
    void certificateRoundTrip() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);
        Instant now = clock().instant();
        Certificate certificate = newCertificate(domain).issuer(UNICODE)
                .expiresAt(Instant.parse("2027-01-31T23:59:59.999999Z")).autoRenew(true).build();

        Certificate stored = network().insertCertificate(certificate);

        Certificate expected = certificate.toBuilder().createdAt(now).updatedAt(now).version(1).build();
        assertThat(stored)
                .as("[N-3] stored (network().insertCertificate(certificate)) must equal expected").isEqualTo(expected);
        assertThat(network().getCertificate(tenant, certificate.id()))
                .as("[N-3] network().getCertificate(tenant, certificate.id()) must equal expected").isEqualTo(expected);
    }

    @Test
    @DisplayName("N-4 timestamps keep microseconds and drop nanoseconds: the store's clock and caller-given instants")
    void microsecondPrecision() {
        clock().set(TestClock.START.plusNanos(789));
        Instance app = insertInstance(tenant);
        Instant withNanos = Instant.parse("2026-09-01T10:11:12.123456789Z");
        Instant micros = Instant.parse("2026-09-01T10:11:12.123456Z");

        Domain domain = network().insertDomain(newDomain(app).certExpiry(withNanos).build());
        Route route = insertRoute(app);
        Certificate certificate = network().insertCertificate(newCertificate(domain).expiresAt(withNanos).build());

        Domain readDomain = network().getDomain(tenant, domain.id());
        assertThat(readDomain.createdAt())
                .as("[N-4] readDomain.createdAt() from network().getDomain(tenant, domain.id()) must equal "
                        + "TestClock.START").isEqualTo(TestClock.START);
        assertThat(readDomain.updatedAt())
                .as("[N-4] readDomain.updatedAt() from network().getDomain(tenant, domain.id()) must equal "
                        + "TestClock.START").isEqualTo(TestClock.START);
        assertThat(readDomain.certExpiry())
                .as("[N-4] readDomain.certExpiry() from network().getDomain(tenant, domain.id()) must contain "
                        + "micros").contains(micros);
        assertThat(network().getRoute(tenant, route.id()).createdAt())
                .as("[N-4] network().getRoute(tenant, route.id()).createdAt() must equal "
                        + "TestClock.START").isEqualTo(TestClock.START);
        Certificate readCertificate = network().getCertificate(tenant, certificate.id());
        assertThat(readCertificate.expiresAt())
                .as("[N-4] readCertificate.expiresAt() from network().getCertificate(tenant, certificate.id()) must "
                        + "equal micros").isEqualTo(micros);
        assertThat(readCertificate.createdAt())
                .as("[N-4] readCertificate.createdAt() from network().getCertificate(tenant, certificate.id()) must "
                        + "equal TestClock.START").isEqualTo(TestClock.START);
    }

    // --- parents ---

    @Test
    @DisplayName("N-5a insertDomain and insertRoute for a missing instance or another tenant's instance throw"
            + " NotFound(INSTANCE) and store nothing")
    void domainAndRouteNeedInstance() {
        InstanceId missing = InstanceId.generate();
        Instance foreign = insertInstance(otherTenant);
        Instance app = insertInstance(tenant);

        for (InstanceId id : List.of(missing, foreign.id())) {
            assertNotFound("[N-5a] network().insertDomain(newDomain(app).instanceId(id).build()) must throw "
                            + "NotFoundException",
                    () -> network().insertDomain(newDomain(app).instanceId(id).build()),
                    tenant, ResourceKind.INSTANCE, id);
            assertNotFound("[N-5a] network().insertRoute(newRoute(app).instanceId(id).build()) must throw "
                            + "NotFoundException",
                    () -> network().insertRoute(newRoute(app).instanceId(id).build()),
                    tenant, ResourceKind.INSTANCE, id);
            assertThat(network().listDomains(tenant, id))
                    .as("[N-5a] network().listDomains(tenant, id) must be empty").isEmpty();
            assertThat(network().listRoutes(tenant, id))
                    .as("[N-5a] network().listRoutes(tenant, id) must be empty").isEmpty();
        }
        assertThat(network().countDomains(tenant)).as("[N-5a] network().countDomains(tenant) must be 0").isZero();
        assertThat(network().listDomains(otherTenant, foreign.id()))
                .as("[N-5a] network().listDomains(otherTenant, foreign.id()) must be empty").isEmpty();
        assertThat(network().listRoutes(otherTenant, foreign.id()))
                .as("[N-5a] network().listRoutes(otherTenant, foreign.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("N-5b insertCertificate for a missing domain or another tenant's domain throws NotFound(DOMAIN) and"
            + " stores nothing")
    void certificateNeedsDomain() {
        Instance app = insertInstance(tenant);
        Domain own = insertDomain(app);
        Domain foreign = insertDomain(insertInstance(otherTenant));

        for (DomainId id : List.of(DomainId.generate(), foreign.id())) {
            Certificate certificate = newCertificate(own).domainId(id).build();
            assertNotFound("[N-5b] network().insertCertificate(certificate) must throw NotFoundException",
                    () -> network().insertCertificate(certificate), tenant, ResourceKind.DOMAIN, id);
            assertNotFound("[N-5b] network().getCertificate(tenant, certificate.id()) must throw NotFoundException",
                    () -> network().getCertificate(tenant, certificate.id()),
                    tenant, ResourceKind.CERTIFICATE, certificate.id());
        }
        assertThat(network().listCertificates(tenant, app.id()))
                .as("[N-5b] network().listCertificates(tenant, app.id()) must be empty").isEmpty();
    }

    // --- hostnames ---

    @Test
    @DisplayName("N-6a insertDomain with a hostname the tenant already holds (on any instance) throws"
            + " AlreadyExists(hostname) and stores nothing")
    void hostnameUniqueInTenant() {
        Instance app = insertInstance(tenant);
        Instance other = insertInstance(tenant);
        Domain first = insertDomain(app);

        Domain duplicate = newDomain(other).hostname(first.hostname()).build();
        AlreadyExistsException e = assertAlreadyExists("[N-6a] network().insertDomain(duplicate) must throw "
                        + "AlreadyExistsException on hostname",
                () -> network().insertDomain(duplicate),
                tenant, ResourceKind.DOMAIN, "hostname");

        assertThat(e.value())
                .as("[N-6a] e.value() from network().insertDomain(duplicate) must equal "
                        + "first.hostname()").isEqualTo(first.hostname());
        assertThat(network().countDomains(tenant)).as("[N-6a] network().countDomains(tenant) must equal 1").isEqualTo(1);
        assertThat(network().listDomains(tenant, other.id()))
                .as("[N-6a] network().listDomains(tenant, other.id()) must be empty").isEmpty();
        assertThat(network().getDomainByHostname(tenant, first.hostname()))
                .as("[N-6a] network().getDomainByHostname(tenant, first.hostname()) must equal first").isEqualTo(first);
    }

    @Test
    @DisplayName("N-6b two tenants may hold the same hostname; each tenant's getDomainByHostname finds its own, and"
            + " deleting one leaves the other")
    void sameHostnameInTwoTenants() {
        Domain mine = network().insertDomain(newDomain(insertInstance(tenant)).hostname("shop.example.com").build());
        Domain theirs = network().insertDomain(
                newDomain(insertInstance(otherTenant)).hostname("shop.example.com").build());

        assertThat(network().getDomainByHostname(tenant, "shop.example.com"))
                .as("[N-6b] network().getDomainByHostname(tenant, \"shop.example.com\") must equal "
                        + "mine").isEqualTo(mine);
        assertThat(network().getDomainByHostname(otherTenant, "shop.example.com"))
                .as("[N-6b] network().getDomainByHostname(otherTenant, \"shop.example.com\") must equal "
                        + "theirs").isEqualTo(theirs);

        network().deleteDomain(tenant, mine.id());

        assertNotFound("[N-6b] network().getDomainByHostname(tenant, \"shop.example.com\") must throw "
                        + "NotFoundException",
                () -> network().getDomainByHostname(tenant, "shop.example.com"),
                tenant, ResourceKind.DOMAIN, "shop.example.com");
        assertThat(network().getDomainByHostname(otherTenant, "shop.example.com"))
                .as("[N-6b] network().getDomainByHostname(otherTenant, \"shop.example.com\") must equal "
                        + "theirs").isEqualTo(theirs);
    }

    @Test
    @DisplayName("N-6c updateDomain to a hostname another domain of the tenant holds throws AlreadyExists(hostname)"
            + " and changes nothing; another tenant's hostname is allowed")
    void hostnameUniqueOnUpdate() {
        Instance app = insertInstance(tenant);
        Domain first = insertDomain(app);
        Domain second = insertDomain(app);
        Domain foreign = insertDomain(insertInstance(otherTenant));

        assertAlreadyExists("[N-6c] network().updateDomain(second.toBuilder().hostname(first.hostname()).build()) must "
                        + "throw AlreadyExistsException on hostname",
                () -> network().updateDomain(second.toBuilder().hostname(first.hostname()).build()),
                tenant, ResourceKind.DOMAIN, "hostname");
        assertThat(network().getDomain(tenant, second.id()))
                .as("[N-6c] network().getDomain(tenant, second.id()) must equal second").isEqualTo(second);

        Domain renamed = network().updateDomain(second.toBuilder().hostname(foreign.hostname()).build());
        assertThat(network().getDomainByHostname(tenant, foreign.hostname()))
                .as("[N-6c] network().getDomainByHostname(tenant, foreign.hostname()) must equal "
                        + "renamed").isEqualTo(renamed);
        assertThat(network().getDomainByHostname(otherTenant, foreign.hostname()))
                .as("[N-6c] network().getDomainByHostname(otherTenant, foreign.hostname()) must equal "
                        + "foreign").isEqualTo(foreign);
    }

    @Test
    @DisplayName("N-6d when 8 threads insert the same hostname into one tenant at once, exactly one succeeds and the"
            + " others get AlreadyExists(hostname)")
    void hostnameUniqueUnderConcurrency() throws Exception {
        Instance app = insertInstance(tenant);
        AtomicInteger inserted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();

        concurrently(THREADS, thread -> {
            try {
                network().insertDomain(newDomain(app).hostname("race.example.com").build());
                inserted.incrementAndGet();
            } catch (AlreadyExistsException e) {
                assertThat(e.field()).as("[N-6d] e.field() must equal \"hostname\"").isEqualTo("hostname");
                rejected.incrementAndGet();
            }
        });

        assertThat(inserted).as("[N-6d] inserted must hold 1").hasValue(1);
        assertThat(rejected).as("[N-6d] rejected must hold THREADS - 1").hasValue(THREADS - 1);
        assertThat(network().countDomains(tenant)).as("[N-6d] network().countDomains(tenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("N-7a getDomainByHostname searches only the caller's tenant: a hostname held only by another tenant,"
            + " or by nobody, throws NotFound carrying the hostname")
    void hostnameLookupIsTenantScoped() {
        Domain foreign = insertDomain(insertInstance(otherTenant));
        Domain own = insertDomain(insertInstance(tenant));

        assertThat(network().getDomainByHostname(tenant, own.hostname()))
                .as("[N-7a] network().getDomainByHostname(tenant, own.hostname()) must equal own").isEqualTo(own);
        assertNotFound("[N-7a] network().getDomainByHostname(tenant, foreign.hostname()) must throw NotFoundException",
                () -> network().getDomainByHostname(tenant, foreign.hostname()),
                tenant, ResourceKind.DOMAIN, foreign.hostname());
        assertNotFound("[N-7a] network().getDomainByHostname(tenant, \"nobody.example.com\") must throw "
                        + "NotFoundException",
                () -> network().getDomainByHostname(tenant, "nobody.example.com"),
                tenant, ResourceKind.DOMAIN, "nobody.example.com");
    }

    @Test
    @DisplayName("N-7b getDomainByHostname with a blank, uppercase, spaced or over-long hostname throws"
            + " InvalidArgument(hostname)")
    void hostnameLookupValidates() {
        insertDomain(insertInstance(tenant));
        for (String bad : List.of("", "Shop.example.com", "shop example.com", longestHostname() + "e")) {
            assertInvalidArgument("[N-7b] network().getDomainByHostname(tenant, bad) must throw "
                            + "InvalidArgumentException naming hostname",
                    () -> network().getDomainByHostname(tenant, bad), "hostname");
        }
    }

    // --- ids and tenants ---

    @Test
    @DisplayName("N-8 inserting a domain, route or certificate whose id exists throws AlreadyExists(id) and keeps the"
            + " stored one")
    void duplicateIds() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);
        Route route = insertRoute(app);
        Certificate certificate = insertCertificate(domain);

        assertAlreadyExists("[N-8] network().insertDomain(newDomain(app).id(domain.id()).build()) must throw "
                        + "AlreadyExistsException on id",
                () -> network().insertDomain(newDomain(app).id(domain.id()).build()),
                tenant, ResourceKind.DOMAIN, "id");
        assertAlreadyExists("[N-8] network().insertRoute(newRoute(app).id(route.id()).build()) must throw "
                        + "AlreadyExistsException on id",
                () -> network().insertRoute(newRoute(app).id(route.id()).build()),
                tenant, ResourceKind.ROUTE, "id");
        assertAlreadyExists("[N-8] network().insertCertificate(newCertificate(…).id(…).issuer(…).build()) must throw "
                        + "AlreadyExistsException on id",
                () -> network().insertCertificate(newCertificate(domain).id(certificate.id())
                .issuer("other").build()), tenant, ResourceKind.CERTIFICATE, "id");

        assertThat(network().listDomains(tenant, app.id()))
                .as("[N-8] network().listDomains(tenant, app.id()) must contain exactly "
                        + "domain").containsExactly(domain);
        assertThat(network().listRoutes(tenant, app.id()))
                .as("[N-8] network().listRoutes(tenant, app.id()) must contain exactly route").containsExactly(route);
        assertThat(network().listCertificates(tenant, app.id()))
                .as("[N-8] network().listCertificates(tenant, app.id()) must contain exactly "
                        + "certificate").containsExactly(certificate);
    }

    @Test
    @DisplayName("N-9a another tenant's domain behaves exactly like a missing one for get, getByHostname, list,"
            + " count, update and delete, and stays unchanged")
    void domainTenantIsolation() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);

        assertNotFound("[N-9a] network().getDomain(otherTenant, domain.id()) must throw NotFoundException",
                () -> network().getDomain(otherTenant, domain.id()),
                otherTenant, ResourceKind.DOMAIN, domain.id());
        assertNotFound("[N-9a] network().getDomainByHostname(otherTenant, domain.hostname()) must throw "
                        + "NotFoundException",
                () -> network().getDomainByHostname(otherTenant, domain.hostname()),
                otherTenant, ResourceKind.DOMAIN, domain.hostname());
        assertThat(network().listDomains(otherTenant, app.id()))
                .as("[N-9a] network().listDomains(otherTenant, app.id()) must be empty").isEmpty();
        assertThat(network().countDomains(otherTenant))
                .as("[N-9a] network().countDomains(otherTenant) must be 0").isZero();
        assertNotFound("[N-9a] network().updateDomain(domain.toBuilder().tenantId(otherTenant).verified(true).build()) "
                        + "must throw NotFoundException",
                () -> network().updateDomain(domain.toBuilder().tenantId(otherTenant).verified(true).build()),
                otherTenant, ResourceKind.DOMAIN, domain.id());
        assertNotFound("[N-9a] network().deleteDomain(otherTenant, domain.id()) must throw NotFoundException",
                () -> network().deleteDomain(otherTenant, domain.id()),
                otherTenant, ResourceKind.DOMAIN, domain.id());

        assertThat(network().getDomain(tenant, domain.id()))
                .as("[N-9a] network().getDomain(tenant, domain.id()) must equal domain").isEqualTo(domain);
        assertThat(network().countDomains(tenant)).as("[N-9a] network().countDomains(tenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("N-9b another tenant's route behaves exactly like a missing one for get, list, update and delete,"
            + " and stays unchanged")
    void routeTenantIsolation() {
        Instance app = insertInstance(tenant);
        Route route = insertRoute(app);

        assertNotFound("[N-9b] network().getRoute(otherTenant, route.id()) must throw NotFoundException",
                () -> network().getRoute(otherTenant, route.id()), otherTenant, ResourceKind.ROUTE, route.id());
        assertThat(network().listRoutes(otherTenant, app.id()))
                .as("[N-9b] network().listRoutes(otherTenant, app.id()) must be empty").isEmpty();
        assertNotFound("[N-9b] network().updateRoute(route.toBuilder().tenantId(otherTenant).weight(7).build()) must "
                        + "throw NotFoundException",
                () -> network().updateRoute(route.toBuilder().tenantId(otherTenant).weight(7).build()),
                otherTenant, ResourceKind.ROUTE, route.id());
        assertNotFound("[N-9b] network().deleteRoute(otherTenant, route.id()) must throw NotFoundException",
                () -> network().deleteRoute(otherTenant, route.id()),
                otherTenant, ResourceKind.ROUTE, route.id());

        assertThat(network().getRoute(tenant, route.id()))
                .as("[N-9b] network().getRoute(tenant, route.id()) must equal route").isEqualTo(route);
    }

    @Test
    @DisplayName("N-9c another tenant's certificate behaves exactly like a missing one for get, list, update and"
            + " delete, and stays unchanged")
    void certificateTenantIsolation() {
        Instance app = insertInstance(tenant);
        Certificate certificate = insertCertificate(insertDomain(app));

        assertNotFound("[N-9c] network().getCertificate(otherTenant, certificate.id()) must throw NotFoundException",
                () -> network().getCertificate(otherTenant, certificate.id()),
                otherTenant, ResourceKind.CERTIFICATE, certificate.id());
        assertThat(network().listCertificates(otherTenant, app.id()))
                .as("[N-9c] network().listCertificates(otherTenant, app.id()) must be empty").isEmpty();
        assertNotFound("[N-9c] network().updateCertificate(certificate.toBuilder().tenantId(…).autoRenew(…).build()) "
                        + "must throw NotFoundException",
                () -> network().updateCertificate(certificate.toBuilder().tenantId(otherTenant)
                .autoRenew(true).build()), otherTenant, ResourceKind.CERTIFICATE, certificate.id());
        assertNotFound("[N-9c] network().deleteCertificate(otherTenant, certificate.id()) must throw NotFoundException",
                () -> network().deleteCertificate(otherTenant, certificate.id()),
                otherTenant, ResourceKind.CERTIFICATE, certificate.id());

        assertThat(network().getCertificate(tenant, certificate.id()))
                .as("[N-9c] network().getCertificate(tenant, certificate.id()) must equal "
                        + "certificate").isEqualTo(certificate);
    }

    // --- lists ---

    @Test
    @DisplayName("N-10a listDomains returns the instance's domains oldest first: createdAt ascending, then id"
            + " ascending")
    void listDomainsOrder() {
        Instance app = insertInstance(tenant);
        insertDomain(insertInstance(tenant));
        List<DomainId> ids = Stream.generate(DomainId::generate).limit(10).sorted().toList();

        for (int i : insertionOrder(true)) {
            network().insertDomain(newDomain(app).id(ids.get(i)).build());
        }
        tick(1);
        for (int i : insertionOrder(false)) {
            network().insertDomain(newDomain(app).id(ids.get(i)).build());
        }

        assertThat(network().listDomains(tenant, app.id()))
                .as("[N-10a] network().listDomains(tenant, app.id()) mapped by Domain::id must contain exactly the "
                        + "elements of listOrder(ids)").extracting(Domain::id)
                .containsExactlyElementsOf(listOrder(ids));
    }

    @Test
    @DisplayName("N-10b listRoutes returns the instance's routes oldest first: createdAt ascending, then id ascending")
    void listRoutesOrder() {
        Instance app = insertInstance(tenant);
        insertRoute(insertInstance(tenant));
        List<RouteId> ids = Stream.generate(RouteId::generate).limit(10).sorted().toList();

        for (int i : insertionOrder(true)) {
            network().insertRoute(newRoute(app).id(ids.get(i)).build());
        }
        tick(1);
        for (int i : insertionOrder(false)) {
            network().insertRoute(newRoute(app).id(ids.get(i)).build());
        }

        assertThat(network().listRoutes(tenant, app.id()))
                .as("[N-10b] network().listRoutes(tenant, app.id()) mapped by Route::id must contain exactly the "
                        + "elements of listOrder(ids)").extracting(Route::id)
                .containsExactlyElementsOf(listOrder(ids));
    }

    @Test
    @DisplayName("N-10c listCertificates returns the certificates of the instance's domains only, oldest first:"
            + " createdAt ascending, then id ascending")
    void listCertificatesOrder() {
        Instance app = insertInstance(tenant);
        List<Domain> domains = List.of(insertDomain(app), insertDomain(app));
        insertCertificate(insertDomain(insertInstance(tenant)));
        List<CertificateId> ids = Stream.generate(CertificateId::generate).limit(10).sorted().toList();

        for (int i : insertionOrder(true)) {
            network().insertCertificate(newCertificate(domains.get(i % 2)).id(ids.get(i)).build());
        }
        tick(1);
        for (int i : insertionOrder(false)) {
            network().insertCertificate(newCertificate(domains.get(i % 2)).id(ids.get(i)).build());
        }

        assertThat(network().listCertificates(tenant, app.id()))
                .as("[N-10c] network().listCertificates(tenant, app.id()) mapped by Certificate::id must contain "
                        + "exactly the elements of listOrder(ids)").extracting(Certificate::id)
                .containsExactlyElementsOf(listOrder(ids));
    }

    @Test
    @DisplayName("N-11 lists of a missing instance are empty and countDomains of a tenant without domains is 0;"
            + " neither throws NotFound")
    void emptyLists() {
        insertDomain(insertInstance(tenant));
        InstanceId missing = InstanceId.generate();

        assertThat(network().listDomains(tenant, missing))
                .as("[N-11] network().listDomains(tenant, missing) must be empty").isEmpty();
        assertThat(network().listRoutes(tenant, missing))
                .as("[N-11] network().listRoutes(tenant, missing) must be empty").isEmpty();
        assertThat(network().listCertificates(tenant, missing))
                .as("[N-11] network().listCertificates(tenant, missing) must be empty").isEmpty();
        assertThat(network().countDomains(TenantId.generate()))
                .as("[N-11] network().countDomains(TenantId.generate()) must be 0").isZero();
    }

    @Test
    @DisplayName("N-12 returned lists are unmodifiable snapshots: they reject changes and do not see later inserts")
    void listsAreSnapshots() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);
        Route route = insertRoute(app);
        Certificate certificate = insertCertificate(domain);
        List<Domain> domains = network().listDomains(tenant, app.id());
        List<Route> routes = network().listRoutes(tenant, app.id());
        List<Certificate> certificates = network().listCertificates(tenant, app.id());

        assertThatThrownBy(() -> domains.add(domain),
                "[N-12] domains.add(domain) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> routes.remove(0),
                "[N-12] routes.remove(0) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(certificates::clear,
                "[N-12] certificates::clear must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        Domain later = insertDomain(app);
        insertRoute(app);
        insertCertificate(later);

        assertThat(domains)
                .as("[N-12] domains (network().listDomains(tenant, app.id())) must contain exactly "
                        + "domain").containsExactly(domain);
        assertThat(routes)
                .as("[N-12] routes (network().listRoutes(tenant, app.id())) must contain exactly "
                        + "route").containsExactly(route);
        assertThat(certificates)
                .as("[N-12] certificates (network().listCertificates(tenant, app.id())) must contain exactly "
                        + "certificate").containsExactly(certificate);
    }

    // --- updates ---

    @Test
    @DisplayName("N-13a updateDomain replaces every mutable field, keeps createdAt, sets updatedAt = now, adds 1 to"
            + " version; an optional can be cleared again")
    void updateDomain() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);
        tick(5);

        Domain changed = domain.toBuilder().hostname("renamed.example.com").verified(true).tlsEnabled(true)
                .certExpiry(Instant.parse("2026-12-01T00:00:00.000001Z")).dnsTarget("lb.example.net")
                .verifyToken(UNICODE).build();
        Domain updated = network().updateDomain(changed);

        Domain expected = changed.toBuilder().updatedAt(clock().instant()).version(2).build();
        assertThat(updated)
                .as("[N-13a] updated (network().updateDomain(changed)) must equal expected").isEqualTo(expected);
        assertThat(updated.createdAt())
                .as("[N-13a] updated.createdAt() from network().updateDomain(changed) must equal "
                        + "domain.createdAt()").isEqualTo(domain.createdAt());
        assertThat(network().getDomain(tenant, domain.id()))
                .as("[N-13a] network().getDomain(tenant, domain.id()) must equal expected").isEqualTo(expected);
        assertThat(network().getDomainByHostname(tenant, "renamed.example.com"))
                .as("[N-13a] network().getDomainByHostname(tenant, \"renamed.example.com\") must equal "
                        + "expected").isEqualTo(expected);
        assertNotFound("[N-13a] network().getDomainByHostname(tenant, domain.hostname()) must throw NotFoundException",
                () -> network().getDomainByHostname(tenant, domain.hostname()),
                tenant, ResourceKind.DOMAIN, domain.hostname());

        Domain cleared = network().updateDomain(updated.toBuilder().certExpiry(null).build());
        assertThat(network().getDomain(tenant, domain.id()).certExpiry())
                .as("[N-13a] network().getDomain(tenant, domain.id()).certExpiry() must be empty").isEmpty();
        assertThat(cleared.version())
                .as("[N-13a] cleared.version() from network().updateDomain(updated.toBuilder().certExpiry(…).build()) "
                        + "must equal 3").isEqualTo(3);
    }

    @Test
    @DisplayName("N-13b updateRoute replaces every mutable field, keeps createdAt, sets updatedAt = now, adds 1 to"
            + " version")
    void updateRoute() {
        Instance app = insertInstance(tenant);
        Route route = insertRoute(app);
        tick(5);

        Route changed = route.toBuilder().serviceName("api").path("/v2").port(9090).protocol("h2c").weight(1000)
                .stripPrefix(true).build();
        Route updated = network().updateRoute(changed);

        Route expected = changed.toBuilder().updatedAt(clock().instant()).version(2).build();
        assertThat(updated)
                .as("[N-13b] updated (network().updateRoute(changed)) must equal expected").isEqualTo(expected);
        assertThat(updated.createdAt())
                .as("[N-13b] updated.createdAt() from network().updateRoute(changed) must equal "
                        + "route.createdAt()").isEqualTo(route.createdAt());
        assertThat(network().getRoute(tenant, route.id()))
                .as("[N-13b] network().getRoute(tenant, route.id()) must equal expected").isEqualTo(expected);
    }

    @Test
    @DisplayName("N-13c updateCertificate replaces every mutable field, keeps createdAt, sets updatedAt = now, adds 1"
            + " to version")
    void updateCertificate() {
        Instance app = insertInstance(tenant);
        Certificate certificate = insertCertificate(insertDomain(app));
        tick(5);

        Certificate changed = certificate.toBuilder().issuer("zerossl")
                .expiresAt(certificate.expiresAt().plus(Duration.ofDays(90))).autoRenew(true).build();
        Certificate updated = network().updateCertificate(changed);

        Certificate expected = changed.toBuilder().updatedAt(clock().instant()).version(2).build();
        assertThat(updated)
                .as("[N-13c] updated (network().updateCertificate(changed)) must equal expected").isEqualTo(expected);
        assertThat(updated.createdAt())
                .as("[N-13c] updated.createdAt() from network().updateCertificate(changed) must equal "
                        + "certificate.createdAt()").isEqualTo(certificate.createdAt());
        assertThat(network().getCertificate(tenant, certificate.id()))
                .as("[N-13c] network().getCertificate(tenant, certificate.id()) must equal "
                        + "expected").isEqualTo(expected);
    }

    @Test
    @DisplayName("N-14 an update based on a stale version throws Conflict(expected, actual) and writes nothing, for"
            + " domains, routes and certificates")
    void staleUpdates() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);
        Route route = insertRoute(app);
        Certificate certificate = insertCertificate(domain);
        Domain domainV2 = network().updateDomain(domain.toBuilder().verified(true).build());
        Route routeV2 = network().updateRoute(route.toBuilder().weight(5).build());
        Certificate certificateV2 = network().updateCertificate(certificate.toBuilder().autoRenew(true).build());

        assertConflict("[N-14] network().updateDomain(domain.toBuilder().tlsEnabled(true).build()) must throw "
                        + "ConflictException (version 1 given, 2 stored)",
                () -> network().updateDomain(domain.toBuilder().tlsEnabled(true).build()),
                tenant, ResourceKind.DOMAIN, domain.id(), 1, 2);
        assertConflict("[N-14] network().updateRoute(route.toBuilder().weight(9).build()) must throw ConflictException "
                        + "(version 1 given, 2 stored)",
                () -> network().updateRoute(route.toBuilder().weight(9).build()),
                tenant, ResourceKind.ROUTE, route.id(), 1, 2);
        assertConflict("[N-14] network().updateCertificate(certificate.toBuilder().issuer(\"x\").build()) must throw "
                        + "ConflictException (version 1 given, 2 stored)",
                () -> network().updateCertificate(certificate.toBuilder().issuer("x").build()),
                tenant, ResourceKind.CERTIFICATE, certificate.id(), 1, 2);

        assertThat(network().getDomain(tenant, domain.id()))
                .as("[N-14] network().getDomain(tenant, domain.id()) must equal domainV2").isEqualTo(domainV2);
        assertThat(network().getRoute(tenant, route.id()))
                .as("[N-14] network().getRoute(tenant, route.id()) must equal routeV2").isEqualTo(routeV2);
        assertThat(network().getCertificate(tenant, certificate.id()))
                .as("[N-14] network().getCertificate(tenant, certificate.id()) must equal "
                        + "certificateV2").isEqualTo(certificateV2);
    }

    @Test
    @DisplayName("N-15 updating a never-stored record (version 0) throws InvalidArgument(<entity>.version); updating"
            + " a missing id throws NotFound")
    void updateNeedsStoredRecord() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);
        Instant t = clock().instant();

        assertInvalidArgument("[N-15] network().updateDomain(newDomain(app).build()) must throw "
                        + "InvalidArgumentException naming domain.version",
                () -> network().updateDomain(newDomain(app).build()), "domain.version");
        assertInvalidArgument("[N-15] network().updateRoute(newRoute(app).build()) must throw InvalidArgumentException "
                        + "naming route.version",
                () -> network().updateRoute(newRoute(app).build()), "route.version");
        assertInvalidArgument("[N-15] network().updateCertificate(newCertificate(domain).build()) must throw "
                        + "InvalidArgumentException naming certificate.version",
                () -> network().updateCertificate(newCertificate(domain).build()),
                "certificate.version");

        Domain ghostDomain = newDomain(app).createdAt(t).updatedAt(t).version(1).build();
        Route ghostRoute = newRoute(app).createdAt(t).updatedAt(t).version(1).build();
        Certificate ghostCertificate = newCertificate(domain).createdAt(t).updatedAt(t).version(1).build();
        assertNotFound("[N-15] network().updateDomain(ghostDomain) must throw NotFoundException",
                () -> network().updateDomain(ghostDomain), tenant, ResourceKind.DOMAIN, ghostDomain.id());
        assertNotFound("[N-15] network().updateRoute(ghostRoute) must throw NotFoundException",
                () -> network().updateRoute(ghostRoute), tenant, ResourceKind.ROUTE, ghostRoute.id());
        assertNotFound("[N-15] network().updateCertificate(ghostCertificate) must throw NotFoundException",
                () -> network().updateCertificate(ghostCertificate),
                tenant, ResourceKind.CERTIFICATE, ghostCertificate.id());
        assertThat(network().listDomains(tenant, app.id()))
                .as("[N-15] network().listDomains(tenant, app.id()) must contain exactly "
                        + "domain").containsExactly(domain);
        assertThat(network().listRoutes(tenant, app.id()))
                .as("[N-15] network().listRoutes(tenant, app.id()) must be empty").isEmpty();
        assertThat(network().listCertificates(tenant, app.id()))
                .as("[N-15] network().listCertificates(tenant, app.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("N-16 an update may not move a domain or route to another instance, nor a certificate to another"
            + " domain: InvalidArgument naming the field, nothing written")
    void ownerCannotChange() {
        Instance app = insertInstance(tenant);
        Instance other = insertInstance(tenant);
        Domain domain = insertDomain(app);
        Domain otherDomain = insertDomain(app);
        Route route = insertRoute(app);
        Certificate certificate = insertCertificate(domain);

        assertInvalidArgument("[N-16] network().updateDomain(domain.toBuilder().instanceId(other.id()).build()) must "
                        + "throw InvalidArgumentException naming domain.instanceId",
                () -> network().updateDomain(domain.toBuilder().instanceId(other.id()).build()),
                "domain.instanceId");
        assertInvalidArgument("[N-16] network().updateRoute(route.toBuilder().instanceId(other.id()).build()) must "
                        + "throw InvalidArgumentException naming route.instanceId",
                () -> network().updateRoute(route.toBuilder().instanceId(other.id()).build()),
                "route.instanceId");
        assertInvalidArgument("[N-16] "
                        + "network().updateCertificate(certificate.toBuilder().domainId(otherDomain.id()).build()) "
                        + "must throw InvalidArgumentException naming certificate.domainId",
                () -> network().updateCertificate(certificate.toBuilder().domainId(otherDomain.id())
                .build()), "certificate.domainId");

        assertThat(network().getDomain(tenant, domain.id()))
                .as("[N-16] network().getDomain(tenant, domain.id()) must equal domain").isEqualTo(domain);
        assertThat(network().getRoute(tenant, route.id()))
                .as("[N-16] network().getRoute(tenant, route.id()) must equal route").isEqualTo(route);
        assertThat(network().getCertificate(tenant, certificate.id()))
                .as("[N-16] network().getCertificate(tenant, certificate.id()) must equal "
                        + "certificate").isEqualTo(certificate);
        assertThat(network().listDomains(tenant, other.id()))
                .as("[N-16] network().listDomains(tenant, other.id()) must be empty").isEmpty();
        assertThat(network().listRoutes(tenant, other.id()))
                .as("[N-16] network().listRoutes(tenant, other.id()) must be empty").isEmpty();
    }

    // --- deletes ---

    @Test
    @DisplayName("N-17 deleteDomain removes the domain and its certificates, keeps other domains' certificates, frees"
            + " the hostname; a second delete throws NotFound")
    void deleteDomainCascades() {
        Instance app = insertInstance(tenant);
        Domain doomed = insertDomain(app);
        Domain kept = insertDomain(app);
        Certificate doomedCertificate = insertCertificate(doomed);
        Certificate keptCertificate = insertCertificate(kept);

        network().deleteDomain(tenant, doomed.id());

        assertNotFound("[N-17] network().getDomain(tenant, doomed.id()) must throw NotFoundException",
                () -> network().getDomain(tenant, doomed.id()), tenant, ResourceKind.DOMAIN, doomed.id());
        assertNotFound("[N-17] network().getCertificate(tenant, doomedCertificate.id()) must throw NotFoundException",
                () -> network().getCertificate(tenant, doomedCertificate.id()),
                tenant, ResourceKind.CERTIFICATE, doomedCertificate.id());
        assertThat(network().listDomains(tenant, app.id()))
                .as("[N-17] network().listDomains(tenant, app.id()) must contain exactly kept").containsExactly(kept);
        assertThat(network().listCertificates(tenant, app.id()))
                .as("[N-17] network().listCertificates(tenant, app.id()) must contain exactly "
                        + "keptCertificate").containsExactly(keptCertificate);
        assertThat(network().countDomains(tenant)).as("[N-17] network().countDomains(tenant) must equal 1").isEqualTo(1);
        assertNotFound("[N-17] network().deleteDomain(tenant, doomed.id()) must throw NotFoundException",
                () -> network().deleteDomain(tenant, doomed.id()), tenant, ResourceKind.DOMAIN, doomed.id());
        assertThat(network().insertDomain(newDomain(app).hostname(doomed.hostname()).build()).hostname())
                .as("[N-17] network().insertDomain(newDomain(app).hostname(doomed.hostname()).build()).hostname() must "
                        + "equal doomed.hostname()")
                .isEqualTo(doomed.hostname());
    }

    @Test
    @DisplayName("N-18 deleteRoute and deleteCertificate remove only that record; a second delete throws NotFound")
    void deleteRouteAndCertificate() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);
        Route doomedRoute = insertRoute(app);
        Route keptRoute = insertRoute(app);
        Certificate doomedCertificate = insertCertificate(domain);
        Certificate keptCertificate = insertCertificate(domain);

        network().deleteRoute(tenant, doomedRoute.id());
        network().deleteCertificate(tenant, doomedCertificate.id());

        assertNotFound("[N-18] network().getRoute(tenant, doomedRoute.id()) must throw NotFoundException",
                () -> network().getRoute(tenant, doomedRoute.id()), tenant, ResourceKind.ROUTE,
                doomedRoute.id());
        assertNotFound("[N-18] network().getCertificate(tenant, doomedCertificate.id()) must throw NotFoundException",
                () -> network().getCertificate(tenant, doomedCertificate.id()),
                tenant, ResourceKind.CERTIFICATE, doomedCertificate.id());
        assertThat(network().listRoutes(tenant, app.id()))
                .as("[N-18] network().listRoutes(tenant, app.id()) must contain exactly "
                        + "keptRoute").containsExactly(keptRoute);
        assertThat(network().listCertificates(tenant, app.id()))
                .as("[N-18] network().listCertificates(tenant, app.id()) must contain exactly "
                        + "keptCertificate").containsExactly(keptCertificate);
        assertThat(network().getDomain(tenant, domain.id()))
                .as("[N-18] network().getDomain(tenant, domain.id()) must equal domain").isEqualTo(domain);
        assertNotFound("[N-18] network().deleteRoute(tenant, doomedRoute.id()) must throw NotFoundException",
                () -> network().deleteRoute(tenant, doomedRoute.id()), tenant, ResourceKind.ROUTE,
                doomedRoute.id());
        assertNotFound("[N-18] network().deleteCertificate(tenant, doomedCertificate.id()) must throw "
                        + "NotFoundException",
                () -> network().deleteCertificate(tenant, doomedCertificate.id()),
                tenant, ResourceKind.CERTIFICATE, doomedCertificate.id());
    }

    @Test
    @DisplayName("N-19 deleting an instance deletes its domains, their certificates and its routes, and nothing of"
            + " another instance")
    void instanceDeleteCascades() {
        Instance doomed = insertInstance(tenant);
        Instance kept = insertInstance(tenant);
        Domain doomedDomain = insertDomain(doomed);
        Certificate doomedCertificate = insertCertificate(doomedDomain);
        Route doomedRoute = insertRoute(doomed);
        Domain keptDomain = insertDomain(kept);
        Certificate keptCertificate = insertCertificate(keptDomain);
        Route keptRoute = insertRoute(kept);

        store.instances().delete(tenant, doomed.id());

        assertNotFound("[N-19] network().getDomain(tenant, doomedDomain.id()) must throw NotFoundException",
                () -> network().getDomain(tenant, doomedDomain.id()),
                tenant, ResourceKind.DOMAIN, doomedDomain.id());
        assertNotFound("[N-19] network().getCertificate(tenant, doomedCertificate.id()) must throw NotFoundException",
                () -> network().getCertificate(tenant, doomedCertificate.id()),
                tenant, ResourceKind.CERTIFICATE, doomedCertificate.id());
        assertNotFound("[N-19] network().getRoute(tenant, doomedRoute.id()) must throw NotFoundException",
                () -> network().getRoute(tenant, doomedRoute.id()),
                tenant, ResourceKind.ROUTE, doomedRoute.id());
        assertNotFound("[N-19] network().getDomainByHostname(tenant, doomedDomain.hostname()) must throw "
                        + "NotFoundException",
                () -> network().getDomainByHostname(tenant, doomedDomain.hostname()),
                tenant, ResourceKind.DOMAIN, doomedDomain.hostname());
        assertThat(network().listDomains(tenant, doomed.id()))
                .as("[N-19] network().listDomains(tenant, doomed.id()) must be empty").isEmpty();
        assertThat(network().listRoutes(tenant, doomed.id()))
                .as("[N-19] network().listRoutes(tenant, doomed.id()) must be empty").isEmpty();
        assertThat(network().listCertificates(tenant, doomed.id()))
                .as("[N-19] network().listCertificates(tenant, doomed.id()) must be empty").isEmpty();
        assertThat(network().countDomains(tenant)).as("[N-19] network().countDomains(tenant) must equal 1").isEqualTo(1);
        assertThat(network().listDomains(tenant, kept.id()))
                .as("[N-19] network().listDomains(tenant, kept.id()) must contain exactly "
                        + "keptDomain").containsExactly(keptDomain);
        assertThat(network().listCertificates(tenant, kept.id()))
                .as("[N-19] network().listCertificates(tenant, kept.id()) must contain exactly "
                        + "keptCertificate").containsExactly(keptCertificate);
        assertThat(network().listRoutes(tenant, kept.id()))
                .as("[N-19] network().listRoutes(tenant, kept.id()) must contain exactly "
                        + "keptRoute").containsExactly(keptRoute);
    }

    @Test
    @DisplayName("N-20 countDomains counts the tenant's domains over all its instances and follows inserts and"
            + " deletes")
    void countDomains() {
        Instance app = insertInstance(tenant);
        Instance other = insertInstance(tenant);
        insertDomain(insertInstance(otherTenant));
        Domain first = insertDomain(app);
        insertDomain(app);
        insertDomain(other);

        assertThat(network().countDomains(tenant)).as("[N-20] network().countDomains(tenant) must equal 3").isEqualTo(3);
        network().deleteDomain(tenant, first.id());
        assertThat(network().countDomains(tenant)).as("[N-20] network().countDomains(tenant) must equal 2").isEqualTo(2);
        assertThat(network().countDomains(otherTenant))
                .as("[N-20] network().countDomains(otherTenant) must equal 1").isEqualTo(1);
    }

    // --- bad input ---

    @Test
    @DisplayName("N-21 a hostname that is blank, uppercase, has spaces, or is longer than 253 characters, and an"
            + " over-long dnsTarget or verifyToken, throw InvalidArgument naming the field; nothing is stored")
    void domainValidation() {
        Instance app = insertInstance(tenant);
        for (String bad : List.of("", "Shop.example.com", "shop example.com", longestHostname() + "e",
                "-shop.example.com", "shop..example.com")) {
            assertInvalidArgument("[N-21] network().insertDomain(newDomain(app).hostname(bad).build()) must throw "
                            + "InvalidArgumentException naming domain.hostname",
                    () -> network().insertDomain(newDomain(app).hostname(bad).build()),
                    "domain.hostname");
        }
        assertInvalidArgument("[N-21] network().insertDomain(newDomain(app).hostname(null).build()) must throw "
                        + "InvalidArgumentException naming domain.hostname",
                () -> network().insertDomain(newDomain(app).hostname(null).build()),
                "domain.hostname");
        assertInvalidArgument("[N-21] network().insertDomain(newDomain(app).dnsTarget(text(256)).build()) must throw "
                        + "InvalidArgumentException naming domain.dnsTarget",
                () -> network().insertDomain(newDomain(app).dnsTarget(text(256)).build()),
                "domain.dnsTarget");
        assertInvalidArgument("[N-21] network().insertDomain(newDomain(app).verifyToken(text(256)).build()) must throw "
                        + "InvalidArgumentException naming domain.verifyToken",
                () -> network().insertDomain(newDomain(app).verifyToken(text(256)).build()),
                "domain.verifyToken");
        assertInvalidArgument("[N-21] network().insertDomain(newDomain(app).instanceId(null).build()) must throw "
                        + "InvalidArgumentException naming domain.instanceId",
                () -> network().insertDomain(newDomain(app).instanceId(null).build()),
                "domain.instanceId");

        assertThat(network().countDomains(tenant)).as("[N-21] network().countDomains(tenant) must be 0").isZero();
    }

    @Test
    @DisplayName("N-22 a route path that is blank or does not start with \"/\", a port outside 1..65535, a weight"
            + " outside 0..1000, a blank protocol or an over-long serviceName throw InvalidArgument naming the field;"
            + " the bounds themselves are stored")
    void routeValidation() {
        Instance app = insertInstance(tenant);

        assertInvalidArgument("[N-22] network().insertRoute(newRoute(app).path(\"api\").build()) must throw "
                        + "InvalidArgumentException naming route.path",
                () -> network().insertRoute(newRoute(app).path("api").build()), "route.path");
        assertInvalidArgument("[N-22] network().insertRoute(newRoute(app).path(\"\").build()) must throw "
                        + "InvalidArgumentException naming route.path",
                () -> network().insertRoute(newRoute(app).path("").build()), "route.path");
        assertInvalidArgument("[N-22] network().insertRoute(newRoute(app).path(null).build()) must throw "
                        + "InvalidArgumentException naming route.path",
                () -> network().insertRoute(newRoute(app).path(null).build()), "route.path");
        assertInvalidArgument("[N-22] network().insertRoute(newRoute(app).port(0).build()) must throw "
                        + "InvalidArgumentException naming route.port",
                () -> network().insertRoute(newRoute(app).port(0).build()), "route.port");
        assertInvalidArgument("[N-22] network().insertRoute(newRoute(app).port(65_536).build()) must throw "
                        + "InvalidArgumentException naming route.port",
                () -> network().insertRoute(newRoute(app).port(65_536).build()), "route.port");
        assertInvalidArgument("[N-22] network().insertRoute(newRoute(app).weight(-1).build()) must throw "
                        + "InvalidArgumentException naming route.weight",
                () -> network().insertRoute(newRoute(app).weight(-1).build()), "route.weight");
        assertInvalidArgument("[N-22] network().insertRoute(newRoute(app).weight(1001).build()) must throw "
                        + "InvalidArgumentException naming route.weight",
                () -> network().insertRoute(newRoute(app).weight(1001).build()), "route.weight");
        assertInvalidArgument("[N-22] network().insertRoute(newRoute(app).protocol(\" \").build()) must throw "
                        + "InvalidArgumentException naming route.protocol",
                () -> network().insertRoute(newRoute(app).protocol(" ").build()), "route.protocol");
        assertInvalidArgument("[N-22] network().insertRoute(newRoute(app).serviceName(text(256)).build()) must throw "
                        + "InvalidArgumentException naming route.serviceName",
                () -> network().insertRoute(newRoute(app).serviceName(text(256)).build()),
                "route.serviceName");
        assertThat(network().listRoutes(tenant, app.id()))
                .as("[N-22] network().listRoutes(tenant, app.id()) must be empty").isEmpty();

        Route low = network().insertRoute(newRoute(app).port(1).weight(0).build());
        tick(1);
        Route high = network().insertRoute(newRoute(app).port(65_535).weight(1000).build());
        assertThat(network().listRoutes(tenant, app.id()))
                .as("[N-22] network().listRoutes(tenant, app.id()) must contain exactly low, "
                        + "high").containsExactly(low, high);
    }

    @Test
    @DisplayName("N-23 a certificate with a blank or over-long issuer or no expiresAt throws InvalidArgument naming"
            + " the field; nothing is stored")
    void certificateValidation() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);

        assertInvalidArgument("[N-23] network().insertCertificate(newCertificate(domain).issuer(\" \").build()) must "
                        + "throw InvalidArgumentException naming certificate.issuer",
                () -> network().insertCertificate(newCertificate(domain).issuer(" ").build()),
                "certificate.issuer");
        assertInvalidArgument("[N-23] network().insertCertificate(newCertificate(domain).issuer(text(256)).build()) "
                        + "must throw InvalidArgumentException naming certificate.issuer",
                () -> network().insertCertificate(newCertificate(domain).issuer(text(256)).build()),
                "certificate.issuer");
        assertInvalidArgument("[N-23] network().insertCertificate(newCertificate(domain).expiresAt(null).build()) must "
                        + "throw InvalidArgumentException naming certificate.expiresAt",
                () -> network().insertCertificate(newCertificate(domain).expiresAt(null).build()),
                "certificate.expiresAt");
        assertInvalidArgument("[N-23] network().insertCertificate(newCertificate(domain).domainId(null).build()) must "
                        + "throw InvalidArgumentException naming certificate.domainId",
                () -> network().insertCertificate(newCertificate(domain).domainId(null).build()),
                "certificate.domainId");

        assertThat(network().listCertificates(tenant, app.id()))
                .as("[N-23] network().listCertificates(tenant, app.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("N-24 inserting a record that was already stored (version 1) throws InvalidArgument(<entity>.version)"
            + " and stores nothing")
    void insertNeedsNewRecord() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);
        Instant t = clock().instant();

        assertInvalidArgument("[N-24] "
                        + "network().insertDomain(newDomain(app).createdAt(t).updatedAt(t).version(1).build()) must "
                        + "throw InvalidArgumentException naming domain.version",
                () -> network().insertDomain(newDomain(app).createdAt(t).updatedAt(t).version(1)
                .build()), "domain.version");
        assertInvalidArgument("[N-24] "
                        + "network().insertRoute(newRoute(app).createdAt(t).updatedAt(t).version(1).build()) must "
                        + "throw InvalidArgumentException naming route.version",
                () -> network().insertRoute(newRoute(app).createdAt(t).updatedAt(t).version(1)
                .build()), "route.version");
        assertInvalidArgument("[N-24] "
                        + "network().insertCertificate(newCertificate(…).createdAt(…).updatedAt(…).version(…).build()) "
                        + "must throw InvalidArgumentException naming certificate.version",
                () -> network().insertCertificate(newCertificate(domain).createdAt(t).updatedAt(t)
                .version(1).build()), "certificate.version");

        assertThat(network().listDomains(tenant, app.id()))
                .as("[N-24] network().listDomains(tenant, app.id()) must contain exactly "
                        + "domain").containsExactly(domain);
        assertThat(network().listRoutes(tenant, app.id()))
                .as("[N-24] network().listRoutes(tenant, app.id()) must be empty").isEmpty();
        assertThat(network().listCertificates(tenant, app.id()))
                .as("[N-24] network().listCertificates(tenant, app.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("N-25 a null argument to any network method throws InvalidArgument naming the parameter")
    void nullArguments() {
        Instance app = insertInstance(tenant);
        Domain domain = insertDomain(app);
        Route route = insertRoute(app);
        Certificate certificate = insertCertificate(domain);

        assertInvalidArgument("[N-25] network().insertDomain(null) must throw InvalidArgumentException naming domain",
                () -> network().insertDomain(null), "domain");
        assertInvalidArgument("[N-25] network().getDomain(null, domain.id()) must throw InvalidArgumentException "
                        + "naming tenantId",
                () -> network().getDomain(null, domain.id()), "tenantId");
        assertInvalidArgument("[N-25] network().getDomain(tenant, null) must throw InvalidArgumentException naming "
                        + "domainId",
                () -> network().getDomain(tenant, null), "domainId");
        assertInvalidArgument("[N-25] network().getDomainByHostname(null, domain.hostname()) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> network().getDomainByHostname(null, domain.hostname()), "tenantId");
        assertInvalidArgument("[N-25] network().getDomainByHostname(tenant, null) must throw InvalidArgumentException "
                        + "naming hostname",
                () -> network().getDomainByHostname(tenant, null), "hostname");
        assertInvalidArgument("[N-25] network().listDomains(null, app.id()) must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> network().listDomains(null, app.id()), "tenantId");
        assertInvalidArgument("[N-25] network().listDomains(tenant, null) must throw InvalidArgumentException naming "
                        + "instanceId",
                () -> network().listDomains(tenant, null), "instanceId");
        assertInvalidArgument("[N-25] network().updateDomain(null) must throw InvalidArgumentException naming domain",
                () -> network().updateDomain(null), "domain");
        assertInvalidArgument("[N-25] network().deleteDomain(null, domain.id()) must throw InvalidArgumentException "
                        + "naming tenantId",
                () -> network().deleteDomain(null, domain.id()), "tenantId");
        assertInvalidArgument("[N-25] network().deleteDomain(tenant, null) must throw InvalidArgumentException naming "
                        + "domainId",
                () -> network().deleteDomain(tenant, null), "domainId");
        assertInvalidArgument("[N-25] network().countDomains(null) must throw InvalidArgumentException naming tenantId",
                () -> network().countDomains(null), "tenantId");
        assertInvalidArgument("[N-25] network().insertRoute(null) must throw InvalidArgumentException naming route",
                () -> network().insertRoute(null), "route");
        assertInvalidArgument("[N-25] network().getRoute(null, route.id()) must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> network().getRoute(null, route.id()), "tenantId");
        assertInvalidArgument("[N-25] network().getRoute(tenant, null) must throw InvalidArgumentException naming "
                        + "routeId",
                () -> network().getRoute(tenant, null), "routeId");
        assertInvalidArgument("[N-25] network().listRoutes(null, app.id()) must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> network().listRoutes(null, app.id()), "tenantId");
        assertInvalidArgument("[N-25] network().listRoutes(tenant, null) must throw InvalidArgumentException naming "
                        + "instanceId",
                () -> network().listRoutes(tenant, null), "instanceId");
        assertInvalidArgument("[N-25] network().updateRoute(null) must throw InvalidArgumentException naming route",
                () -> network().updateRoute(null), "route");
        assertInvalidArgument("[N-25] network().deleteRoute(null, route.id()) must throw InvalidArgumentException "
                        + "naming tenantId",
                () -> network().deleteRoute(null, route.id()), "tenantId");
        assertInvalidArgument("[N-25] network().deleteRoute(tenant, null) must throw InvalidArgumentException naming "
                        + "routeId",
                () -> network().deleteRoute(tenant, null), "routeId");
        assertInvalidArgument("[N-25] network().insertCertificate(null) must throw InvalidArgumentException naming "
                        + "certificate",
                () -> network().insertCertificate(null), "certificate");
        assertInvalidArgument("[N-25] network().getCertificate(null, certificate.id()) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> network().getCertificate(null, certificate.id()), "tenantId");
        assertInvalidArgument("[N-25] network().getCertificate(tenant, null) must throw InvalidArgumentException "
                        + "naming certificateId",
                () -> network().getCertificate(tenant, null), "certificateId");
        assertInvalidArgument("[N-25] network().listCertificates(null, app.id()) must throw InvalidArgumentException "
                        + "naming tenantId",
                () -> network().listCertificates(null, app.id()), "tenantId");
        assertInvalidArgument("[N-25] network().listCertificates(tenant, null) must throw InvalidArgumentException "
                        + "naming instanceId",
                () -> network().listCertificates(tenant, null), "instanceId");
        assertInvalidArgument("[N-25] network().updateCertificate(null) must throw InvalidArgumentException naming "
                        + "certificate",
                () -> network().updateCertificate(null), "certificate");
        assertInvalidArgument("[N-25] network().deleteCertificate(null, certificate.id()) must throw "
                        + "InvalidArgumentException naming tenantId",
                () -> network().deleteCertificate(null, certificate.id()), "tenantId");
        assertInvalidArgument("[N-25] network().deleteCertificate(tenant, null) must throw InvalidArgumentException "
                        + "naming certificateId",
                () -> network().deleteCertificate(tenant, null), "certificateId");

        assertThat(network().getDomain(tenant, domain.id()))
                .as("[N-25] network().getDomain(tenant, domain.id()) must equal domain").isEqualTo(domain);
        assertThat(network().getRoute(tenant, route.id()))
                .as("[N-25] network().getRoute(tenant, route.id()) must equal route").isEqualTo(route);
        assertThat(network().getCertificate(tenant, certificate.id()))
                .as("[N-25] network().getCertificate(tenant, certificate.id()) must equal "
                        + "certificate").isEqualTo(certificate);
    }

    @Test
    @DisplayName("N-26 id text with another type's prefix is rejected by DomainId, RouteId and CertificateId.parse"
            + " with InvalidArgument naming the id field")
    void wrongIdPrefixes() {
        assertInvalidArgument("[N-26] DomainId.parse(RouteId.generate().value()) must throw InvalidArgumentException "
                        + "naming domainId",
                () -> DomainId.parse(RouteId.generate().value()), "domainId");
        assertInvalidArgument("[N-26] RouteId.parse(DomainId.generate().value()) must throw InvalidArgumentException "
                        + "naming routeId",
                () -> RouteId.parse(DomainId.generate().value()), "routeId");
        assertInvalidArgument("[N-26] CertificateId.parse(DomainId.generate().value()) must throw "
                        + "InvalidArgumentException naming certificateId",
                () -> CertificateId.parse(DomainId.generate().value()), "certificateId");
        assertInvalidArgument("[N-26] DomainId.parse(\"dom_not-a-type-id\") must throw InvalidArgumentException naming "
                        + "domainId",
                () -> DomainId.parse("dom_not-a-type-id"), "domainId");
    }

    // --- concurrency ---

    @Test
    @DisplayName("N-27 8 threads each adding 1 to a route's weight 25 times, re-reading on Conflict, lose no update")
    void concurrentUpdatesLoseNothing() throws Exception {
        Instance app = insertInstance(tenant);
        Route route = network().insertRoute(newRoute(app).weight(0).build());

        concurrently(THREADS, thread -> {
            for (int i = 0; i < PER_THREAD; i++) {
                for (int attempt = 0; ; attempt++) {
                    if (attempt == 10_000) {
                        throw new AssertionError("no update succeeded after 10,000 attempts");
                    }
                    Route current = network().getRoute(tenant, route.id());
                    try {
                        network().updateRoute(current.toBuilder().weight(current.weight() + 1).build());
                        break;
                    } catch (ConflictException retry) {
                        // someone else won; re-read and apply again
                    }
                }
            }
        });

        Route last = network().getRoute(tenant, route.id());
        assertThat(last.weight())
                .as("[N-27] last.weight() from network().getRoute(tenant, route.id()) must equal THREADS * "
                        + "PER_THREAD").isEqualTo(THREADS * PER_THREAD);
        assertThat(last.version())
                .as("[N-27] last.version() from network().getRoute(tenant, route.id()) must equal 1 + THREADS * "
                        + "PER_THREAD").isEqualTo(1 + THREADS * PER_THREAD);
    }

    @Test
    @DisplayName("N-28 8 threads inserting 25 domains, routes and certificates each all land")
    void concurrentInsertsLand() throws Exception {
        Instance app = insertInstance(tenant);

        concurrently(THREADS, thread -> {
            for (int i = 0; i < PER_THREAD; i++) {
                Domain domain = network().insertDomain(newDomain(app).hostname("t" + thread + "-" + i + ".example.com")
                        .build());
                network().insertRoute(newRoute(app).build());
                network().insertCertificate(newCertificate(domain).build());
            }
        });

        int total = THREADS * PER_THREAD;
        assertThat(network().countDomains(tenant))
                .as("[N-28] network().countDomains(tenant) must equal total").isEqualTo(total);
        assertThat(network().listDomains(tenant, app.id()))
                .as("[N-28] network().listDomains(tenant, app.id()) mapped by Domain::hostname must have no duplicates "
                        + "and have size total")
                .extracting(Domain::hostname).doesNotHaveDuplicates()
                .hasSize(total);
        assertThat(network().listRoutes(tenant, app.id()))
                .as("[N-28] network().listRoutes(tenant, app.id()) mapped by Route::id must have no duplicates and "
                        + "have size total")
                .extracting(Route::id).doesNotHaveDuplicates()
                .hasSize(total);
        assertThat(network().listCertificates(tenant, app.id()))
                .as("[N-28] network().listCertificates(tenant, app.id()) mapped by Certificate::id must have no "
                        + "duplicates and have size total")
                .extracting(Certificate::id).doesNotHaveDuplicates()
                .hasSize(total);
    }
}
