package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlException.Reason;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.control.Mutation;
import dev.ctrlstore.store.control.MutationBatch;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static dev.ctrlstore.store.jooq.Tables.CONTROL_TABLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutations of control tables, whatever the backend: values checked before anything is written, the request one
 * transaction with its ledger entry and the writer's cookie, the cookie check a compare-and-set, and the rate and
 * size limits exact. Each backend's test extends this and opens its stores.
 */
public abstract class ControlMutationTests {
    /** Time stands still, so a rate-limit period never ends during a test. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:30Z"), ZoneOffset.UTC);
    private static final ControlSettings SETTINGS = ControlWriterTests.SETTINGS.withSizeRefresh(Duration.ZERO);
    private static final WriterCredentials WRITER = new WriterCredentials("writer-1", "s3cret");

    private SqlStore store;
    private String name;
    private SqlControlStore control;

    /** A new, migrated store with the ledger on, named {@code name}, on {@code clock}. */
    protected abstract SqlStore open(String name, Clock clock);

    /** Runs {@code query} with jOOQ on the database of the store named {@code name}. */
    protected abstract <T> T query(String name, Function<DSLContext, T> query);

    /** A store with family {@code flags}, its table {@code rollouts} and writer {@link #WRITER}. */
    private SqlControlStore control(String storeName, ControlSettings settings) {
        name = storeName;
        store = open(storeName, CLOCK);
        control = store.control(settings);
        control.createFamily("flags");
        control.createTables(List.of(new TableDefinition("flags", "Rollouts", List.of(
                new FieldDefinition("Order", FieldType.STRING), new FieldDefinition("id", FieldType.INTEGER),
                new FieldDefinition("share", FieldType.DECIMAL), new FieldDefinition("note", FieldType.TEXT),
                new FieldDefinition("blob", FieldType.BINARY), new FieldDefinition("tag", FieldType.BYTESTRING)),
                List.of("order", "id"))));
        control.registerWriter(WRITER.writer(), WRITER.secret());
        return control;
    }

