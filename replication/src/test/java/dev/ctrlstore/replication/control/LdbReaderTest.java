package dev.ctrlstore.replication.control;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LdbReaderTest {
    private static final List<String[]> FLAG_FIELDS = List.of(new String[] {"name", "string"},
            new String[] {"order", "integer"}, new String[] {"ratio", "decimal"}, new String[] {"note", "text"},
            new String[] {"blob", "binary"}, new String[] {"tag", "bytestring"});

    @TempDir
    Path dir;
    HandMadeLdb ldb;
    LdbReader reader;

    @BeforeEach
    void setUp() throws Exception {
        ldb = new HandMadeLdb(dir.resolve("ldb.db"));
        ldb.family("flags");
        ldb.table(1, "flags", "features", FLAG_FIELDS, List.of("name", "order"));
        ldb.row(1, "checkout", 2L, 0.5, "long text", new byte[] {0, 1, 2}, "t".getBytes(StandardCharsets.UTF_8));
        ldb.row(1, "checkout", 1L, null, null, null, null);
        ldb.row(1, "checkout", 10L, 1.25, "x", null, null);
        ldb.row(1, "banner", 1L, null, null, null, null);
        reader = LdbReader.open(ldb.path, 2, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws Exception {
        reader.close();
        ldb.close();
    }

    @Test
    @DisplayName("a point read returns every field in column order with typed accessors and a map view")
    void pointRead() {
        LdbRow row = reader.getRowByKey("flags", "features", "checkout", 2L).orElseThrow();
        assertThat(row.columns()).containsExactly("name", "order", "ratio", "note", "blob", "tag");
        assertThat(row.getString("name")).isEqualTo("checkout");
        assertThat(row.getLong("order")).isEqualTo(2L);
        assertThat(row.getDouble("ratio")).isEqualTo(0.5);
        assertThat(row.getString("note")).isEqualTo("long text");
        assertThat(row.getBytes("blob")).containsExactly(0, 1, 2);
        assertThat(row.getBytes("tag")).isEqualTo("t".getBytes(StandardCharsets.UTF_8));
        assertThat(row.type("tag")).isEqualTo(FieldType.BYTESTRING);
        assertThat(row.asMap()).containsKeys("name", "order", "ratio", "note", "blob", "tag")
                .containsEntry("order", 2L).containsEntry("ratio", 0.5);
        assertThat(List.copyOf(row.asMap().keySet())).isEqualTo(row.columns());
        // A copy goes out, so the row cannot be changed through it.
        row.getBytes("blob")[0] = 9;
        assertThat(row.getBytes("blob")[0]).isZero();
        assertThat(reader.getRowByKey("flags", "features", "checkout", 3L)).isEmpty();
    }

    @Test
    @DisplayName("NULL values read as null or refuse a primitive accessor; a wrong accessor names the right one")
    void nullsAndTypes() {
        LdbRow row = reader.getRowByKey("flags", "features", "checkout", 1L).orElseThrow();
        assertThat(row.isNull("ratio")).isTrue();
        assertThat(row.getString("note")).isNull();
        assertThat(row.getBytes("blob")).isNull();
        assertThat(row.asMap()).containsEntry("ratio", null);
        assertThatThrownBy(() -> row.getDouble("ratio")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ratio").hasMessageContaining("isNull");
        assertThatThrownBy(() -> row.getString("order")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integer").hasMessageContaining("getLong");
        assertThatThrownBy(() -> row.get("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no column nope");
    }

    @Test
    @DisplayName("names are lower-cased and every identifier is quoted, so a key field named order reads")
    void mixedCaseAndKeywords() {
        assertThat(reader.getRowByKey("FLAGS", "Features", "banner", 1L)).isPresent();
        assertThat(reader.getRowByKey("flags", "features", "banner", 1L).orElseThrow().getLong("ORDER"))
                .isEqualTo(1L);
    }

    @Test
    @DisplayName("a point read needs the full key; a prefix read takes 0..all key values and orders by the key")
    void keysAndPrefixes() {
        assertThatThrownBy(() -> reader.getRowByKey("flags", "features", "checkout"))
                .isInstanceOfSatisfying(ControlException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlException.Reason.INVALID))
                .hasMessageContaining("all 2 key fields [name, order], got 1 value");
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10, "checkout"))
                .extracting(r -> r.getLong("order")).containsExactly(1L, 2L, 10L);
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 2, "checkout"))
                .extracting(r -> r.getLong("order")).containsExactly(1L, 2L);
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10))
                .extracting(r -> r.getString("name") + r.getLong("order"))
                .containsExactly("banner1", "checkout1", "checkout2", "checkout10");
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10, "checkout", 10L)).hasSize(1);
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10, "nothing")).isEmpty();
        assertThatThrownBy(() -> reader.getRowsByKeyPrefix("flags", "features", 10, "a", 1L, 2L))
                .isInstanceOf(ControlException.class).hasMessageContaining("got 3 prefix values");
        assertThatThrownBy(() -> reader.getRowsByKeyPrefix("flags", "features", 0))
                .isInstanceOf(ControlException.class).hasMessageContaining("limit must be at least 1, got 0");
    }

    @Test
    @DisplayName("key values are converted to the field's type: whole numbers for integers, strings for bytestrings")
    void keyConversion() throws Exception {
        ldb.table(2, "flags", "tags", List.of(new String[] {"tag", "bytestring"}, new String[] {"n", "integer"}),
                List.of("tag", "n"));
        long big = (1L << 53) + 1;
        ldb.row(2, "abc".getBytes(StandardCharsets.UTF_8), big);
        for (Object n : List.of(big, BigInteger.valueOf(big), new BigDecimal(big))) {
            assertThat(reader.getRowByKey("flags", "tags", "abc", n)).as("key %s", n).isPresent()
                    .hasValueSatisfying(r -> assertThat(r.getLong("n")).isEqualTo(big));
        }
        assertThat(reader.getRowByKey("flags", "tags", "abc".getBytes(StandardCharsets.UTF_8), big)).isPresent();
        assertThat(reader.getRowByKey("flags", "features", "banner", 1)).isPresent();
        assertThat(reader.getRowByKey("flags", "features", "banner", 1.0)).isPresent();
        for (Object bad : List.of(1.5, "1", new BigDecimal("1.5"), BigInteger.ONE.shiftLeft(64))) {
            assertThatThrownBy(() -> reader.getRowByKey("flags", "features", "banner", bad)).as("key %s", bad)
                    .isInstanceOf(ControlException.class).hasMessageContaining("key field order is of type integer");
        }
        assertThatThrownBy(() -> reader.getRowByKey("flags", "features", 7L, 1L))
                .isInstanceOf(ControlException.class).hasMessageContaining("key field name is of type string");
        assertThatThrownBy(() -> reader.getRowByKey("flags", "features", null, 1L))
                .isInstanceOf(ControlException.class).hasMessageContaining("key field name is null");
    }

    @Test
    @DisplayName("an unknown family or table is NOT_FOUND, naming which")
    void notFound() {
        assertThatThrownBy(() -> reader.getRowByKey("nope", "features", "x", 1L))
                .isInstanceOfSatisfying(ControlException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ControlException.Reason.NOT_FOUND);
                    assertThat(e.resource()).isEqualTo(ResourceKind.CONTROL_FAMILY);
                }).hasMessageContaining("family nope not found");
        assertThatThrownBy(() -> reader.getRowsByKeyPrefix("flags", "nope", 1))
                .isInstanceOfSatisfying(ControlException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ControlException.Reason.NOT_FOUND);
                    assertThat(e.resource()).isEqualTo(ResourceKind.CONTROL_TABLE);
                }).hasMessageContaining("table flags.nope not found");
    }

    @Test
    @DisplayName("cached definitions and statements follow a table dropped and re-created with other keys")
    void recreatedTable() throws Exception {
        assertThat(reader.getRowByKey("flags", "features", "banner", 1L)).isPresent();
        ldb.drop(1);
        assertThatThrownBy(() -> reader.getRowByKey("flags", "features", "banner", 1L))
                .isInstanceOf(ControlException.class).hasMessageContaining("table flags.features not found");
        // The same name under a new id, keyed by another field.
        ldb.table(3, "flags", "features", List.of(new String[] {"code", "integer"}, new String[] {"name", "string"}),
                List.of("code"));
        ldb.row(3, 7L, "seven");
        assertThat(reader.getRowByKey("flags", "features", 7L).orElseThrow().getString("name")).isEqualTo("seven");
        // The same id again (a registry could reuse it), keyed by a string.
        ldb.drop(3);
        ldb.table(3, "flags", "features", List.of(new String[] {"name", "string"}, new String[] {"code", "integer"}),
                List.of("name"));
        ldb.row(3, "eight", 8L);
        assertThat(reader.getRowByKey("flags", "features", "eight").orElseThrow().getLong("code")).isEqualTo(8L);
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 5)).extracting(LdbRow::columns)
                .containsExactly(List.of("name", "code"));
    }

    @Test
    @DisplayName("a field added to a cached table shows in the next read")
    void addedField() throws Exception {
        assertThat(reader.getRowByKey("flags", "features", "banner", 1L).orElseThrow().columns()).hasSize(6);
        ldb.addField(1, "owner", "string", "[[\"name\",\"string\"],[\"order\",\"integer\"],[\"ratio\",\"decimal\"],"
                + "[\"note\",\"text\"],[\"blob\",\"binary\"],[\"tag\",\"bytestring\"],[\"owner\",\"string\"]]");
        ldb.execute("UPDATE ct_1 SET owner = 'ops' WHERE name = 'banner'");
        LdbRow row = reader.getRowByKey("flags", "features", "banner", 1L).orElseThrow();
        assertThat(row.columns()).endsWith("owner");
        assertThat(row.getString("owner")).isEqualTo("ops");
    }

    @Test
    @DisplayName("a read past its deadline is interrupted inside SQLite and fails; the reader keeps working")
    void deadline() throws Exception {
        ldb.table(4, "flags", "big", List.of(new String[] {"id", "integer"}, new String[] {"body", "text"}),
                List.of("id"));
        String body = "x".repeat(200);
        ldb.rows(4, 200_000, i -> new Object[] {(long) i, body});
        try (LdbReader one = LdbReader.open(ldb.path, 1, Clock.systemUTC())) {
            // Opens the one connection and prepares the statement, so the timed read starts executing at once.
            assertThat(one.getRowsByKeyPrefix("flags", "big", 1)).hasSize(1);
            assertThatThrownBy(() -> one.getRowsByKeyPrefix(Duration.ofMillis(20), "flags", "big", 1_000_000))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("flags.big passed its deadline of PT0.02S and was interrupted");
            assertThat(one.getRowByKey(Duration.ofSeconds(30), "flags", "big", 199_999L)).isPresent();
        }
        assertThatThrownBy(() -> reader.getRowByKey(Duration.ZERO, "flags", "big", 1L))
                .hasMessageContaining("deadline must be positive");
    }

    @Test
    @DisplayName("position, ledger latency and awaitPosition answer as the typed replica's do")
    void position() throws Exception {
        assertThat(reader.appliedPosition()).isZero();
        assertThat(reader.position()).isEmpty();
        assertThatThrownBy(reader::ledgerLatency).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("has applied no ledger entry yet");
        ldb.position(5, Instant.now().minusSeconds(60));
        assertThat(reader.appliedPosition()).isEqualTo(5);
        assertThat(reader.ledgerLatency()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(reader.awaitPosition(5, Duration.ZERO)).isEqualTo(5);
        assertThatThrownBy(() -> reader.awaitPosition(6, Duration.ofMillis(1)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("short of seq 6");
    }

    @Test
    @DisplayName("eight threads share a pool of two connections and all read correctly")
    void concurrentReads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                sums.add(pool.submit(() -> {
                    long sum = 0;
                    for (int i = 0; i < 50; i++) {
                        sum += reader.getRowByKey("flags", "features", "checkout", 10L).orElseThrow().getLong("order");
                        sum += reader.getRowsByKeyPrefix("flags", "features", 10, "checkout").size();
                    }
                    return sum;
                }));
            }
            for (Future<Long> s : sums) {
                assertThat(s.get()).isEqualTo(50 * 13L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("opening a file that is not an LDB fails naming it; a closed reader refuses reads")
    void openingAndClosing() throws Exception {
        Path notLdb = Files.writeString(dir.resolve("plain.txt"), "hello");
        assertThatThrownBy(() -> LdbReader.open(notLdb)).isInstanceOf(StorageException.class)
                .hasMessageContaining("plain.txt");
        reader.close();
        assertThatThrownBy(() -> reader.getRowByKey("flags", "features", "banner", 1L))
                .isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(reader::appliedPosition).isInstanceOf(StoreClosedException.class);
    }
}
