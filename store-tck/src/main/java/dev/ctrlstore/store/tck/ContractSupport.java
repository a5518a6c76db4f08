package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.Page;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * What every contract class shares: a fresh store per test, a {@link TestClock}, two tenants and small fixtures.
 * The store is created before each test (so subclass fields are ready) and closed after it. Every failure's message
 * starts with the test's rule id ({@link RuleIdPrefix}).
 */
@ExtendWith(RuleIdPrefix.class)
public abstract class ContractSupport {
    /** Text with characters outside the BMP, combining marks, right-to-left script and quotes. */
    protected static final String UNICODE = "Zürich ☃ 🚀 e\u0301 שלום \"quoted\" 'single' \\ back";

    private final TestClock ownClock = TestClock.create();
    private final AtomicInteger sequence = new AtomicInteger();

    /** The store under test; fresh and empty for each test. */
    protected Store store;
    /** The tenant most tests work in. */
    protected final TenantId tenant = TenantId.generate();
    /** Another tenant, for isolation rules. */
    protected final TenantId otherTenant = TenantId.generate();

    /**
     * A new, empty store that takes its time from {@link #clock()}. Called before each test; the store is closed
     * after it.
     */
    protected abstract Store createStore();

    /** The clock the store under test must use for the timestamps it assigns. */
    protected TestClock clock() {
        return ownClock;
    }

    @BeforeEach
    final void openStore(TestInfo test) {
        // JUnit also runs this for the enclosing instance of a @Nested test; only the test's own instance needs a store.
        if (test.getTestClass().map(c -> c.isInstance(this)).orElse(true)) {
            store = createStore();
        }
    }

    @AfterEach
    final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** Moves the store's clock forward by {@code millis}. */
    protected void tick(long millis) {
        clock().advance(Duration.ofMillis(millis));
    }

    /** A short unique suffix for slugs and names. */
    protected String unique() {
        return Integer.toString(sequence.incrementAndGet());
    }

    /** A new (unsaved) running instance of {@code tenantId} with a unique name and slug. */
    protected Instance.Builder newInstance(TenantId tenantId) {
        String n = unique();
        return Instance.builder().tenantId(tenantId).name("app " + n).slug("app-" + n)
                .providerName("docker").region("eu-1").state(InstanceState.RUNNING);
    }

    /** Inserts a new instance of {@code tenantId}; the store's parent for child-resource tests. */
    protected Instance insertInstance(TenantId tenantId) {
        return store.instances().insert(newInstance(tenantId).build());
    }

    /** Walks every page of a paged list and returns all items in the order they came. */
    protected static <T> List<T> walk(Function<PageRequest, Page<T>> list, int limit) {
        List<T> all = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int guard = 0; guard < 10_000; guard++) {
            Page<T> page = list.apply(request);
            all.addAll(page.items());
            if (!page.hasNext()) {
                return all;
            }
            request = request.next(page.nextCursor().orElseThrow());
        }
        throw new AssertionError("the list did not reach its last page within 10,000 pages");
    }

    /** {@code n} characters of text. */
    protected static String text(int n) {
        return "x".repeat(n);
    }

    /**
     * Runs {@code task(thread)} for {@code thread} = 0 to {@code threads - 1}, each on its own thread, all released
     * together by one latch; waits up to 2 minutes for each. Rethrows the first failure (in thread order) as the
     * task threw it, so an {@link AssertionError} or a store exception surfaces with its own message and stack
     * trace rather than wrapped in an {@link ExecutionException}. Tasks that need results collect them into a
     * concurrent collection; any extra interleaving (a {@link java.util.concurrent.Phaser}, a
     * {@link Thread#yield()}) belongs in the task.
     */
    protected static void concurrently(int threads, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    task.accept(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                try {
                    f.get(2, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