    private SqlControlStore control(String storeName) {
        return control(storeName, SETTINGS);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static Map<String, Object> row(String order, Object id) {
        Map<String, Object> values = new HashMap<>();
        values.put("ORDER", order);
        values.put("id", id);
        values.put("share", new BigDecimal("0.25"));
        values.put("note", "hello");
        values.put("blob", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        values.put("tag", null);
        return values;
    }

    private static Mutation upsert(Map<String, Object> values) {
        return new Mutation("rollouts", false, values);
    }

    private static MutationBatch batch(Mutation... mutations) {
        return new MutationBatch("flags", Optional.empty(), Optional.empty(), List.of(mutations));
    }

    /** The center's rows of flags.rollouts, by key order. */
    private List<Map<String, Object>> centerRows() {
        return query(name, dsl -> {
            long id = dsl.select(CONTROL_TABLES.ID).from(CONTROL_TABLES)
                    .where(CONTROL_TABLES.FAMILY.eq("flags"), CONTROL_TABLES.NAME.eq("rollouts"))
                    .fetchSingle(CONTROL_TABLES.ID);
            List<Map<String, Object>> rows = new ArrayList<>();
            // Typed columns: SQLite reports INTEGER, which jOOQ would read as a 32-bit int.
            for (Record r : dsl.select(DSL.field(DSL.name("order"), String.class),
                            DSL.field(DSL.name("id"), Long.class), DSL.field(DSL.name("share"), Double.class),
                            DSL.field(DSL.name("note"), String.class), DSL.field(DSL.name("blob"), byte[].class),
                            DSL.field(DSL.name("tag"), byte[].class))
                    .from(DSL.table(DSL.name("ct_" + id)))
                    .orderBy(DSL.field(DSL.name("order")), DSL.field(DSL.name("id"))).fetch()) {
                rows.add(r.intoMap());
            }
            return rows;
        });
    }

    private long ledgerHead() {
        return store.ledger().head().seq();
    }

    /** Asserts that {@code call} is refused for {@code reason} and wrote nothing: no row, no entry, same cookie. */
    private void assertRefusedAndNothingWritten(Executable call, Reason reason, String message) {
        long head = ledgerHead();
        byte[] cookie = control.cookie(WRITER);
        int rows = centerRows().size();
        ControlWriterTests.assertRefused(call, reason, message);
        assertThat(ledgerHead()).as("no ledger entry").isEqualTo(head);
        assertThat(centerRows()).as("no row changed").hasSize(rows);
        assertThat(control.cookie(WRITER)).as("cookie unchanged").isEqualTo(cookie);
    }

    @Test
    @DisplayName("an upsert stores every type exactly, 2^53+1 included, and returns the seq of its ledger entry")
    void upsertRoundTrip() {
        SqlControlStore control = control("roundtrip");
        BigInteger big = BigInteger.TWO.pow(53).add(BigInteger.ONE);
        long seq = control.mutate(WRITER, batch(upsert(row("a", big))));

        assertThat(seq).isEqualTo(ledgerHead());
        Map<String, Object> stored = centerRows().get(0);
        assertThat(((Number) stored.get("id")).longValue()).isEqualTo(9007199254740993L);
        assertThat(stored.get("order")).isEqualTo("a");
        assertThat(((Number) stored.get("share")).doubleValue()).isEqualTo(0.25);
        assertThat((byte[]) stored.get("blob")).containsExactly(1, 2, 3);
        assertThat(stored.get("tag")).isNull();

        LedgerEntry entry = store.ledger().read(seq - 1, 1).get(0);
        LedgerChange.Upsert image = (LedgerChange.Upsert) entry.changes().get(0);
        assertThat(image.row()).containsEntry("id", 9007199254740993L).containsEntry("order", "a")
                .containsEntry("share", 0.25).containsEntry("note", "hello");
    }

    @Test
    @DisplayName("a request of many mutations is one ledger entry; a delete by key removes the row")
    void manyMutationsOneEntry() {
        SqlControlStore control = control("many");
        long before = ledgerHead();
        long seq = control.mutate(WRITER, batch(upsert(row("a", 1L)), upsert(row("b", 2L)),
                new Mutation("ROLLOUTS", true, Map.of("order", "a", "id", 1L, "ignored", "x"))));
        assertThat(seq).isEqualTo(before + 1);
        assertThat(store.ledger().read(before, 10)).hasSize(1).first()
                .satisfies(e -> assertThat(e.changes()).hasSize(3));
        assertThat(centerRows()).extracting(r -> r.get("order")).containsExactly("b");
        Map<String, Object> changed = row("b", 2L);
        changed.put("note", "changed");
        control.mutate(WRITER, batch(upsert(changed)));
        assertThat(centerRows()).singleElement().satisfies(r -> assertThat(r.get("note")).isEqualTo("changed"));
    }

    @Test
    @DisplayName("every value that does not fit its field is INVALID, and nothing of the request is written")
    void invalidValues() {
        SqlControlStore control = control("invalid");
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("is not an integer", with("id", new BigDecimal("1.5")));
        cases.put("\"1\" is not an integer", with("id", "1"));
        cases.put("nested JSON object", with("note", Map.of("a", 1)));
        cases.put("nested JSON array", with("share", List.of(1)));
        cases.put("is 192 characters long", with("order", "x".repeat(192)));
        cases.put("U+0000", with("note", "a\u0000"));
        cases.put("is not base64", with("blob", "%%%"));
        cases.put("is 256 bytes long", with("tag", Base64.getEncoder().encodeToString(new byte[256])));
        cases.put("is not a finite number", with("share", new BigDecimal("1e999")));
        cases.put("is null, but it is a key field", with("order", null));
        cases.put("the table has no field colour", with("colour", "red"));
        Map<String, Object> missing = row("m", 1L);
        missing.remove("note");
        cases.put("field note: missing; an upsert sets every field", missing);
        cases.forEach((message, values) -> assertRefusedAndNothingWritten(() -> control.mutate(WRITER,
                batch(upsert(row("ok", 1L)), upsert(values))), Reason.INVALID, message));
        assertRefusedAndNothingWritten(() -> control.mutate(WRITER, batch(new Mutation("rollouts", true,
                Map.of("order", "a")))), Reason.INVALID, "field id: missing; every key field needs a value");
        assertRefusedAndNothingWritten(() -> control.mutate(WRITER, new MutationBatch("flags", Optional.empty(),
                Optional.empty(), List.of())), Reason.INVALID, "at least one mutation");
        assertRefusedAndNothingWritten(() -> control.mutate(WRITER, new MutationBatch("flags",
                Optional.of(new byte[1025]), Optional.empty(), List.of(upsert(row("a", 1L))))), Reason.INVALID,
                "cookie is 1025 bytes");
        assertRefusedAndNothingWritten(() -> control.mutate(WRITER, batch(new Mutation("nope", false, row("a", 1L)))),
                Reason.NOT_FOUND, "nope");
        assertRefusedAndNothingWritten(() -> control.mutate(new WriterCredentials("writer-1", "wrong"),
                batch(upsert(row("a", 1L)))), Reason.UNAUTHORIZED, "secret is wrong");
        Mutation[] tooMany = new Mutation[101];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = upsert(row("r" + i, (long) i));
        }
        assertRefusedAndNothingWritten(() -> control.mutate(WRITER, batch(tooMany)), Reason.TOO_LARGE,
                "at most 100 mutations, got 101");
        assertThat(control.mutate(WRITER, batch(java.util.Arrays.copyOf(tooMany, 100)))).isPositive();
        assertThat(centerRows()).hasSize(100);
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> values = row("bad", 9L);
        values.keySet().removeIf(k -> k.equalsIgnoreCase(field));
        values.put(field, value);
        return values;
    }

    @Test
    @DisplayName("a cookie is stored with the rows; without one the stored cookie stays; a stale check is a CONFLICT")
    void cookies() {
        SqlControlStore control = control("cookies");
        control.mutate(WRITER, new MutationBatch("flags", Optional.of(new byte[] {1}), Optional.empty(),
                List.of(upsert(row("a", 1L)))));
        assertThat(control.cookie(WRITER)).containsExactly(1);
        control.mutate(WRITER, batch(upsert(row("b", 2L))));
        assertThat(control.cookie(WRITER)).as("no cookie sent: unchanged").containsExactly(1);
        assertRefusedAndNothingWritten(() -> control.mutate(WRITER, new MutationBatch("flags",
                Optional.of(new byte[] {3}), Optional.of(new byte[] {2}), List.of(upsert(row("c", 3L))))),
                Reason.CONFLICT, "cookie check failed for writer writer-1");
        control.mutate(WRITER, new MutationBatch("flags", Optional.of(new byte[] {3}), Optional.of(new byte[] {1}),
                List.of(upsert(row("c", 3L)))));
        assertThat(control.cookie(WRITER)).containsExactly(3);
        assertThat(centerRows()).hasSize(3);
    }

    @Test
    @DisplayName("8 concurrent compare-and-sets of one cookie: exactly one wins, the others are CONFLICTs")
    void concurrentCookieChecks() throws Exception {
        SqlControlStore control = control("cas");
        control.setCookie(WRITER, new byte[] {0});
        List<Callable<Boolean>> clients = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            byte mine = (byte) i;
            clients.add(() -> {
                MutationBatch b = new MutationBatch("flags", Optional.of(new byte[] {mine}),
                        Optional.of(new byte[] {0}), List.of(upsert(row("client" + mine, (long) mine))));
                try {
                    control.mutate(WRITER, b);
                    return true;
                } catch (ControlException e) {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    return false;
                }
            });
        }
        List<Boolean> won = runTogether(clients);
        assertThat(won).filteredOn(w -> w).hasSize(1);
        int winner = won.indexOf(true) + 1;
        assertThat(control.cookie(WRITER)).containsExactly(winner);
        assertThat(centerRows()).extracting(r -> r.get("order")).containsExactly("client" + winner);
    }

