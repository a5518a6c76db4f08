package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The list benchmarks of the SQL stores, one subclass a store: a page of one tenant's {@link #rows()} instances
 * (newest first), page 1 against the page {@code depth} rows deep, reached by the cursor the previous page returned,
 * neither with a total; and the deep page with {@link PageRequest#withTotal()}, which adds a count of the tenant's
 * rows. Beside them the subclass puts raw JDBC: page 1 by the same query (the floor for page 1), the deep seek with
 * the same count (the floor for a page with total), and {@code OFFSET} at the same depth (what offset paging would
 * cost).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class ListPageBenchmarks {
    @Param("100000")
    public int depth;
    @Param("50")
    public int limit;

    Store store;
    TenantId tenant;
    PageRequest deep;
    /** The (created_at, id) of the last row before the deep page: where the raw seek starts. */
    Instant deepKey;
    String deepId;

    /** How many instances the one tenant has: the depth and a margin past it. */
    int rows() {
        return depth + 1000;
    }

    /** Finds the tenant in {@link #store} (filled by {@link Fixtures#populate}) and pages to {@code depth}. */
    void walkToDepth() {
        tenant = store.admin().getTenantBySlug(Fixtures.tenant(0).slug()).id();
        Fixtures.Depth at = Fixtures.walk(store.instances(), tenant, depth, limit);
        deep = at.next();
        deepKey = at.last().createdAt();
        deepId = at.last().id().value();
    }

    /** What a counting raw variant returns: the page, with the count computed beside it kept alive. */
    static List<Instance> counted(long total, List<Instance> items) {
        return total >= 0 ? items : null;
    }

    @Benchmark
    public Page<Instance> firstPage() {
        return store.instances().list(tenant, InstanceFilter.all(), PageRequest.first(limit));
    }

    @Benchmark
    public Page<Instance> deepPage() {
        return store.instances().list(tenant, InstanceFilter.all(), deep);
    }

    @Benchmark
    public Page<Instance> deepPageWithTotal() {
        return store.instances().list(tenant, InstanceFilter.all(), deep.withTotal());
    }
}
