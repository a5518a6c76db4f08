package dev.ctrlstore.store.sql;

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
import dev.ctrlstore.store.jooq.tables.records.CertificatesRecord;
import dev.ctrlstore.store.jooq.tables.records.DomainsRecord;
import dev.ctrlstore.store.jooq.tables.records.RoutesRecord;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.network.Route;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static dev.ctrlstore.store.jooq.Tables.CERTIFICATES;
import static dev.ctrlstore.store.jooq.Tables.DOMAINS;
import static dev.ctrlstore.store.jooq.Tables.ROUTES;

/**
 * Domains, routes and certificates in the {@code domains}, {@code routes} and {@code certificates} tables. The
 * hostname is unique per tenant ({@code domains_tenant_hostname_key}). A certificate references its domain by
 * (tenant_id, domain_id), so deleting a domain, or the instance owning it, deletes its certificates through the
 * schema's {@code ON DELETE CASCADE}; it reaches its instance only through the domain, which is how
 * {@link #listCertificates} finds it.
 */
final class SqlNetworkStore extends SqlSubsystem implements NetworkStore {
    // Reads by key, prepared once (see Prepared).
    private static final Prepared DOMAIN_BY_ID = Prepared.byKey("domains.byId", DOMAINS, DOMAINS.TENANT_ID, DOMAINS.ID);
    private static final Prepared DOMAIN_BY_HOSTNAME = Prepared.byKey("domains.byHostname", DOMAINS,
            DOMAINS.TENANT_ID, DOMAINS.HOSTNAME);
    private static final Prepared ROUTE_BY_ID = Prepared.byKey("routes.byId", ROUTES, ROUTES.TENANT_ID, ROUTES.ID);
    private static final Prepared CERTIFICATE_BY_ID = Prepared.byKey("certificates.byId", CERTIFICATES,
            CERTIFICATES.TENANT_ID, CERTIFICATES.ID);

    SqlNetworkStore(SqlDatabase db, Clock clock) {
        super(db, clock);
    }

    // --- domains ---

    @Override
    public Domain insertDomain(Domain domain) {
        Checks.notNull(domain, "domain");
        Versions.requireNew(domain.version(), "domain", domain.id().value());
        return transact("network().insertDomain", tx -> {
            DSLContext ctx = tx.dsl();
            requireInstance(ctx, domain.tenantId(), domain.instanceId());
            // Ids are unique over all tenants (primary key), as in the memory store.
            if (ctx.fetchExists(DOMAINS, DOMAINS.ID.eq(domain.id()))) {
                throw duplicateDomain(domain, "id");
            }
            requireFreeHostname(ctx, domain);
            Instant now = now();
            Domain stored = domain.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            tx.insert(toRecord(stored));
            return stored;
        }, field -> duplicateDomain(domain, field));
    }

    @Override
    public Domain getDomain(TenantId tenantId, DomainId domainId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(domainId, "domainId");
        return fetchExisting(DOMAIN_BY_ID, SqlNetworkStore::toDomain,
                () -> new NotFoundException(tenantId, ResourceKind.DOMAIN, domainId.value()), tenantId, domainId);
    }

    @Override
    public Domain getDomainByHostname(TenantId tenantId, String hostname) {
        Checks.notNull(tenantId, "tenantId");
        Checks.hostname(hostname, "hostname");
        return fetchExisting(DOMAIN_BY_HOSTNAME, SqlNetworkStore::toDomain,
                () -> new NotFoundException(tenantId, ResourceKind.DOMAIN, hostname), tenantId, hostname);
    }

    @Override
    public List<Domain> listDomains(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return read(ctx -> ctx.selectFrom(DOMAINS)
                .where(DOMAINS.TENANT_ID.eq(tenantId), DOMAINS.INSTANCE_ID.eq(instanceId))
                .orderBy(DOMAINS.CREATED_AT.asc(), DOMAINS.ID.asc())
                .fetch(r -> toDomain(Row.of(r)))
                .stream().toList());
    }

