package dev.ctrlstore.replication.process;

import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.sqlite.SqliteStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A reader in a process of its own: reads every replicated subsystem of an LDB in a loop for a while and reports how
 * many reads it did and every exception it saw, one {@code ERROR} line each. Prints {@code READY} once the store is
 * open, starts reading when a line arrives on stdin, and {@code DONE reads=<n> errors=<n> gone=<n> maxMillis=<slowest pass>} at the end ({@code gone}: passes cut
 * short because a row it had just listed was deleted before it read it — data moving, not a failure).
 *
 * <p>Arguments: the LDB file, how long to read (milliseconds).
 */
public final class ReaderChild {

    private ReaderChild() {
    }

    public static void main(String[] args) throws Exception {
        Path ldb = Path.of(args[0]);
        long reads = 0;
        long errors = 0;
        long gone = 0;
        long slowest = 0;
        try (Store store = SqliteStore.builder().path(ldb).readOnly(true).build()) {
            System.out.println("READY");
            // Every reader starts reading at the same moment, however long its JVM took to start.
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            long until = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000L;
            while (System.nanoTime() < until) {
                long started = System.nanoTime();
                try {
                    reads += readEverything(store);
                } catch (NotFoundException e) {
                    // Listed, then deleted by the reflector before the next read: the data moved, nothing failed.
                    gone++;
                } catch (Throwable e) {
                    errors++;
                    System.out.println("ERROR " + describe(e));
                }
                slowest = Math.max(slowest, System.nanoTime() - started);
            }
        }
        System.out.println("DONE reads=" + reads + " errors=" + errors + " gone=" + gone
                + " maxMillis=" + slowest / 1_000_000);
    }

    /** One pass over the replicated data, as a host's services would read it; returns how many calls it made. */
    private static int readEverything(Store store) {
        int calls = 1;
        List<Tenant> tenants = store.admin().listTenants(TenantFilter.all(), PageRequest.first(100)).items();
        for (Tenant tenant : tenants) {
            List<Instance> instances = store.instances().list(tenant.id(), InstanceFilter.all(), PageRequest.first(20))
                    .items();
            calls++;
            for (Instance instance : instances.subList(0, Math.min(5, instances.size()))) {
                store.instances().get(tenant.id(), instance.id());
                store.network().listDomains(tenant.id(), instance.id());
                store.network().listRoutes(tenant.id(), instance.id());
                store.network().listCertificates(tenant.id(), instance.id());
                store.health().listChecks(tenant.id(), instance.id());
                store.deployments().listReleases(tenant.id(), instance.id(), PageRequest.first(10));
                store.deployments().listDeployments(tenant.id(), instance.id(), PageRequest.first(10));
                calls += 7;
            }
        }
        return calls;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString().replace('\n', ' ');
    }
}
