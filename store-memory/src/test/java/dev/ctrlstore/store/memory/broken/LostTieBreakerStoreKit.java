package dev.ctrlstore.store.memory.broken;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.internal.KeysetCursor;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.memory.MemoryStore;
import dev.ctrlstore.store.tck.StoreContract;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Breaks cursor paging of {@code instances().list}: the cursor keeps only createdAt, not the id tie-breaker, so the
 * next page starts strictly before the last createdAt and skips items that share it.
 */
public class LostTieBreakerStoreKit extends StoreContract {
    @Override
    protected Store createStore() {
        return BrokenStore.breakingInstances(MemoryStore.create(clock()), real -> new ForwardingInstanceStore(real) {
            @Override
            public Page<Instance> list(TenantId tenantId, InstanceFilter filter, PageRequest page) {
                List<Instance> all = ordered(tenantId, filter);
                long after = page.cursor() == null ? Long.MAX_VALUE
                        : KeysetCursor.decode(page.cursor(), "instances").key();
                List<Instance> rest = all.stream().filter(i -> micros(i) < after).toList();
                List<Instance> items = rest.subList(0, Math.min(page.limit(), rest.size()));
                Optional<String> next = items.size() < rest.size()
                        ? Optional.of(new KeysetCursor("instances", micros(items.get(items.size() - 1)), "-").encode())
                        : Optional.empty();
                return new Page<>(items, next, all.size());
            }

            private List<Instance> ordered(TenantId tenantId, InstanceFilter filter) {
                return walkAll(p -> delegate.list(tenantId, filter, p)).stream()
                        .sorted(Comparator.comparingLong(LostTieBreakerStoreKit::micros).reversed()
                                .thenComparing(i -> i.id().value(), Comparator.reverseOrder()))
                        .toList();
            }
        });
    }

    private static long micros(Instance i) {
        return Times.epochMicros(i.createdAt());
    }

    private static List<Instance> walkAll(java.util.function.Function<PageRequest, Page<Instance>> list) {
        List<Instance> all = new java.util.ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Instance> p = list.apply(request);
            all.addAll(p.items());
            if (!p.hasNext()) {
                return all;
            }
            request = request.next(p.nextCursor().orElseThrow());
        }
    }
}
