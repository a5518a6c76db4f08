package dev.ctrlstore.server.sidecar;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** ctlstore's sidecar routes over a real socket, with ctlstore's request shapes, on an LDB holding control tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SidecarControlTest {
    private static final long BIG = 9007199254740993L; // 2^53 + 1: a double would read 2^53
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final HttpClient http = HttpClient.newHttpClient();
    private SidecarServer sidecar;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        try (ControlLdb ldb = new ControlLdb(dir.resolve("ldb.db"))) {
            ldb.table(1, "flags", "features", "[[\"name\",\"string\"],[\"n\",\"integer\"],[\"score\",\"decimal\"],"
                    + "[\"data\",\"binary\"],[\"note\",\"text\"]]", "[\"name\",\"n\"]",
                    "\"name\" TEXT, \"n\" INTEGER, \"score\" REAL, \"data\" BLOB, \"note\" TEXT,"
                            + " PRIMARY KEY (\"name\", \"n\")");
            ldb.table(2, "flags", "orders", "[[\"order\",\"bytestring\"],[\"v\",\"text\"]]", "[\"order\"]",
                    "\"order\" BLOB, \"v\" TEXT, PRIMARY KEY (\"order\")");
            ldb.sql("INSERT INTO ct_1 VALUES ('checkout', ?, 1.5, x'000102', NULL)", BIG);
            ldb.sql("INSERT INTO ct_1 VALUES ('checkout', 2, 2.5, NULL, 'two')");
            ldb.sql("INSERT INTO ct_1 VALUES ('checkout', 1, 0.5, NULL, 'one')");
            ldb.sql("INSERT INTO ct_1 VALUES ('search', 1, 9.0, NULL, NULL)");
            ldb.sql("INSERT INTO ct_2 VALUES (?, 'first')", "o-1".getBytes(StandardCharsets.UTF_8));
        }
        sidecar = SidecarServer.builder().ldb(dir.resolve("ldb.db")).port(0).maxRows(3).build().start();
    }

    @AfterAll
    void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
    }

    @Test
    @DisplayName("get-row-by-key answers the row as column to value: exact integers, bytes as base64, NULL as null")
    void rowByKey() throws Exception {
        HttpResponse<String> res = post("/get-row-by-key/flags/features",
                "{\"Key\":[{\"Value\":\"checkout\"},{\"Value\":" + BIG + "}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode row = JSON.readTree(res.body());
        assertThat(fieldNames(row)).containsExactly("name", "n", "score", "data", "note");
        assertThat(row.get("name").asText()).isEqualTo("checkout");
        assertThat(row.get("n").bigIntegerValue()).isEqualTo(BigInteger.valueOf(BIG));
        assertThat(row.get("score").asDouble()).isEqualTo(1.5);
        assertThat(Base64.getDecoder().decode(row.get("data").asText())).containsExactly(0, 1, 2);
        assertThat(row.get("note").isNull()).isTrue();
    }

    @Test
    @DisplayName("property names match in any case, and family and table names are lower-cased, as in ctlstore")
    void caseInsensitive() throws Exception {
        HttpResponse<String> res = post("/get-row-by-key/Flags/FEATURES",
                "{\"key\":[{\"value\":\"checkout\"},{\"VALUE\":2}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(JSON.readTree(res.body()).get("note").asText()).isEqualTo("two");
    }

    @Test
    @DisplayName("no row with the key: 404 with X-Ctlstore: Not Found and an empty body")
    void rowNotFound() throws Exception {
        HttpResponse<String> res = post("/get-row-by-key/flags/features",
                "{\"Key\":[{\"Value\":\"checkout\"},{\"Value\":3}]}");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.headers().firstValue("X-Ctlstore")).hasValue("Not Found");
        assertThat(res.body()).isEmpty();
    }

    @Test
    @DisplayName("a keyword-named bytestring key reads by Binary and by a string Value")
    void keywordBytestringKey() throws Exception {
        String b64 = Base64.getEncoder().encodeToString("o-1".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> binary = post("/get-row-by-key/flags/orders", "{\"Key\":[{\"Binary\":\"" + b64 + "\"}]}");
        assertThat(binary.statusCode()).as(binary.body()).isEqualTo(200);
        JsonNode row = JSON.readTree(binary.body());
        assertThat(row.get("order").asText()).isEqualTo(b64);
        assertThat(row.get("v").asText()).isEqualTo("first");
        HttpResponse<String> text = post("/get-row-by-key/flags/orders", "{\"Key\":[{\"Value\":\"o-1\"}]}");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("unknown table is 404 with a message; a partial key, a nested value, bad base64, bad JSON are 400")
    void refusals() throws Exception {
        HttpResponse<String> unknown = post("/get-row-by-key/flags/nothing", "{\"Key\":[{\"Value\":1}]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("nothing");
        assertThat(unknown.headers().firstValue("X-Ctlstore")).as("only a missing row says Not Found").isEmpty();

        HttpResponse<String> partial = post("/get-row-by-key/flags/features", "{\"Key\":[{\"Value\":\"checkout\"}]}");
        assertThat(partial.statusCode()).isEqualTo(400);
        assertThat(partial.body()).containsIgnoringCase("key");

        HttpResponse<String> nested = post("/get-row-by-key/flags/features",
                "{\"Key\":[{\"Value\":{\"a\":1}},{\"Value\":1}]}");
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nested.body()).contains("Key[0]", "nested object");

        HttpResponse<String> badBase64 = post("/get-row-by-key/flags/orders", "{\"Key\":[{\"Binary\":\"%%%\"}]}");
        assertThat(badBase64.statusCode()).isEqualTo(400);
        assertThat(badBase64.body()).contains("Key[0].Binary");

        HttpResponse<String> malformed = post("/get-row-by-key/flags/features", "{\"Key\":[");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed JSON");

        HttpResponse<String> noKey = post("/get-row-by-key/flags/features", "{}");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("\"Key\"");
    }

    @Test
    @DisplayName("get-rows-by-key-prefix answers the matching rows in key order; no key means every row")
    void prefix() throws Exception {
        HttpResponse<String> res = post("/get-rows-by-key-prefix/flags/features",
                "{\"Key\":[{\"Value\":\"checkout\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode rows = JSON.readTree(res.body());
        assertThat(StreamSupport.stream(rows.spliterator(), false).map(r -> r.get("n").bigIntegerValue()).toList())
                .containsExactly(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(BIG));

        HttpResponse<String> none = post("/get-rows-by-key-prefix/flags/features", "{\"Key\":[{\"Value\":\"x\"}]}");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEqualTo("[]");

        HttpResponse<String> orders = post("/get-rows-by-key-prefix/flags/orders", "");
        assertThat(orders.statusCode()).as(orders.body()).isEqualTo(200);
        assertThat(JSON.readTree(orders.body())).hasSize(1);
    }

    @Test
    @DisplayName("more rows than max-rows match: 416; exactly max-rows: 200")
    void maxRows() throws Exception {
        HttpResponse<String> all = post("/get-rows-by-key-prefix/flags/features", "{\"Key\":[]}");
        assertThat(all.statusCode()).isEqualTo(416);
        assertThat(all.body()).contains("more than 3 rows", "flags.features");
        HttpResponse<String> three = post("/get-rows-by-key-prefix/flags/features",
                "{\"Key\":[{\"Value\":\"checkout\"}]}");
        assertThat(three.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("min_seq works on the control routes: reached answers with ctrlstore-seq, never reached is 503")
    void minSeq() throws Exception {
        HttpResponse<String> reached = post("/get-row-by-key/flags/features?min_seq=1",
                "{\"Key\":[{\"Value\":\"search\"},{\"Value\":1}]}");
        assertThat(reached.statusCode()).as(reached.body()).isEqualTo(200);
        assertThat(reached.headers().firstValue("ctrlstore-seq")).hasValue("1");
        HttpResponse<String> ahead = post("/get-row-by-key/flags/features?min_seq=2&wait_ms=0",
                "{\"Key\":[{\"Value\":\"search\"},{\"Value\":1}]}");
        assertThat(ahead.statusCode()).isEqualTo(503);
    }

    @Test
    @DisplayName("/metrics counts the rows prefix reads answer and times requests by route pattern")
    void metrics() throws Exception {
        post("/get-rows-by-key-prefix/flags/orders", "");
        String metrics = http.send(HttpRequest.newBuilder(URI.create(sidecar.uri() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("ctrlstore_sidecar_prefix_rows_count", "ctrlstore_sidecar_ledger_position",
                "uri=\"/get-rows-by-key-prefix/{family}/{table}\"");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sidecar.uri() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }
}