    @Override
    public Domain updateDomain(Domain domain) {
        Checks.notNull(domain, "domain");
        Versions.requireStored(domain.version(), "domain", domain.id().value());
        return transact("network().updateDomain", tx -> {
            DSLContext ctx = tx.dsl();
            Domain current = existingDomain(ctx, domain.tenantId(), domain.id());
            StoreRules.requireUnchanged(current.instanceId(), domain.instanceId(), "domain.instanceId",
                    domain.tenantId(), ResourceKind.DOMAIN, domain.id().value(),
                    "delete it and insert a new " + ResourceKind.DOMAIN.label() + " instead");
            if (current.version() != domain.version()) {
                throw conflict(domain, current.version());
            }
            requireFreeHostname(ctx, domain);
            Domain stored = domain.toBuilder().createdAt(current.createdAt()).updatedAt(now())
                    .version(current.version() + 1).build();
            if (!tx.update(toRecord(stored), domain.version())) {
                throw conflict(domain, existingDomain(ctx, domain.tenantId(), domain.id()).version());
            }
            return stored;
        }, field -> duplicateDomain(domain, field));
    }

    @Override
    public void deleteDomain(TenantId tenantId, DomainId domainId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(domainId, "domainId");
        transact("network().deleteDomain", tx -> {
            // Its certificates go with it through certificates_domain_fk ... ON DELETE CASCADE.
            if (!tx.delete(DOMAINS, tenantId, domainId)) {
                throw new NotFoundException(tenantId, ResourceKind.DOMAIN, domainId.value());
            }
            return null;
        });
    }

    @Override
    public long countDomains(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return read(ctx -> (long) ctx.fetchCount(DOMAINS, DOMAINS.TENANT_ID.eq(tenantId)));
    }

    // --- routes ---

    @Override
    public Route insertRoute(Route route) {
        Checks.notNull(route, "route");
        Versions.requireNew(route.version(), "route", route.id().value());
        return transact("network().insertRoute", tx -> {
            DSLContext ctx = tx.dsl();
            requireInstance(ctx, route.tenantId(), route.instanceId());
            if (ctx.fetchExists(ROUTES, ROUTES.ID.eq(route.id()))) {
                throw duplicateRoute(route);
            }
            Instant now = now();
            Route stored = route.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            tx.insert(toRecord(stored));
            return stored;
        }, field -> duplicateRoute(route));
    }

    @Override
    public Route getRoute(TenantId tenantId, RouteId routeId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(routeId, "routeId");
        return fetchExisting(ROUTE_BY_ID, SqlNetworkStore::toRoute,
                () -> new NotFoundException(tenantId, ResourceKind.ROUTE, routeId.value()), tenantId, routeId);
    }

    @Override
    public List<Route> listRoutes(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return read(ctx -> ctx.selectFrom(ROUTES)
                .where(ROUTES.TENANT_ID.eq(tenantId), ROUTES.INSTANCE_ID.eq(instanceId))
                .orderBy(ROUTES.CREATED_AT.asc(), ROUTES.ID.asc())
                .fetch(r -> toRoute(Row.of(r)))
                .stream().toList());
    }

    @Override
    public Route updateRoute(Route route) {
        Checks.notNull(route, "route");
        Versions.requireStored(route.version(), "route", route.id().value());
        return transact("network().updateRoute", tx -> {
            DSLContext ctx = tx.dsl();
            Route current = existingRoute(ctx, route.tenantId(), route.id());
            StoreRules.requireUnchanged(current.instanceId(), route.instanceId(), "route.instanceId",
                    route.tenantId(), ResourceKind.ROUTE, route.id().value(),
                    "delete it and insert a new " + ResourceKind.ROUTE.label() + " instead");
            if (current.version() != route.version()) {
                throw conflict(route, current.version());
            }
            Route stored = route.toBuilder().createdAt(current.createdAt()).updatedAt(now())
                    .version(current.version() + 1).build();
            if (!tx.update(toRecord(stored), route.version())) {
                throw conflict(route, existingRoute(ctx, route.tenantId(), route.id()).version());
            }
            return stored;
        });
    }

