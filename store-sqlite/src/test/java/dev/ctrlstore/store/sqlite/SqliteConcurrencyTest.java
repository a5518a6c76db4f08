package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads reading and writing one file at once, split over two stores as two processes would be: no
 * SQLITE_BUSY or other error reaches a caller, and the counts add up.
 */
class SqliteConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 60;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eightThreadsOnTwoStoresLoseNothingAndSeeNoErrors() throws InterruptedException {
        Path file = dir.resolve("busy.db");
        TenantId tenant = TenantId.generate();
        try (SqliteStore a = SqliteStore.builder().path(file).build();
             SqliteStore b = SqliteStore.builder().path(file).readerPoolSize(2).build()) {
            a.migrate();
            Instance counter = a.instances().insert(Instance.builder().tenantId(tenant).name("counter")
                    .slug("counter").labels(Map.of("hits", "0")).build());

            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicInteger inserted = new AtomicInteger(1);
            AtomicInteger increments = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                SqliteStore store = t % 2 == 0 ? a : b;
                int thread = t;
                threads.add(Thread.ofPlatform().name("sqlite-load-" + t).start(() -> {
                    try {
                        start.await();
                        for (int round = 0; round < ROUNDS; round++) {
                            store.instances().insert(Instance.builder().tenantId(tenant).name("load")
                                    .slug("t" + thread + "-r" + round).build());
                            inserted.incrementAndGet();
                            while (true) {
                                Instance current = store.instances().get(tenant, counter.id());
                                int hits = Integer.parseInt(current.labels().get("hits"));
                                try {
                                    store.instances().update(current.toBuilder()
                                            .labels(Map.of("hits", Integer.toString(hits + 1))).build());
                                    increments.incrementAndGet();
                                    break;
                                } catch (ConflictException e) {
                                    conflicts.incrementAndGet();
                                }
                            }
                            long count = store.instances().count(tenant);
                            assertThat(count).isBetween(1L, (long) THREADS * ROUNDS + 1);
                            assertThat(store.instances().list(tenant, InstanceFilter.all(), PageRequest.first(20))
                                    .items()).isNotEmpty();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(100));
            }

            assertThat(errors).isEmpty();
            assertThat(inserted.get()).isEqualTo(THREADS * ROUNDS + 1);
            assertThat(a.instances().count(tenant)).isEqualTo(THREADS * ROUNDS + 1);
            assertThat(b.instances().count(tenant)).isEqualTo(THREADS * ROUNDS + 1);
            Instance finalCounter = b.instances().get(tenant, counter.id());
            assertThat(finalCounter.labels()).containsEntry("hits", Integer.toString(THREADS * ROUNDS));
            assertThat(finalCounter.version()).isEqualTo(1 + THREADS * ROUNDS);
            assertThat(increments.get()).isEqualTo(THREADS * ROUNDS);
            assertThat(a.instances().list(tenant, InstanceFilter.all().withLabels(Map.of("hits",
                    Integer.toString(THREADS * ROUNDS))), PageRequest.first(10)).items())
                    .extracting(Instance::id).containsExactly(counter.id());
        }
    }
}
