package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two stores with separate pools on one database, as two processes would be, writing the same tenant at once.
 */
@PostgresTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresManyProcessesTest {
    private static final int THREADS = 8;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase database;

    private PostgresStore a;
    private PostgresStore b;
    private final TenantId tenant = TenantId.generate();

    @BeforeAll
    static void database(TestDatabase db) {
        database = db;
    }

    @BeforeEach
    void openTwoStores() {
        String schema = "many_" + SCHEMAS.incrementAndGet();
        a = open(schema);
        a.migrate();
        b = open(schema);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private PostgresStore open(String schema) {
        return PostgresStore.builder().jdbcUrl(database.jdbcUrl()).user(database.user())
                .password(database.password()).schema(schema)
                .poolSize(THREADS / 2).build();
    }

    private PostgresStore store(int thread) {
        return thread % 2 == 0 ? a : b;
    }

    @Test
    void concurrentUpdatesThroughTwoPoolsLoseNothing() throws Exception {
        Instance counter = a.instances().insert(Instance.builder().tenantId(tenant).name("counter").slug("counter")
                .labels(Map.of("hits", "0")).build());
        int rounds = 25;
        AtomicInteger conflicts = new AtomicInteger();

        run(thread -> {
            PostgresStore store = store(thread);
            for (int i = 0; i < rounds; i++) {
                while (true) {
                    Instance current = store.instances().get(tenant, counter.id());
                    int hits = Integer.parseInt(current.labels().get("hits"));
                    try {
                        store.instances().update(current.toBuilder()
                                .labels(Map.of("hits", Integer.toString(hits + 1))).build());
                        break;
                    } catch (ConflictException e) {
                        conflicts.incrementAndGet();
                    }
                }
            }
        });

        Instance stored = b.instances().get(tenant, counter.id());
        assertThat(stored.labels()).containsEntry("hits", Integer.toString(THREADS * rounds));
        assertThat(stored.version()).isEqualTo(1 + THREADS * rounds);
    }

    @Test
    void staleVersionFromTheOtherProcessConflictsAndWritesNothing() {
        Instance original = a.instances().insert(Instance.builder().tenantId(tenant).name("one").slug("one").build());
        Instance seenByB = b.instances().get(tenant, original.id());
        Instance updatedByA = a.instances().update(original.toBuilder().name("renamed by a").build());

        ConflictException conflict = org.assertj.core.api.Assertions.catchThrowableOfType(ConflictException.class,
                () -> b.instances().update(seenByB.toBuilder().name("renamed by b").build()));

        assertThat(conflict.expectedVersion()).isEqualTo(1);
        assertThat(conflict.actualVersion()).isEqualTo(2);
        assertThat(b.instances().get(tenant, original.id())).isEqualTo(updatedByA);
    }

    @Test
    void sameSlugFromTwoProcessesAtOnceIsOneInsertAndAlreadyExists() throws Exception {
        for (int round = 0; round < 5; round++) {
            String slug = "race-" + round;
            ConcurrentLinkedQueue<Instance> inserted = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<AlreadyExistsException> refused = new ConcurrentLinkedQueue<>();
            run(thread -> {
                try {
                    inserted.add(store(thread).instances().insert(Instance.builder().tenantId(tenant)
                            .name("racer " + thread).slug(slug).build()));
                } catch (AlreadyExistsException e) {
                    refused.add(e);
                }
            });
            assertThat(inserted).hasSize(1);
            assertThat(refused).hasSize(THREADS - 1).allSatisfy(e -> {
                assertThat(e.field()).isEqualTo("slug");
                assertThat(e.value()).isEqualTo(slug);
                assertThat(e.tenantId()).isEqualTo(tenant);
            });
            assertThat(a.instances().getBySlug(tenant, slug)).isEqualTo(inserted.peek());
        }
        assertThat(b.instances().count(tenant)).isEqualTo(5);
    }

    @Test
    void concurrentDeploysKeepReleaseVersionsUniquePerInstance() throws Exception {
        InstanceId instance = a.instances().insert(Instance.builder().tenantId(tenant).name("app").slug("app")
                .build()).id();
        int perThread = 10;
        AtomicInteger collisions = new AtomicInteger();

        run(thread -> {
            PostgresStore store = store(thread);
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    int version = store.deployments().nextReleaseVersion(tenant, instance);
                    try {
                        store.deployments().insertRelease(Release.builder().tenantId(tenant).instanceId(instance)
                                .version(version).notes("thread " + thread).build());
                        break;
                    } catch (AlreadyExistsException e) {
                        assertThat(e.field()).isEqualTo("version");
                        collisions.incrementAndGet();
                    }
                }
            }
        });

        List<Integer> versions = new ArrayList<>();
        var page = a.deployments().listReleases(tenant, instance,
                dev.ctrlstore.store.PageRequest.first(1000).withTotal());
        page.items().forEach(r -> versions.add(r.version()));
        assertThat(page.total()).hasValue(THREADS * perThread);
        assertThat(versions).doesNotHaveDuplicates()
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, THREADS * perThread)
                        .map(v -> THREADS * perThread + 1 - v).boxed().toList());
    }

    /** Runs {@code body(thread)} on {@value #THREADS} threads released together; rethrows the first failure. */
    private static void run(IntConsumer body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().name("pg-writer-" + t).start(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                    body.accept(thread);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(100));
        }
        assertThat(errors).isEmpty();
    }
}