    @Override
    public void deleteRoute(TenantId tenantId, RouteId routeId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(routeId, "routeId");
        transact("network().deleteRoute", tx -> {
            if (!tx.delete(ROUTES, tenantId, routeId)) {
                throw new NotFoundException(tenantId, ResourceKind.ROUTE, routeId.value());
            }
            return null;
        });
    }

    // --- certificates ---

    @Override
    public Certificate insertCertificate(Certificate certificate) {
        Checks.notNull(certificate, "certificate");
        Versions.requireNew(certificate.version(), "certificate", certificate.id().value());
        return transact("network().insertCertificate", tx -> {
            DSLContext ctx = tx.dsl();
            // The parent is the domain: NotFound(DOMAIN) in the certificate's tenant, checked before the id.
            if (!ctx.fetchExists(DOMAINS, DOMAINS.TENANT_ID.eq(certificate.tenantId()),
                    DOMAINS.ID.eq(certificate.domainId()))) {
                throw new NotFoundException(certificate.tenantId(), ResourceKind.DOMAIN,
                        certificate.domainId().value());
            }
            if (ctx.fetchExists(CERTIFICATES, CERTIFICATES.ID.eq(certificate.id()))) {
                throw duplicateCertificate(certificate);
            }
            Instant now = now();
            Certificate stored = certificate.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            tx.insert(toRecord(stored));
            return stored;
        }, field -> duplicateCertificate(certificate));
    }

    @Override
    public Certificate getCertificate(TenantId tenantId, CertificateId certificateId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(certificateId, "certificateId");
        return fetchExisting(CERTIFICATE_BY_ID, SqlNetworkStore::toCertificate,
                () -> new NotFoundException(tenantId, ResourceKind.CERTIFICATE, certificateId.value()), tenantId,
                certificateId);
    }

    @Override
    public List<Certificate> listCertificates(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return read(ctx -> ctx.selectFrom(CERTIFICATES)
                .where(CERTIFICATES.TENANT_ID.eq(tenantId),
                        CERTIFICATES.DOMAIN_ID.in(ctx.select(DOMAINS.ID).from(DOMAINS)
                                .where(DOMAINS.TENANT_ID.eq(tenantId), DOMAINS.INSTANCE_ID.eq(instanceId))))
                .orderBy(CERTIFICATES.CREATED_AT.asc(), CERTIFICATES.ID.asc())
                .fetch(r -> toCertificate(Row.of(r)))
                .stream().toList());
    }

    @Override
    public Certificate updateCertificate(Certificate certificate) {
        Checks.notNull(certificate, "certificate");
        Versions.requireStored(certificate.version(), "certificate", certificate.id().value());
        return transact("network().updateCertificate", tx -> {
            DSLContext ctx = tx.dsl();
            Certificate current = existingCertificate(ctx, certificate.tenantId(), certificate.id());
            StoreRules.requireUnchanged(current.domainId(), certificate.domainId(), "certificate.domainId",
                    certificate.tenantId(), ResourceKind.CERTIFICATE, certificate.id().value(),
                    "delete it and insert a new " + ResourceKind.CERTIFICATE.label() + " instead");
            if (current.version() != certificate.version()) {
                throw conflict(certificate, current.version());
            }
            Certificate stored = certificate.toBuilder().createdAt(current.createdAt()).updatedAt(now())
                    .version(current.version() + 1).build();
            if (!tx.update(toRecord(stored), certificate.version())) {
                throw conflict(certificate,
                        existingCertificate(ctx, certificate.tenantId(), certificate.id()).version());
            }
            return stored;
        });
    }

