package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlException.Reason;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.control.WriterLimits;
import dev.ctrlstore.store.sql.SqlStore;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.time.Duration;
import java.util.function.Function;

import static dev.ctrlstore.store.jooq.Tables.CONTROL_WRITERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writers, their secrets and cookies, and the writer rate-limit settings, whatever the backend: each backend's test
 * extends this and opens its stores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ControlWriterTests {
    /** Cheap hashing for tests; the stored format and checks are the same as with the default cost. */
    protected static final ControlSettings SETTINGS = ControlSettings.defaults().withSecrets(1000, Duration.ofMinutes(5));

    private SqlStore store;
    private SqlControlStore control;

    /** A new, migrated store with the ledger on, named {@code name}, on {@code clock}. */
    protected abstract SqlStore open(String name, Clock clock);

    /** Runs {@code query} with jOOQ on the database of the store named {@code name}. */
    protected abstract <T> T query(String name, Function<DSLContext, T> query);

    /**
     * The class's one store (migrating a store per test made the PostgreSQL run slow): each test uses writers of
     * its own. Opened on first use, after the backend's own setup.
     */
    private SqlControlStore control() {
        if (control == null) {
            store = open("writers", Clock.systemUTC());
            control = store.control(SETTINGS);
        }
        return control;
    }

    @AfterAll
    void close() {
        if (store != null) {
            store.close();
        }
    }

    static void assertRefused(Executable call, Reason reason, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(ControlException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason)).hasMessageContaining(message);
    }

    @Test
    @DisplayName("a registered writer reads an empty cookie, stores one of 1024 bytes and reads it back")
    void cookieRoundTrip() {
        SqlControlStore control = control();
        control.registerWriter("Cookie-1", "s3cret");
        WriterCredentials w = new WriterCredentials("Cookie-1", "s3cret");
        assertThat(control.cookie(w)).isEmpty();
        byte[] cookie = new byte[1024];
        cookie[1023] = 7;
        control.setCookie(w, cookie);
        assertThat(control.cookie(w)).isEqualTo(cookie);
        assertRefused(() -> control.cookie(new WriterCredentials("cookie-1", "s3cret")), Reason.UNAUTHORIZED,
                "writer cookie-1 is not registered");
        assertRefused(() -> control.setCookie(w, new byte[1025]), Reason.INVALID, "1025 bytes; at most 1024");
        assertThat(control.cookie(w)).isEqualTo(cookie);
    }

    @Test
    @DisplayName("registering again with the same secret does nothing; with another it is a CONFLICT")
    void registerIsIdempotent() {
        SqlControlStore control = control();
        control.registerWriter("register-1", "s3cret");
        control.setCookie(new WriterCredentials("register-1", "s3cret"), new byte[] {1});
        assertThatCode(() -> control.registerWriter("register-1", "s3cret")).doesNotThrowAnyException();
        assertThat(control.cookie(new WriterCredentials("register-1", "s3cret"))).containsExactly(1);
        assertRefused(() -> control.registerWriter("register-1", "other"), Reason.CONFLICT,
                "writer register-1 is registered with another secret");
    }

    @Test
    @DisplayName("an unknown writer or a wrong secret is UNAUTHORIZED, and no message shows a secret")
    void wrongCredentials() {
        SqlControlStore control = control();
        control.registerWriter("wrong-1", "s3cret");
        control.cookie(new WriterCredentials("wrong-1", "s3cret")); // remembered as verified
        for (WriterCredentials bad : new WriterCredentials[] {new WriterCredentials("wrong-1", "s3creT"),
                new WriterCredentials("wrong-2", "s3cret"), new WriterCredentials("x", "s3cret"),
                new WriterCredentials(null, null)}) {
            assertThatThrownBy(() -> control.cookie(bad)).isInstanceOfSatisfying(ControlException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED))
                    .hasMessageContaining("is not registered or its secret is wrong")
                    .message().doesNotContainIgnoringCase("s3cret");
            assertRefused(() -> control.setCookie(bad, new byte[] {1}), Reason.UNAUTHORIZED, "secret is wrong");
        }
        assertThat(control.cookie(new WriterCredentials("wrong-1", "s3cret"))).isEmpty();
    }

    @Test
    @DisplayName("8 concurrent registrations of one writer: same secret all succeed; other secrets lose with CONFLICT")
    void concurrentRegistrations() throws Exception {
        SqlControlStore control = control();
        assertThat(together(i -> () -> {
            control.registerWriter("racer-1", "same");
            return "ok";
        })).containsOnly("ok");
        List<String> outcomes = together(i -> () -> {
            try {
                control.registerWriter("racer-2", "secret-" + i);
                return "secret-" + i;
            } catch (ControlException e) {
                assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                return "conflict";
            }
        });
        assertThat(outcomes).filteredOn(o -> !o.equals("conflict")).singleElement()
                .satisfies(winner -> assertThat(control.cookie(new WriterCredentials("racer-2", winner))).isEmpty());
    }

    private static List<String> together(IntFunction<Callable<String>> client) throws Exception {
        List<Callable<String>> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(client.apply(i));
        }
        return runTogether(clients);
    }

    /** Runs {@code clients} on threads of their own, released at once; their results in order. */
    static <T> List<T> runTogether(List<Callable<T>> clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> c : clients) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a remembered secret counts only while the stored hash it matched is unchanged")
    void rememberedSecretFollowsTheStoredHash() {
        SqlControlStore control = control();
        control.registerWriter("rehashed-1", "s3cret");
        WriterCredentials old = new WriterCredentials("rehashed-1", "s3cret");
        assertThat(control.cookie(old)).isEmpty(); // verified and remembered
        String other = SecretHashes.hash("n3w-secret", 1000);
        query("writers", dsl -> dsl.update(CONTROL_WRITERS).set(CONTROL_WRITERS.SECRET_HASH, other)
                .where(CONTROL_WRITERS.NAME.eq("rehashed-1")).execute());
        assertRefused(() -> control.cookie(old), Reason.UNAUTHORIZED, "secret is wrong");
        assertThat(control.cookie(new WriterCredentials("rehashed-1", "n3w-secret"))).isEmpty();
    }

    @Test
    @DisplayName("the secret is stored as a salted PBKDF2 hash, different for two writers with one secret")
    void secretIsHashed() {
        SqlControlStore control = control();
        control.registerWriter("hashed-1", "same-secret");
        control.registerWriter("hashed-2", "same-secret");
        var hashes = query("writers", dsl -> dsl.select(CONTROL_WRITERS.SECRET_HASH).from(CONTROL_WRITERS)
                .where(CONTROL_WRITERS.NAME.in("hashed-1", "hashed-2"))
                .orderBy(CONTROL_WRITERS.NAME).fetch(CONTROL_WRITERS.SECRET_HASH));
        assertThat(hashes).hasSize(2).allSatisfy(h -> assertThat(h).startsWith("pbkdf2-sha256$1000$")
                .doesNotContain("same-secret"));
        assertThat(hashes.get(0)).isNotEqualTo(hashes.get(1));
    }

    @Test
    @DisplayName("names and secrets out of bounds are INVALID, and the message never shows the secret")
    void bounds() {
        SqlControlStore control = control();
        assertRefused(() -> control.registerWriter("ab", "s3cret"), Reason.INVALID, "at least 3 characters");
        assertRefused(() -> control.registerWriter("a".repeat(51), "s3cret"), Reason.INVALID, "up to 50 characters");
        assertThatThrownBy(() -> control.registerWriter("bounds-1", "xy")).isInstanceOf(ControlException.class)
                .hasMessageContaining("at least 3 characters").message().doesNotContain("xy");
        assertRefused(() -> control.registerWriter("bounds-1", "x".repeat(101)), Reason.INVALID,
                "at most 100 characters");
        assertThatCode(() -> control.registerWriter("a".repeat(50), "x".repeat(100))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("writer limits: defaults, set, replace, list, delete; unknown writer NOT_FOUND; bad values INVALID")
    void writerLimits() {
        SqlControlStore control = control();
        assertThat(control.writerLimits()).isEqualTo(new WriterLimits(
                new WriterLimits.RateLimit(1000, Duration.ofMinutes(1)), List.of()));
        assertRefused(() -> control.setWriterLimit("nobody", 5, Duration.ofMinutes(1)), Reason.NOT_FOUND,
                "writer nobody is not registered");
        control.registerWriter("writer-b", "s3cret");
        control.registerWriter("writer-a", "s3cret");
        control.setWriterLimit("writer-b", 5, Duration.ofMinutes(1));
        control.setWriterLimit("writer-b", 7, Duration.ofSeconds(10));
        control.setWriterLimit("writer-a", 0, Duration.ofHours(24));
        assertThat(control.writerLimits().writers()).containsExactly(
                new WriterLimits.WriterLimit("writer-a", new WriterLimits.RateLimit(0, Duration.ofHours(24))),
                new WriterLimits.WriterLimit("writer-b", new WriterLimits.RateLimit(7, Duration.ofSeconds(10))));
        assertRefused(() -> control.setWriterLimit("writer-a", -1, Duration.ofMinutes(1)), Reason.INVALID,
                "0 or more, got -1");
        assertRefused(() -> control.setWriterLimit("writer-a", 1, Duration.ofMillis(1500)), Reason.INVALID,
                "whole seconds from 1 s to 24 h");
        assertRefused(() -> control.setWriterLimit("writer-a", 1, Duration.ofHours(25)), Reason.INVALID,
                "whole seconds from 1 s to 24 h");
        control.deleteWriterLimit("writer-a");
        assertRefused(() -> control.deleteWriterLimit("writer-a"), Reason.NOT_FOUND, "no rate limit of its own");
        assertThat(control.writerLimits().writers()).extracting(WriterLimits.WriterLimit::writer)
                .containsExactly("writer-b");
    }

    @Test
    @DisplayName("table limits of an unknown table are NOT_FOUND; the defaults come from the settings")
    void tableLimitsWithoutTables() {
        SqlControlStore control = control();
        assertThat(control.tableLimits().defaultWarnSize()).isEqualTo(50L * 1024 * 1024);
        assertThat(control.tableLimits().defaultMaxSize()).isEqualTo(100L * 1024 * 1024);
        assertThat(control.tableLimits().tables()).isEmpty();
        assertRefused(() -> control.setTableLimit("fam", "tbl", 1, 2), Reason.NOT_FOUND, "table fam.tbl");
        assertRefused(() -> control.setTableLimit("fam", "tbl", 3, 2), Reason.INVALID, "warn size <= max size");
        assertRefused(() -> control.deleteTableLimit("fam", "tbl"), Reason.NOT_FOUND, "table fam.tbl");
    }

    @Test
    @DisplayName("ping answers while the database does")
    void ping() {
        assertThatCode(() -> control().ping()).doesNotThrowAnyException();
    }
}