    @Test
    @DisplayName("8 concurrent clients of one writer against a limit of 37 rows: exactly 37 rows are accepted")
    void rateLimitIsExactUnderConcurrency() throws Exception {
        SqlControlStore control = control("rate");
        control.setWriterLimit(WRITER.writer(), 37, Duration.ofMinutes(1));
        AtomicInteger next = new AtomicInteger();
        List<Callable<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(() -> {
                int accepted = 0;
                for (int i = 0; i < 8; i++) {
                    int n = next.incrementAndGet();
                    try {
                        control.mutate(WRITER, batch(upsert(row("r" + n, (long) n))));
                        accepted++;
                    } catch (ControlException e) {
                        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
                        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(30));
                    } catch (StoreUnavailableException e) {
                        i--; // lost to a concurrent transaction too often: retry, as the caller is told to
                    }
                }
                return accepted;
            });
        }
        int accepted = runTogether(clients).stream().mapToInt(Integer::intValue).sum();
        assertThat(accepted).isEqualTo(37);
        assertThat(centerRows()).hasSize(37);
        ControlWriterTests.assertRefused(() -> control.mutate(WRITER, batch(upsert(row("late", 0L)))),
                Reason.RATE_LIMITED, "writer writer-1 may write 37 rows per PT1M");
    }

    @Test
    @DisplayName("a table over its max size refuses mutations (TABLE_FULL) until its limit is raised or removed")
    void tableSizeLimit() {
        SqlControlStore control = control("size");
        control.mutate(WRITER, batch(upsert(row("a", 1L))));
        control.setTableLimit("flags", "rollouts", 0, 1);
        assertThat(control.tableLimits().tables()).containsExactly(
                new dev.ctrlstore.store.control.TableLimits.TableLimit("flags", "rollouts", 0, 1));
        assertRefusedAndNothingWritten(() -> control.mutate(WRITER, batch(upsert(row("b", 2L)))),
                Reason.TABLE_FULL, "table flags.rollouts is");
        control.deleteTableLimit("flags", "rollouts");
        control.mutate(WRITER, batch(upsert(row("b", 2L))));
        assertThat(centerRows()).hasSize(2);
    }

    private static <T> List<T> runTogether(List<Callable<T>> clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
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
                results.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
