package dev.ctrlstore.store.admin;

import dev.ctrlstore.store.internal.Checks;

/**
 * The resource limits of a tenant. Stores keep them and never enforce them; a service layer compares them with
 * usage (instance, domain and secret counts). Every limit is non-negative; 0 allows none.
 *
 * @param maxInstances most instances
 * @param maxCpuMillis most CPU, in thousandths of a core, summed over the tenant's services
 * @param maxMemoryMb most memory in MiB
 * @param maxDiskMb most disk in MiB
 * @param maxDomains most custom domains
 * @param maxSecrets most secrets
 */
public record Quota(int maxInstances, int maxCpuMillis, int maxMemoryMb, int maxDiskMb, int maxDomains,
        int maxSecrets) {

    /** The limits a new tenant gets: 5 instances, 4000 mCPU, 8192 MiB memory, 20480 MiB disk, 10 domains, 50 secrets. */
    public static final Quota DEFAULT = new Quota(5, 4000, 8192, 20480, 10, 50);

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException naming the first negative limit, e.g.
     *     {@code quota.maxInstances}
     */
    public Quota {
        Checks.nonNegative(maxInstances, "quota.maxInstances");
        Checks.nonNegative(maxCpuMillis, "quota.maxCpuMillis");
        Checks.nonNegative(maxMemoryMb, "quota.maxMemoryMb");
        Checks.nonNegative(maxDiskMb, "quota.maxDiskMb");
        Checks.nonNegative(maxDomains, "quota.maxDomains");
        Checks.nonNegative(maxSecrets, "quota.maxSecrets");
    }

    public Quota withMaxInstances(int v) {
        return new Quota(v, maxCpuMillis, maxMemoryMb, maxDiskMb, maxDomains, maxSecrets);
    }

    public Quota withMaxCpuMillis(int v) {
        return new Quota(maxInstances, v, maxMemoryMb, maxDiskMb, maxDomains, maxSecrets);
    }

    public Quota withMaxMemoryMb(int v) {
        return new Quota(maxInstances, maxCpuMillis, v, maxDiskMb, maxDomains, maxSecrets);
    }

    public Quota withMaxDiskMb(int v) {
        return new Quota(maxInstances, maxCpuMillis, maxMemoryMb, v, maxDomains, maxSecrets);
    }

    public Quota withMaxDomains(int v) {
        return new Quota(maxInstances, maxCpuMillis, maxMemoryMb, maxDiskMb, v, maxSecrets);
    }

    public Quota withMaxSecrets(int v) {
        return new Quota(maxInstances, maxCpuMillis, maxMemoryMb, maxDiskMb, maxDomains, v);
    }
}