    @Override
    public void deleteCertificate(TenantId tenantId, CertificateId certificateId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(certificateId, "certificateId");
        transact("network().deleteCertificate", tx -> {
            if (!tx.delete(CERTIFICATES, tenantId, certificateId)) {
                throw new NotFoundException(tenantId, ResourceKind.CERTIFICATE, certificateId.value());
            }
            return null;
        });
    }

    // --- helpers ---

    private static void requireFreeHostname(DSLContext ctx, Domain domain) {
        if (ctx.fetchExists(DOMAINS, DOMAINS.TENANT_ID.eq(domain.tenantId()),
                DOMAINS.HOSTNAME.eq(domain.hostname()), DOMAINS.ID.ne(domain.id()))) {
            throw duplicateDomain(domain, "hostname");
        }
    }

    private static Domain existingDomain(DSLContext ctx, TenantId tenantId, DomainId id) {
        return ctx.selectFrom(DOMAINS)
                .where(DOMAINS.TENANT_ID.eq(tenantId), DOMAINS.ID.eq(id))
                .fetchOptional(r -> toDomain(Row.of(r)))
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.DOMAIN, id.value()));
    }

    private static Route existingRoute(DSLContext ctx, TenantId tenantId, RouteId id) {
        return ctx.selectFrom(ROUTES)
                .where(ROUTES.TENANT_ID.eq(tenantId), ROUTES.ID.eq(id))
                .fetchOptional(r -> toRoute(Row.of(r)))
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.ROUTE, id.value()));
    }

    private static Certificate existingCertificate(DSLContext ctx, TenantId tenantId, CertificateId id) {
        return ctx.selectFrom(CERTIFICATES)
                .where(CERTIFICATES.TENANT_ID.eq(tenantId), CERTIFICATES.ID.eq(id))
                .fetchOptional(r -> toCertificate(Row.of(r)))
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.CERTIFICATE, id.value()));
    }

    private static AlreadyExistsException duplicateDomain(Domain domain, String field) {
        return "hostname".equals(field)
                ? new AlreadyExistsException(domain.tenantId(), ResourceKind.DOMAIN, domain.id().value(),
                        "hostname", domain.hostname())
                : new AlreadyExistsException(domain.tenantId(), ResourceKind.DOMAIN, domain.id().value(),
                        "id", domain.id().value());
    }

    /** Routes and certificates have no natural key: any duplicate is the id. */
    private static AlreadyExistsException duplicateRoute(Route route) {
        return new AlreadyExistsException(route.tenantId(), ResourceKind.ROUTE, route.id().value(), "id",
                route.id().value());
    }

    private static AlreadyExistsException duplicateCertificate(Certificate certificate) {
        return new AlreadyExistsException(certificate.tenantId(), ResourceKind.CERTIFICATE,
                certificate.id().value(), "id", certificate.id().value());
    }

    private static ConflictException conflict(Domain domain, long actual) {
        return new ConflictException(domain.tenantId(), ResourceKind.DOMAIN, domain.id().value(),
                domain.version(), actual);
    }

    private static ConflictException conflict(Route route, long actual) {
        return new ConflictException(route.tenantId(), ResourceKind.ROUTE, route.id().value(), route.version(),
                actual);
    }

    private static ConflictException conflict(Certificate certificate, long actual) {
        return new ConflictException(certificate.tenantId(), ResourceKind.CERTIFICATE, certificate.id().value(),
                certificate.version(), actual);
    }

    private static DomainsRecord toRecord(Domain d) {
        DomainsRecord r = new DomainsRecord();
        r.setId(d.id());
        r.setTenantId(d.tenantId());
        r.setInstanceId(d.instanceId());
        r.setHostname(d.hostname());
        r.setVerified(d.verified());
        r.setTlsEnabled(d.tlsEnabled());
        r.setCertExpiresAt(d.certExpiry().orElse(null));
        r.setDnsTarget(d.dnsTarget());
        r.setVerifyToken(d.verifyToken());
        r.setCreatedAt(d.createdAt());
        r.setUpdatedAt(d.updatedAt());
        r.setVersion(d.version());
        return r;
    }

    private static Domain toDomain(Row r) {
        return Domain.builder()
                .id(r.get(DOMAINS.ID))
                .tenantId(r.get(DOMAINS.TENANT_ID))
                .instanceId(r.get(DOMAINS.INSTANCE_ID))
                .hostname(r.get(DOMAINS.HOSTNAME))
                .verified(r.get(DOMAINS.VERIFIED))
                .tlsEnabled(r.get(DOMAINS.TLS_ENABLED))
                .certExpiry(r.get(DOMAINS.CERT_EXPIRES_AT))
                .dnsTarget(r.get(DOMAINS.DNS_TARGET))
                .verifyToken(r.get(DOMAINS.VERIFY_TOKEN))
                .createdAt(r.get(DOMAINS.CREATED_AT))
                .updatedAt(r.get(DOMAINS.UPDATED_AT))
                .version(r.get(DOMAINS.VERSION))
                .build();
    }

    private static RoutesRecord toRecord(Route rt) {
        RoutesRecord r = new RoutesRecord();
        r.setId(rt.id());
        r.setTenantId(rt.tenantId());
        r.setInstanceId(rt.instanceId());
        r.setServiceName(rt.serviceName());
        r.setPath(rt.path());
        r.setPort(rt.port());
        r.setProtocol(rt.protocol());
        r.setWeight(rt.weight());
        r.setStripPrefix(rt.stripPrefix());
        r.setCreatedAt(rt.createdAt());
        r.setUpdatedAt(rt.updatedAt());
        r.setVersion(rt.version());
        return r;
    }

    private static Route toRoute(Row r) {
        return Route.builder()
                .id(r.get(ROUTES.ID))
                .tenantId(r.get(ROUTES.TENANT_ID))
                .instanceId(r.get(ROUTES.INSTANCE_ID))
                .serviceName(r.get(ROUTES.SERVICE_NAME))
                .path(r.get(ROUTES.PATH))
                .port(r.get(ROUTES.PORT))
                .protocol(r.get(ROUTES.PROTOCOL))
                .weight(r.get(ROUTES.WEIGHT))
                .stripPrefix(r.get(ROUTES.STRIP_PREFIX))
                .createdAt(r.get(ROUTES.CREATED_AT))
                .updatedAt(r.get(ROUTES.UPDATED_AT))
                .version(r.get(ROUTES.VERSION))
                .build();
    }

    private static CertificatesRecord toRecord(Certificate c) {
        CertificatesRecord r = new CertificatesRecord();
        r.setId(c.id());
        r.setTenantId(c.tenantId());
        r.setDomainId(c.domainId());
        r.setIssuer(c.issuer());
        r.setExpiresAt(c.expiresAt());
        r.setAutoRenew(c.autoRenew());
        r.setCreatedAt(c.createdAt());
        r.setUpdatedAt(c.updatedAt());
        r.setVersion(c.version());
        return r;
    }

    private static Certificate toCertificate(Row r) {
        return Certificate.builder()
                .id(r.get(CERTIFICATES.ID))
                .tenantId(r.get(CERTIFICATES.TENANT_ID))
                .domainId(r.get(CERTIFICATES.DOMAIN_ID))
                .issuer(r.get(CERTIFICATES.ISSUER))
                .expiresAt(r.get(CERTIFICATES.EXPIRES_AT))
                .autoRenew(r.get(CERTIFICATES.AUTO_RENEW))
                .createdAt(r.get(CERTIFICATES.CREATED_AT))
                .updatedAt(r.get(CERTIFICATES.UPDATED_AT))
                .version(r.get(CERTIFICATES.VERSION))
                .build();
    }
}
