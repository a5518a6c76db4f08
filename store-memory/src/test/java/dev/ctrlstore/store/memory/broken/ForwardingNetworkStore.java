package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.id.CertificateId;
import dev.ctrlstore.store.id.DomainId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.RouteId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.network.Certificate;
import dev.ctrlstore.store.network.Domain;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.network.Route;

import java.util.List;

/** Passes every call through; broken stores override the one method they break. */
class ForwardingNetworkStore implements NetworkStore {
    protected final NetworkStore delegate;

    ForwardingNetworkStore(NetworkStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Domain insertDomain(Domain domain) {
        return delegate.insertDomain(domain);
    }

    @Override
    public Domain getDomain(TenantId tenantId, DomainId domainId) {
        return delegate.getDomain(tenantId, domainId);
    }

    @Override
    public Domain getDomainByHostname(TenantId tenantId, String hostname) {
        return delegate.getDomainByHostname(tenantId, hostname);
    }

    @Override
    public List<Domain> listDomains(TenantId tenantId, InstanceId instanceId) {
        return delegate.listDomains(tenantId, instanceId);
    }

    @Override
    public Domain updateDomain(Domain domain) {
        return delegate.updateDomain(domain);
    }

    @Override
    public void deleteDomain(TenantId tenantId, DomainId domainId) {
        delegate.deleteDomain(tenantId, domainId);
    }

    @Override
    public long countDomains(TenantId tenantId) {
        return delegate.countDomains(tenantId);
    }

    @Override
    public Route insertRoute(Route route) {
        return delegate.insertRoute(route);
    }

    @Override
    public Route getRoute(TenantId tenantId, RouteId routeId) {
        return delegate.getRoute(tenantId, routeId);
    }

    @Override
    public List<Route> listRoutes(TenantId tenantId, InstanceId instanceId) {
        return delegate.listRoutes(tenantId, instanceId);
    }

    @Override
    public Route updateRoute(Route route) {
        return delegate.updateRoute(route);
    }

    @Override
    public void deleteRoute(TenantId tenantId, RouteId routeId) {
        delegate.deleteRoute(tenantId, routeId);
    }

    @Override
    public Certificate insertCertificate(Certificate certificate) {
        return delegate.insertCertificate(certificate);
    }

    @Override
    public Certificate getCertificate(TenantId tenantId, CertificateId certificateId) {
        return delegate.getCertificate(tenantId, certificateId);
    }

    @Override
    public List<Certificate> listCertificates(TenantId tenantId, InstanceId instanceId) {
        return delegate.listCertificates(tenantId, instanceId);
    }

    @Override
    public Certificate updateCertificate(Certificate certificate) {
        return delegate.updateCertificate(certificate);
    }

    @Override
    public void deleteCertificate(TenantId tenantId, CertificateId certificateId) {
        delegate.deleteCertificate(tenantId, certificateId);
    }
}
