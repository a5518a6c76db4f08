package dev.ctrlstore.replication.control;

import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlStore;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.control.Mutation;
import dev.ctrlstore.store.control.MutationBatch;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Control tables end to end: a PostgreSQL center with the ledger and its control store, a reflector reading it over
 * JDBC into an LDB, and the generic reader on that LDB.
 */
@PostgresTest
class ControlReplicationPostgresTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final WriterCredentials WRITER = new WriterCredentials("replication-test", "s3cret-enough");

    @TempDir
    Path dir;
    PostgresStore center;
    ControlStore control;
    Reflector reflector;
    LdbReader reader;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo test) {
        String schema = "ctl_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
        center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password()).poolSize(4)
                .schema(schema).ledger(LedgerMode.SYNC).build();
        center.migrate();
        control = center.control(ControlSettings.defaults());
        control.createFamily("Flags");
        control.registerWriter(WRITER.writer(), WRITER.secret());
        Path ldb = dir.resolve("ldb.db");
        reflector = Reflector.builder().ldb(ldb).source(JdbcLedgerSource.builder().jdbcUrl(db.jdbcUrl())
                .user(db.user()).password(db.password()).schema(schema).build()).build().start();
        reader = LdbReader.open(ldb.toAbsolutePath());
        awaitCenter();
    }

    @AfterEach
    void tearDown() {
        if (reader != null) {
            reader.close();
        }
        if (reflector != null) {
            reflector.close();
        }
        if (center != null) {
            center.close();
        }
    }

    @Test
    @DisplayName("create, mutate, add fields, delete, clear and drop at the center read back through the LDB")
    void lifecycle() {
        control.createTables(List.of(table("Features", List.of(field("Name", FieldType.STRING),
                field("order", FieldType.INTEGER), field("ratio", FieldType.DECIMAL), field("body", FieldType.TEXT),
                field("data", FieldType.BINARY), field("tag", FieldType.BYTESTRING)), List.of("name", "order"))));
        BigInteger big = BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE);
        mutate(upsert("features", "name", "checkout", "order", big, "ratio", new java.math.BigDecimal("0.25"),
                "body", "long text", "data", b64(new byte[] {0, 1, 2}), "tag", b64("t".getBytes(StandardCharsets.UTF_8))),
                upsert("features", "name", "checkout", "order", 1L, "ratio", null, "body", null, "data", null,
                        "tag", null));

        LdbRow row = reader.getRowByKey("FLAGS", "features", "checkout", big.longValueExact()).orElseThrow();
        assertThat(row.getLong("order")).isEqualTo(big.longValueExact());
        assertThat(row.getDouble("ratio")).isEqualTo(0.25);
        assertThat(row.getString("body")).isEqualTo("long text");
        assertThat(row.getBytes("data")).containsExactly(0, 1, 2);
        assertThat(reader.getRowByKey("flags", "features", "checkout", 1L).orElseThrow().isNull("ratio")).isTrue();
        assertThat(row.getBytes("tag")).isEqualTo("t".getBytes(StandardCharsets.UTF_8));

        control.addFields("flags", "features", List.of(field("owner", FieldType.STRING)));
        mutate(upsert("features", "name", "banner", "order", 3L, "ratio", 1L, "body", "b", "data", null, "tag", null,
                "owner", "ops"));
        assertThat(reader.getRowByKey("flags", "features", "banner", 3L).orElseThrow().getString("owner"))
                .isEqualTo("ops");
        assertThat(reader.getRowByKey("flags", "features", "checkout", 1L).orElseThrow().isNull("owner")).isTrue();

        mutate(delete("features", "name", "checkout", "order", 1L));
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10, "checkout")).extracting(r -> r.getLong("order"))
                .containsExactly(big.longValueExact());

        control.clearTable("flags", "features");
        awaitCenter();
        assertThat(reader.getRowsByKeyPrefix("flags", "features", 10)).isEmpty();

        control.dropTable("flags", "features");
        awaitCenter();
        assertThatThrownBy(() -> reader.getRowByKey("flags", "features", "x", 1L))
                .isInstanceOfSatisfying(ControlException.class,
                        e -> assertThat(e.reason()).isEqualTo(ControlException.Reason.NOT_FOUND));
    }

    @Test
    @DisplayName("a table dropped and re-created with other keys reads by its new keys through a warm reader")
    void recreatedWithOtherKeys() {
        control.createTables(List.of(table("routes", List.of(field("host", FieldType.STRING),
                field("port", FieldType.INTEGER)), List.of("host"))));
        mutate(upsert("routes", "host", "a.example", "port", 443L));
        assertThat(reader.getRowByKey("flags", "routes", "a.example")).isPresent();
        control.dropTable("flags", "routes");
        control.createTables(List.of(table("routes", List.of(field("port", FieldType.INTEGER),
                field("host", FieldType.STRING)), List.of("port"))));
        mutate(upsert("routes", "port", 8080L, "host", "b.example"));
        assertThat(reader.getRowByKey("flags", "routes", 8080).orElseThrow().getString("host")).isEqualTo("b.example");
        assertThatThrownBy(() -> reader.getRowByKey("flags", "routes", "a.example"))
                .isInstanceOf(ControlException.class).hasMessageContaining("key field port is of type integer");
    }

    @Test
    @DisplayName("a request of several mutations is visible in the LDB all at once or not at all")
    void allOrNothing() throws Exception {
        control.createTables(List.of(table("batches", List.of(field("batch", FieldType.INTEGER),
                field("item", FieldType.INTEGER)), List.of("batch", "item"))));
        awaitCenter();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
        int[] reads = {0};
        Thread watcher = Thread.ofPlatform().start(() -> {
            try {
                while (writing.get()) {
                    Map<Long, Integer> counts = new HashMap<>();
                    for (LdbRow r : reader.getRowsByKeyPrefix("flags", "batches", 10_000)) {
                        counts.merge(r.getLong("batch"), 1, Integer::sum);
                    }
                    counts.forEach((batch, n) -> {
                        if (n != 5) {
                            torn.add("batch " + batch + " had " + n + " of 5 rows");
                        }
                    });
                    reads[0]++;
                }
            } catch (RuntimeException e) {
                torn.add("the watcher failed: " + e);
            }
        });
        try {
            for (long batch = 0; batch < 30; batch++) {
                List<Mutation> rows = new ArrayList<>();
                for (long item = 0; item < 5; item++) {
                    rows.add(upsert("batches", "batch", batch, "item", item));
                }
                mutate(rows.toArray(Mutation[]::new));
            }
        } finally {
            writing.set(false);
            watcher.join();
        }
        assertThat(torn).isEmpty();
        assertThat(reads[0]).isPositive();
        assertThat(reader.getRowsByKeyPrefix("flags", "batches", 10_000)).hasSize(150);
    }

    /** Mutates the family flags and waits until the LDB has applied the request's entry. */
    private void mutate(Mutation... mutations) {
        long seq = control.mutate(WRITER, new MutationBatch("flags", Optional.empty(), Optional.empty(),
                List.of(mutations)));
        reader.awaitPosition(seq, PATIENCE);
    }

    /** Waits until the LDB has applied everything the center's ledger holds. */
    private void awaitCenter() {
        reader.awaitPosition(center.ledger().head().seq(), PATIENCE);
    }

    private static Mutation upsert(String table, Object... namesAndValues) {
        return new Mutation(table, false, values(namesAndValues));
    }

    private static Mutation delete(String table, Object... namesAndValues) {
        return new Mutation(table, true, values(namesAndValues));
    }

    private static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    private static TableDefinition table(String name, List<FieldDefinition> fields, List<String> key) {
        return new TableDefinition("flags", name, fields, key);
    }

    private static FieldDefinition field(String name, FieldType type) {
        return new FieldDefinition(name, type);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
