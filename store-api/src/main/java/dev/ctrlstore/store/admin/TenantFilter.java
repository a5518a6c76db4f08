package dev.ctrlstore.store.admin;

import dev.ctrlstore.store.internal.Checks;

import java.util.Optional;

/**
 * Which tenants {@link AdminStore#listTenants} returns. Every present criterion must hold (AND).
 *
 * @param status only tenants with this status
 */
public record TenantFilter(Optional<TenantStatus> status) {
    public TenantFilter {
        status = status == null ? Optional.empty() : status;
    }

    /** No criteria: every tenant. */
    public static TenantFilter all() {
        return new TenantFilter(Optional.empty());
    }

    /**
     * Only tenants with status {@code s}.
     *
     * @throws dev.ctrlstore.store.InvalidArgumentException if {@code s} is null
     */
    public TenantFilter withStatus(TenantStatus s) {
        return new TenantFilter(Optional.of(Checks.notNull(s, "filter.status")));
    }

    /** Whether {@code t} meets every criterion. */
    public boolean matches(Tenant t) {
        return status.map(s -> s == t.status()).orElse(true);
    }
}
