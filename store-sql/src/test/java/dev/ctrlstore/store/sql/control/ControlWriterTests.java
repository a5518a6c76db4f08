package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlException.Reason;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.control.WriterLimits;
import dev.ctrlstore.store.sql.SqlStore;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Clock;
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
public abstract class ControlWriterTests {
    /** Cheap hashing for tests; the stored format and checks are the same as with the default cost. */
    protected static final ControlSettings SETTINGS = ControlSettings.defaults().withSecrets(1000, Duration.ofMinutes(5));

    private SqlStore store;

    /** A new, migrated store with the ledger on, named {@code name}, on {@code clock}. */
    protected abstract SqlStore open(String name, Clock clock);

    /** Runs {@code query} with jOOQ on the database of the store named {@code name}. */
    protected abstract <T> T query(String name, Function<DSLContext, T> query);

    private SqlControlStore control(String name) {
        store = open(name, Clock.systemUTC());
        return store.control(SETTINGS);
    }

    @AfterEach
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
        SqlControlStore control = control("cookie");
        control.registerWriter("Writer-1", "s3cret");
        WriterCredentials w = new WriterCredentials("Writer-1", "s3cret");
        assertThat(control.cookie(w)).isEmpty();
        byte[] cookie = new byte[1024];
        cookie[1023] = 7;
        control.setCookie(w, cookie);
        assertThat(control.cookie(w)).isEqualTo(cookie);
        assertRefused(() -> control.cookie(new WriterCredentials("writer-1", "s3cret")), Reason.UNAUTHORIZED,
                "writer writer-1 is not registered");
        assertRefused(() -> control.setCookie(w, new byte[1025]), Reason.INVALID, "1025 bytes; at most 1024");
        assertThat(control.cookie(w)).isEqualTo(cookie);
    }

    @Test
    @DisplayName("registering again with the same secret does nothing; with another it is a CONFLICT")
    void registerIsIdempotent() {
        SqlControlStore control = control("register");
        control.registerWriter("writer-1", "s3cret");
        control.setCookie(new WriterCredentials("writer-1", "s3cret"), new byte[] {1});
        assertThatCode(() -> control.registerWriter("writer-1", "s3cret")).doesNotThrowAnyException();
        assertThat(control.cookie(new WriterCredentials("writer-1", "s3cret"))).containsExactly(1);
        assertRefused(() -> control.registerWriter("writer-1", "other"), Reason.CONFLICT,
                "writer writer-1 is registered with another secret");
    }

    @Test
    @DisplayName("an unknown writer or a wrong secret is UNAUTHORIZED, and no message shows a secret")
    void wrongCredentials() {
        SqlControlStore control = control("wrong");
        control.registerWriter("writer-1", "s3cret");
        control.cookie(new WriterCredentials("writer-1", "s3cret")); // remembered as verified
        for (WriterCredentials bad : new WriterCredentials[] {new WriterCredentials("writer-1", "s3creT"),
                new WriterCredentials("writer-2", "s3cret"), new WriterCredentials("x", "s3cret"),
                new WriterCredentials(null, null)}) {
            assertThatThrownBy(() -> control.cookie(bad)).isInstanceOfSatisfying(ControlException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED))
                    .hasMessageContaining("is not registered or its secret is wrong")
                    .message().doesNotContainIgnoringCase("s3cret");
            assertRefused(() -> control.setCookie(bad, new byte[] {1}), Reason.UNAUTHORIZED, "secret is wrong");
        }
        assertThat(control.cookie(new WriterCredentials("writer-1", "s3cret"))).isEmpty();
    }

    @Test
    @DisplayName("the secret is stored as a salted PBKDF2 hash, different for two writers with one secret")
    void secretIsHashed() {
        SqlControlStore control = control("hashed");
        control.registerWriter("writer-1", "same-secret");
        control.registerWriter("writer-2", "same-secret");
        var hashes = query("hashed", dsl -> dsl.select(CONTROL_WRITERS.SECRET_HASH).from(CONTROL_WRITERS)
                .orderBy(CONTROL_WRITERS.NAME).fetch(CONTROL_WRITERS.SECRET_HASH));
        assertThat(hashes).hasSize(2).allSatisfy(h -> assertThat(h).startsWith("pbkdf2-sha256$1000$")
                .doesNotContain("same-secret"));
        assertThat(hashes.get(0)).isNotEqualTo(hashes.get(1));
    }

    @Test
    @DisplayName("names and secrets out of bounds are INVALID, and the message never shows the secret")
    void bounds() {
        SqlControlStore control = control("bounds");
        assertRefused(() -> control.registerWriter("ab", "s3cret"), Reason.INVALID, "at least 3 characters");
        assertRefused(() -> control.registerWriter("a".repeat(51), "s3cret"), Reason.INVALID, "up to 50 characters");
        assertThatThrownBy(() -> control.registerWriter("writer-1", "xy")).isInstanceOf(ControlException.class)
                .hasMessageContaining("at least 3 characters").message().doesNotContain("xy");
        assertRefused(() -> control.registerWriter("writer-1", "x".repeat(101)), Reason.INVALID,
                "at most 100 characters");
        assertThatCode(() -> control.registerWriter("a".repeat(50), "x".repeat(100))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("writer limits: defaults, set, replace, list, delete; unknown writer NOT_FOUND; bad values INVALID")
    void writerLimits() {
        SqlControlStore control = control("wlimits");
        assertThat(control.writerLimits()).isEqualTo(new WriterLimits(
                new WriterLimits.RateLimit(1000, Duration.ofMinutes(1)), java.util.List.of()));
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
        SqlControlStore control = control("tlimits");
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
        assertThatCode(() -> control("ping").ping()).doesNotThrowAnyException();
    }
}
