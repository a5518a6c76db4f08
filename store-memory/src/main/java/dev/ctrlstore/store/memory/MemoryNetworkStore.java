package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.CertificateId;
import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.RouteId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.network.Route;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Domains, routes and certificates in three maps by id, under the shared lock. */
final class MemoryNetworkStore implements NetworkStore {
    private static final Comparator<Domain> DOMAIN_ORDER =
            Comparator.comparing(Domain::createdAt).thenComparing(Domain::id);
    private static final Comparator<Route> ROUTE_ORDER =
            Comparator.comparing(Route::createdAt).thenComparing(Route::id);
    private static final Comparator<Certificate> CERTIFICATE_ORDER =
            Comparator.comparing(Certificate::createdAt).thenComparing(Certificate::id);

    private final MemoryState state;
    private final Map<DomainId, Domain> domains = new HashMap<>();
    private final Map<RouteId, Route> routes = new HashMap<>();
    private final Map<CertificateId, Certificate> certificates = new HashMap<>();

    MemoryNetworkStore(MemoryState state) {
        this.state = state;
        state.onInstanceDeleted(this::instanceDeleted);
    }

    // --- domains ---

    @Override
    public Domain insertDomain(Domain domain) {
        Checks.notNull(domain, "domain");
        Versions.requireNew(domain.version(), "domain", domain.id().value());
        return state.write(() -> {
            state.requireInstance(domain.tenantId(), domain.instanceId());
            if (domains.containsKey(domain.id())) {
                throw new AlreadyExistsException(domain.tenantId(), ResourceKind.DOMAIN, domain.id().value(), "id",
                        domain.id().value());
            }
            requireFreeHostname(domain);
            Instant now = state.now();
            Domain stored = domain.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            domains.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Domain getDomain(TenantId tenantId, DomainId domainId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(domainId, "domainId");
        return state.read(() -> existingDomain(tenantId, domainId));
    }

    @Override
    public Domain getDomainByHostname(TenantId tenantId, String hostname) {
        Checks.notNull(tenantId, "tenantId");
        Checks.hostname(hostname, "hostname");
        return state.read(() -> domains.values().stream()
                .filter(d -> d.tenantId().equals(tenantId) && d.hostname().equals(hostname))
                .findFirst()
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.DOMAIN, hostname)));
    }

    @Override
    public List<Domain> listDomains(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return state.read(() -> domains.values().stream()
                .filter(d -> d.tenantId().equals(tenantId) && d.instanceId().equals(instanceId))
                .sorted(DOMAIN_ORDER)
                .toList());
    }

    @Override
    public Domain updateDomain(Domain domain) {
        Checks.notNull(domain, "domain");
        Versions.requireStored(domain.version(), "domain", domain.id().value());
        return state.write(() -> {
            Domain current = existingDomain(domain.tenantId(), domain.id());
            StoreRules.requireUnchanged(current.instanceId(), domain.instanceId(), "domain.instanceId",
                    domain.tenantId(), ResourceKind.DOMAIN, domain.id().value(),
                    "delete it and insert a new " + ResourceKind.DOMAIN.label() + " instead");
            if (current.version() != domain.version()) {
                throw new ConflictException(domain.tenantId(), ResourceKind.DOMAIN, domain.id().value(),
                        domain.version(), current.version());
            }
            requireFreeHostname(domain);
            Domain stored = domain.toBuilder().createdAt(current.createdAt()).updatedAt(state.now())
                    .version(current.version() + 1).build();
            domains.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public void deleteDomain(TenantId tenantId, DomainId domainId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(domainId, "domainId");
        state.write(() -> {
            existingDomain(tenantId, domainId);
            removeDomains(Set.of(domainId));
        });
    }

    @Override
    public long countDomains(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return state.read(() -> domains.values().stream().filter(d -> d.tenantId().equals(tenantId)).count());
    }

    // --- routes ---

    @Override
    public Route insertRoute(Route route) {
        Checks.notNull(route, "route");
        Versions.requireNew(route.version(), "route", route.id().value());
        return state.write(() -> {
            state.requireInstance(route.tenantId(), route.instanceId());
            if (routes.containsKey(route.id())) {
                throw new AlreadyExistsException(route.tenantId(), ResourceKind.ROUTE, route.id().value(), "id",
                        route.id().value());
            }
            Instant now = state.now();
            Route stored = route.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            routes.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Route getRoute(TenantId tenantId, RouteId routeId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(routeId, "routeId");
        return state.read(() -> existingRoute(tenantId, routeId));
    }

    @Override
    public List<Route> listRoutes(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return state.read(() -> routes.values().stream()
                .filter(r -> r.tenantId().equals(tenantId) && r.instanceId().equals(instanceId))
                .sorted(ROUTE_ORDER)
                .toList());
    }

    @Override
    public Route updateRoute(Route route) {
        Checks.notNull(route, "route");
        Versions.requireStored(route.version(), "route", route.id().value());
        return state.write(() -> {
            Route current = existingRoute(route.tenantId(), route.id());
            StoreRules.requireUnchanged(current.instanceId(), route.instanceId(), "route.instanceId",
                    route.tenantId(), ResourceKind.ROUTE, route.id().value(),
                    "delete it and insert a new " + ResourceKind.ROUTE.label() + " instead");
            if (current.version() != route.version()) {
                throw new ConflictException(route.tenantId(), ResourceKind.ROUTE, route.id().value(),
                        route.version(), current.version());
            }
            Route stored = route.toBuilder().createdAt(current.createdAt()).updatedAt(state.now())
                    .version(current.version() + 1).build();
            routes.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public void deleteRoute(TenantId tenantId, RouteId routeId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(routeId, "routeId");
        state.write(() -> {
            existingRoute(tenantId, routeId);
            routes.remove(routeId);
        });
    }

    // --- certificates ---

    @Override
    public Certificate insertCertificate(Certificate certificate) {
        Checks.notNull(certificate, "certificate");
        Versions.requireNew(certificate.version(), "certificate", certificate.id().value());
        return state.write(() -> {
            existingDomain(certificate.tenantId(), certificate.domainId());
            if (certificates.containsKey(certificate.id())) {
                throw new AlreadyExistsException(certificate.tenantId(), ResourceKind.CERTIFICATE,
                        certificate.id().value(), "id", certificate.id().value());
            }
            Instant now = state.now();
            Certificate stored = certificate.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            certificates.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Certificate getCertificate(TenantId tenantId, CertificateId certificateId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(certificateId, "certificateId");
        return state.read(() -> existingCertificate(tenantId, certificateId));
    }

    @Override
    public List<Certificate> listCertificates(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return state.read(() -> {
            Set<DomainId> ofInstance = domainIdsOf(tenantId, instanceId);
            return certificates.values().stream()
                    .filter(c -> c.tenantId().equals(tenantId) && ofInstance.contains(c.domainId()))
                    .sorted(CERTIFICATE_ORDER)
                    .toList();
        });
    }

    @Override
    public Certificate updateCertificate(Certificate certificate) {
        Checks.notNull(certificate, "certificate");
        Versions.requireStored(certificate.version(), "certificate", certificate.id().value());
        return state.write(() -> {
            Certificate current = existingCertificate(certificate.tenantId(), certificate.id());
            StoreRules.requireUnchanged(current.domainId(), certificate.domainId(), "certificate.domainId",
                    certificate.tenantId(), ResourceKind.CERTIFICATE, certificate.id().value(),
                    "delete it and insert a new " + ResourceKind.CERTIFICATE.label() + " instead");
            if (current.version() != certificate.version()) {
                throw new ConflictException(certificate.tenantId(), ResourceKind.CERTIFICATE,
                        certificate.id().value(), certificate.version(), current.version());
            }
            Certificate stored = certificate.toBuilder().createdAt(current.createdAt()).updatedAt(state.now())
                    .version(current.version() + 1).build();
            certificates.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public void deleteCertificate(TenantId tenantId, CertificateId certificateId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(certificateId, "certificateId");
        state.write(() -> {
            existingCertificate(tenantId, certificateId);
            certificates.remove(certificateId);
        });
    }

    // --- helpers (call under the lock) ---

    /** The instance cascade: its domains with their certificates, and its routes. Runs under the write lock. */
    private void instanceDeleted(TenantId tenantId, InstanceId instanceId) {
        removeDomains(domainIdsOf(tenantId, instanceId));
        routes.values().removeIf(r -> r.tenantId().equals(tenantId) && r.instanceId().equals(instanceId));
    }

    private void removeDomains(Set<DomainId> ids) {
        domains.keySet().removeAll(ids);
        certificates.values().removeIf(c -> ids.contains(c.domainId()));
    }

    private Set<DomainId> domainIdsOf(TenantId tenantId, InstanceId instanceId) {
        return domains.values().stream()
                .filter(d -> d.tenantId().equals(tenantId) && d.instanceId().equals(instanceId))
                .map(Domain::id)
                .collect(Collectors.toSet());
    }

    private void requireFreeHostname(Domain domain) {
        for (Domain other : domains.values()) {
            if (other.tenantId().equals(domain.tenantId()) && other.hostname().equals(domain.hostname())
                    && !other.id().equals(domain.id())) {
                throw new AlreadyExistsException(domain.tenantId(), ResourceKind.DOMAIN, domain.id().value(),
                        "hostname", domain.hostname());
            }
        }
    }

    private Domain existingDomain(TenantId tenantId, DomainId id) {
        Domain d = domains.get(id);
        if (d == null || !d.tenantId().equals(tenantId)) {
            throw new NotFoundException(tenantId, ResourceKind.DOMAIN, id.value());
        }
        return d;
    }

    private Route existingRoute(TenantId tenantId, RouteId id) {
        Route r = routes.get(id);
        if (r == null || !r.tenantId().equals(tenantId)) {
            throw new NotFoundException(tenantId, ResourceKind.ROUTE, id.value());
        }
        return r;
    }

    private Certificate existingCertificate(TenantId tenantId, CertificateId id) {
        Certificate c = certificates.get(id);
        if (c == null || !c.tenantId().equals(tenantId)) {
            throw new NotFoundException(tenantId, ResourceKind.CERTIFICATE, id.value());
        }
        return c;
    }
}
