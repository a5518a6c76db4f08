package dev.ctrlstore.server.sidecar;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Control tables from the center to the sidecar: a ControlStore on PostgreSQL with its ledger, a reflector, the LDB,
 * the sidecar answering ctlstore's request shapes. A multi-mutation write shows in the LDB whole or not at all.
 */
@PostgresTest
class SidecarControlEndToEndTest {
    private static final long BIG = (1L << 53) + 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("rows written through the center's ControlStore read back through the sidecar, each batch whole")
    void centerToSidecar(TestDatabase db, @TempDir Path dir) throws Exception {
        Path ldb = dir.resolve("ldb.db");
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).poolSize(2).ledger(LedgerMode.SYNC).schema("sidecar_e2e").build()) {
            center.migrate();
            ControlStore control = center.control(ControlSettings.defaults());
            control.createFamily("flags");
            control.createTables(List.of(new TableDefinition("flags", "Features", List.of(
                    new FieldDefinition("name", FieldType.STRING), new FieldDefinition("order", FieldType.INTEGER),
                    new FieldDefinition("enabled", FieldType.INTEGER), new FieldDefinition("note", FieldType.TEXT)),
                    List.of("name", "order"))));
            control.registerWriter("writer-1", "secret-1");
            WriterCredentials writer = new WriterCredentials("writer-1", "secret-1");
            long first = control.mutate(writer, batch(List.of(row("checkout", BIG, 1, "big"))));

            try (Reflector reflector = Reflector.builder().ldb(ldb).source(JdbcLedgerSource.builder()
                         .jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password()).schema("sidecar_e2e")
                         .awaitFlush(false).build()).pollInterval(Duration.ofMillis(20)).build().start();
                 SidecarServer sidecar = SidecarServer.builder().ldb(ldb).port(0).build().start()) {
                HttpResponse<String> read = post(sidecar, "/get-row-by-key/flags/features?min_seq=" + first
                        + "&wait_ms=30000", "{\"Key\":[{\"Value\":\"checkout\"},{\"Value\":" + BIG + "}]}");
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                JsonNode row = JSON.readTree(read.body());
                assertThat(row.get("order").bigIntegerValue()).isEqualTo(BigInteger.valueOf(BIG));
                assertThat(row.get("note").asText()).isEqualTo("big");

                // 50 rows in one request: every prefix read sees none of them or all of them.
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    rows.add(row("search", i, 1, "n" + i));
                }
                long batchSeq = control.mutate(writer, batch(rows));
                int seen;
                do {
                    HttpResponse<String> prefix = post(sidecar, "/get-rows-by-key-prefix/flags/features",
                            "{\"Key\":[{\"Value\":\"search\"}]}");
                    assertThat(prefix.statusCode()).as(prefix.body()).isEqualTo(200);
                    seen = JSON.readTree(prefix.body()).size();
                    assertThat(seen).as("rows of one batch visible").isIn(0, 50);
                } while (seen == 0 && reflector.state().position() < batchSeq);
                HttpResponse<String> all = post(sidecar, "/get-rows-by-key-prefix/flags/features?min_seq="
                        + batchSeq + "&wait_ms=30000", "{\"Key\":[{\"Value\":\"search\"}]}");
                JsonNode array = JSON.readTree(all.body());
                assertThat(StreamSupport.stream(array.spliterator(), false).map(r -> r.get("order").asInt())
                        .toList()).as("in key order").isSorted().hasSize(50);

                control.mutate(writer, new MutationBatch("flags", Optional.empty(), Optional.empty(),
                        List.of(new Mutation("features", true, Map.of("name", "checkout", "order", BIG)))));
                HttpResponse<String> gone = post(sidecar, "/get-row-by-key/flags/features?min_seq="
                        + center.ledgerPosition() + "&wait_ms=30000",
                        "{\"Key\":[{\"Value\":\"checkout\"},{\"Value\":" + BIG + "}]}");
                assertThat(gone.statusCode()).isEqualTo(404);
                assertThat(gone.headers().firstValue("X-Ctlstore")).hasValue("Not Found");
            }
        }
    }

    private static Map<String, Object> row(String name, long order, long enabled, String note) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("order", order);
        values.put("enabled", enabled);
        values.put("note", note);
        return values;
    }

    private static MutationBatch batch(List<Map<String, Object>> rows) {
        return new MutationBatch("flags", Optional.empty(), Optional.empty(),
                rows.stream().map(v -> new Mutation("features", false, v)).toList());
    }

    private HttpResponse<String> post(SidecarServer sidecar, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sidecar.uri() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
