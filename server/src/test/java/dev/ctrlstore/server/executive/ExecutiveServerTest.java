package dev.ctrlstore.server.executive;

import dev.ctrlstore.server.http.Json;
import dev.ctrlstore.store.control.ControlStore;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every executive route over a real socket, against a PostgreSQL center with a ledger: each success and each status
 * of the taxonomy. Tests use families of their own, so they share one database.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutiveServerTest {
    private static final String TOKEN = "test-admin-token-0123456789";

    private TestDatabase db;
    private PostgresStore center;
    private ControlStore store;
    private ExecutiveServer executive;
    private ExecutiveServer destructive;
    private Client http;

    @BeforeAll
    void start(TestDatabase db) {
        this.db = db;
        center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password()).poolSize(10)
                .ledger(LedgerMode.SYNC).build();
        center.migrate();
        store = center.control(ControlSettings.defaults().withSecrets(1000, Duration.ofMinutes(5))
                .withSizeRefresh(Duration.ZERO));
        executive = ExecutiveServer.builder().store(store).adminToken(TOKEN).build().start();
        destructive = ExecutiveServer.builder().store(store).adminToken(TOKEN).destructiveSchemaChanges(true).build()
                .start();
        http = new Client(executive.uri(), TOKEN);
    }

    @AfterAll
    void stop() {
        executive.close();
        destructive.close();
        center.close();
    }

    @Test
    @DisplayName("admin routes: a missing token, another scheme and a wrong token are 401 with a Bearer challenge")
    void adminToken() {
        HttpResponse<String> none = http.send("POST", "/families/tokens", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("Authorization: Bearer <token>");
        assertThat(none.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(http.send("POST", "/families/tokens", null, "Authorization", "Basic dTpw").statusCode())
                .isEqualTo(401);
        HttpResponse<String> wrong = http.send("POST", "/families/tokens", null, "Authorization", "Bearer nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("wrong admin token");
        for (String[] route : new String[][] {{"POST", "/families/tokens/tables/t"}, {"PUT", "/families/f/tables/t"},
                {"POST", "/tables"}, {"GET", "/schema/table/f/t"}, {"GET", "/schema/family/f"},
                {"POST", "/writers/w"}, {"GET", "/limits/tables"}, {"POST", "/limits/tables/f/t"},
                {"DELETE", "/limits/tables/f/t"}, {"GET", "/limits/writers"}, {"POST", "/limits/writers/w"},
                {"DELETE", "/limits/writers/w"}, {"DELETE", "/families/f/tables/t"},
                {"DELETE", "/clear-rows/families/f/tables/t"}, {"DELETE", "/clear-rows/families/f"}}) {
            assertThat(http.send(route[0], route[1], "{}").statusCode()).as("%s %s", route[0], route[1])
                    .isEqualTo(401);
        }
        assertThat(http.admin("POST", "/families/tokens", null).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("families: 200, then 409 for the same name in other case; invalid names are 400")
    void families() {
        assertThat(http.admin("POST", "/families/fams", null).statusCode()).isEqualTo(200);
        HttpResponse<String> again = http.admin("POST", "/families/FAMS", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("fams");
        assertThat(http.admin("POST", "/families/ab", null).statusCode()).isEqualTo(400);
        assertThat(http.admin("POST", "/families/a__b", null).statusCode()).isEqualTo(400);
        assertThat(http.admin("POST", "/families/1abc", null).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("tables: create with mixed-case names and a key named `order`, read the schema back lower-cased")
    void createAndReadTable() {
        family("Shop");
        HttpResponse<String> created = http.admin("POST", "/families/Shop/tables/Orders", """
                {"fields":[["Order","integer"],["Region","string"],["total","decimal"],["note","text"],
                 ["blob","binary"],["tag","bytestring"]],"keyFields":["order","region"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).isEmpty();

        HttpResponse<String> schema = http.admin("GET", "/schema/table/SHOP/orders", null);
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(json(schema)).isEqualTo(Map.of("family", "shop", "name", "orders",
                "fields", List.of(List.of("order", "integer"), List.of("region", "string"),
                        List.of("total", "decimal"), List.of("note", "text"), List.of("blob", "binary"),
                        List.of("tag", "bytestring")),
                "keyFields", List.of("order", "region")));
        HttpResponse<String> family = http.admin("GET", "/schema/family/shop", null);
        assertThat(json(family)).isEqualTo(List.of(json(schema)));

        assertThat(http.admin("POST", "/families/shop/tables/orders", """
                {"fields":[["order","integer"],["region","string"],["total","decimal"],["note","text"],
                 ["blob","binary"],["tag","bytestring"]],"keyFields":["order","region"]}""").statusCode())
                .as("an identical definition again is accepted").isEqualTo(200);
        HttpResponse<String> other = http.admin("POST", "/families/shop/tables/orders",
                "{\"fields\":[[\"order\",\"integer\"]],\"keyFields\":[\"order\"]}");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("orders");
    }

    @Test
    @DisplayName("tables: malformed and invalid definitions are 400 naming the problem; an unknown family is 404")
    void invalidTables() {
        family("bad_defs");
        assertThat(createTable("bad_defs", "tbl_one", "{\"fields\":[[\"a\"]],\"keyFields\":[\"a\"]}"))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("Field #0 is malformed: expected 2 elements"));
        assertThat(createTable("bad_defs", "tbl_one", "{\"fields\":[[\"a\",\"float\"]],\"keyFields\":[\"a\"]}").body())
                .contains("Type 'float' unknown");
        assertThat(createTable("bad_defs", "tbl_one", "{\"fields\":[[\"a\",\"decimal\"]],\"keyFields\":[\"a\"]}"))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("decimal"));
        assertThat(createTable("bad_defs", "tbl_one", "{\"fields\":[[\"a\",\"string\"]],\"keyFields\":[]}"))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("key"));
        assertThat(createTable("bad_defs", "tbl_one", "{\"fields\":[[\"a\",\"string\"]],\"keyFields\":[\"b\"]}"))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("'b'"));
        assertThat(createTable("bad_defs", "tbl_one", "{\"fields\":[[\"a\",\"string\"]]").body())
                .startsWith("malformed JSON");
        assertThat(createTable("bad_defs", "t1", "{\"fields\":[[\"a\",\"string\"]],\"keyFields\":[\"a\"]}").body())
                .isEqualTo("Table names must be at least 3 characters, got 't1'");
        HttpResponse<String> noFamily = createTable("no_such_family", "tbl_one",
                "{\"fields\":[[\"a\",\"string\"]],\"keyFields\":[\"a\"]}");
        assertThat(noFamily.statusCode()).isEqualTo(404);
        assertThat(noFamily.body()).contains("no_such_family");
        assertThat(http.admin("GET", "/schema/table/bad_defs/tbl_one", null).statusCode()).isEqualTo(404);
        assertThat(http.admin("GET", "/schema/family/no_such_family", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("PUT adds fields (409 for an existing one, 404 for an unknown table)")
    void addFields() {
        family("grow");
        assertThat(createTable("grow", "things", "{\"fields\":[[\"id\",\"integer\"]],\"keyFields\":[\"id\"]}")
                .statusCode()).isEqualTo(200);
        assertThat(http.admin("PUT", "/families/grow/tables/things", "{\"fields\":[[\"Name\",\"string\"]]}")
                .statusCode()).isEqualTo(200);
        assertThat(json(http.admin("GET", "/schema/table/grow/things", null))).extracting(m -> ((Map<?, ?>) m)
                .get("fields")).isEqualTo(List.of(List.of("id", "integer"), List.of("name", "string")));
        HttpResponse<String> again = http.admin("PUT", "/families/grow/tables/things",
                "{\"fields\":[[\"name\",\"string\"]]}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("name");
        assertThat(http.admin("PUT", "/families/grow/tables/nothing", "{\"fields\":[[\"x\",\"string\"]]}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("POST /tables: a batch whose third table conflicts creates none; an identical batch is accepted twice")
    void batch() {
        family("batch");
        assertThat(createTable("batch", "third", "{\"fields\":[[\"id\",\"integer\"]],\"keyFields\":[\"id\"]}")
                .statusCode()).isEqualTo(200);
        String conflicting = "[" + table("batch", "first") + "," + table("batch", "second") + ","
                + table("batch", "third") + "]";
        HttpResponse<String> res = http.admin("POST", "/tables", conflicting);
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(res.body()).contains("third");
        assertThat(http.admin("GET", "/schema/table/batch/first", null).statusCode()).isEqualTo(404);
        assertThat(http.admin("GET", "/schema/table/batch/second", null).statusCode()).isEqualTo(404);

        String fine = "[" + table("batch", "first") + "," + table("batch", "second") + "]";
        assertThat(http.admin("POST", "/tables", fine).statusCode()).isEqualTo(200);
        assertThat(http.admin("POST", "/tables", fine).statusCode()).isEqualTo(200);
        assertThat((List<?>) json(http.admin("GET", "/schema/family/batch", null))).hasSize(3);
        assertThat(http.admin("POST", "/tables", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("writers: registering again with the same secret is 200, with another 409; a short secret is 400")
    void writers() {
        assertThat(http.admin("POST", "/writers/writer_one", "s3cret-one").statusCode()).isEqualTo(200);
        assertThat(http.admin("POST", "/writers/writer_one", "s3cret-one").statusCode()).isEqualTo(200);
        HttpResponse<String> other = http.admin("POST", "/writers/writer_one", "xyzzy-plugh");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("writer_one").doesNotContain("xyzzy").doesNotContain("s3cret");
        assertThat(http.admin("POST", "/writers/writer_two", "ab").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("cookies: 401 without or with wrong credentials; set and get raw bytes; over 1024 bytes is 400")
    void cookies() {
        writer("cookie_w", "cookie-secret");
        assertThat(http.send("GET", "/cookie", null).statusCode()).isEqualTo(401);
        assertThat(http.send("GET", "/cookie", null, "ctlstore-writer", "cookie_w").body())
                .contains("missing header ctlstore-secret");
        assertThat(http.writer("cookie_w", "wrong", "GET", "/cookie", null).statusCode()).isEqualTo(401);
        assertThat(http.writer("nobody_here", "wrong", "GET", "/cookie", null).statusCode()).isEqualTo(401);

        byte[] cookie = {0, 1, 2, (byte) 0xff};
        assertThat(http.bytes("POST", "/cookie", cookie, "ctlstore-writer", "cookie_w", "ctlstore-secret",
                "cookie-secret").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> got = http.bytes("GET", "/cookie", null, "ctlstore-writer", "cookie_w",
                "ctlstore-secret", "cookie-secret");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(cookie);
        assertThat(http.bytes("POST", "/cookie", new byte[1025], "ctlstore-writer", "cookie_w", "ctlstore-secret",
                "cookie-secret").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("mutations: upserts and deletes commit with a ledger seq; values read back exactly (2^53+1)")
    void mutate() throws SQLException {
        family("muts");
        assertThat(createTable("muts", "Rows", """
                {"fields":[["order","integer"],["name","string"],["price","decimal"],["data","binary"]],
                 "keyFields":["order"]}""").statusCode()).isEqualTo(200);
        writer("muts_w", "muts-secret");
        HttpResponse<String> res = http.writer("muts_w", "muts-secret", "POST", "/families/MUTS/mutations", """
                {"cookie":"AQI=","mutations":[
                 {"table":"ROWS","values":{"ORDER":9007199254740993,"name":"big","price":1.5,"data":"AAEC"}},
                 {"table":"rows","values":{"order":2,"name":"two","price":-0.25,"data":null}},
                 {"table":"rows","values":{"order":3,"name":"three","price":3,"data":""}},
                 {"table":"rows","delete":true,"values":{"order":3}}]}""");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEmpty();
        long seq = Long.parseLong(res.headers().firstValue("ctrlstore-seq").orElseThrow());
        assertThat(seq).isPositive();
        assertThat(center.ledger().head().seq()).isGreaterThanOrEqualTo(seq);

        assertThat(rows("muts", "rows", "order", "name", "price", "data")).containsExactly(
                List.of(2L, "two", -0.25, "null"),
                List.of(9007199254740993L, "big", 1.5, "000102"));
        assertThat(cookieOf("muts_w", "muts-secret")).isEqualTo(new byte[] {1, 2});

        HttpResponse<String> next = http.writer("muts_w", "muts-secret", "POST", "/families/muts/mutations",
                "{\"mutations\":[{\"table\":\"rows\",\"values\":{\"order\":4,\"name\":\"four\",\"price\":4,"
                        + "\"data\":null}}]}");
        assertThat(Long.parseLong(next.headers().firstValue("ctrlstore-seq").orElseThrow())).isGreaterThan(seq);
        assertThat(cookieOf("muts_w", "muts-secret")).as("no cookie in the request leaves it unchanged")
                .isEqualTo(new byte[] {1, 2});
    }

    @Test
    @DisplayName("mutations: every refusal has its status and writes nothing")
    void mutationRefusals() throws SQLException {
        family("refuse");
        assertThat(createTable("refuse", "t_one", "{\"fields\":[[\"id\",\"integer\"],[\"s\",\"string\"]],"
                + "\"keyFields\":[\"id\"]}").statusCode()).isEqualTo(200);
        writer("refuse_w", "refuse-secret");
        assertThat(refuse(one("t_one", "{\"id\":1,\"s\":{\"nested\":true}}"))).satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(400);
                    assertThat(r.body()).contains("s");
                });
        assertThat(upsert("1.5").statusCode()).as("1.5 as an integer").isEqualTo(400);
        assertThat(upsert("\"1\"").statusCode()).as("\"1\" as an integer").isEqualTo(400);
        assertThat(upsert("18446744073709551616").statusCode()).as("past 64 bits").isEqualTo(400);
        assertThat(upsert("[1]").statusCode()).as("an array").isEqualTo(400);
        assertThat(refuse(one("t_one", "{\"id\":1}")).statusCode()).as("a missing field")
                .isEqualTo(400);
        assertThat(refuse(one("nope", "{\"id\":1}")).statusCode()).as("an unknown table")
                .isEqualTo(404);
        assertThat(refuse("{\"mutations\":{}}").statusCode()).isEqualTo(400);
        assertThat(refuse("{\"cookie\":\"%%%\",\"mutations\":[]}").body())
                .contains("\"cookie\" is not valid base64");
        assertThat(mutation("refuse", "refuse_w", "wrong-secret",
                one("t_one", "{\"id\":1,\"s\":\"x\"}")).statusCode()).isEqualTo(401);
        assertThat(http.send("POST", "/families/refuse/mutations", "{}").statusCode()).isEqualTo(401);

        String many = IntStream.range(0, 101).mapToObj(i -> "{\"table\":\"t_one\",\"values\":{\"id\":" + i
                + ",\"s\":\"x\"}}").collect(Collectors.joining(",", "{\"mutations\":[", "]}"));
        HttpResponse<String> tooMany = refuse(many);
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(tooMany.body()).contains("100");

        String huge = "{\"mutations\":[{\"table\":\"t_one\",\"values\":{\"id\":1,\"s\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}}]}";
        assertThat(refuse(huge).statusCode()).isEqualTo(413);

        assertThat(rows("refuse", "t_one", "id")).isEmpty();
    }

    @Test
    @DisplayName("check_cookie: a stale cookie is 409 and writes nothing; the current one commits")
    void checkCookie() throws SQLException {
        family("cas");
        assertThat(createTable("cas", "t_cas", "{\"fields\":[[\"id\",\"integer\"]],\"keyFields\":[\"id\"]}")
                .statusCode()).isEqualTo(200);
        writer("cas_w", "cas-secret");
        String one = b64("one");
        assertThat(mutation("cas", "cas_w", "cas-secret", "{\"cookie\":\"" + one + "\",\"mutations\":[{\"table\":"
                + "\"t_cas\",\"values\":{\"id\":1}}]}").statusCode()).isEqualTo(200);
        HttpResponse<String> stale = mutation("cas", "cas_w", "cas-secret", "{\"cookie\":\"" + b64("three") + "\","
                + "\"check_cookie\":\"" + b64("two") + "\",\"mutations\":[{\"table\":\"t_cas\",\"values\":"
                + "{\"id\":2}}]}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(rows("cas", "t_cas", "id")).containsExactly(List.of(1L));
        assertThat(cookieOf("cas_w", "cas-secret")).isEqualTo("one".getBytes(StandardCharsets.UTF_8));
        assertThat(mutation("cas", "cas_w", "cas-secret", "{\"cookie\":\"" + b64("two") + "\",\"check_cookie\":\"" + one
                + "\",\"mutations\":[{\"table\":\"t_cas\",\"values\":{\"id\":2}}]}").statusCode()).isEqualTo(200);
        assertThat(rows("cas", "t_cas", "id")).containsExactly(List.of(1L), List.of(2L));
    }

    @Test
    @DisplayName("rate limit: 8 concurrent clients of one writer against 20 rows per hour: exactly 20 accepted, the"
            + " rest 429 with Retry-After")
    void rateLimit() throws Exception {
        family("rated");
        assertThat(createTable("rated", "t_rate", "{\"fields\":[[\"id\",\"integer\"]],\"keyFields\":[\"id\"]}")
                .statusCode()).isEqualTo(200);
        writer("rated_w", "rated-secret");
        assertThat(http.admin("POST", "/limits/writers/rated_w", "{\"amount\":20,\"period\":\"1h\"}").statusCode())
                .isEqualTo(200);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int id = i;
            calls.add(() -> mutation("rated", "rated_w", "rated-secret", one("t_rate", "{\"id\":" + id + "}"))
                    .statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(20);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(20);
        assertThat(rows("rated", "t_rate", "id")).hasSize(20);
        HttpResponse<String> refused = mutation("rated", "rated_w", "rated-secret", one("t_rate", "{\"id\":99}"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 3600L);
    }

    @Test
    @DisplayName("limits: table and writer limits are set, listed in ctlstore's shapes and deleted")
    void limits() {
        family("limited");
        assertThat(createTable("limited", "t_lim", "{\"fields\":[[\"id\",\"integer\"]],\"keyFields\":[\"id\"]}")
                .statusCode()).isEqualTo(200);
        writer("limited_w", "limited-secret");

        assertThat(http.admin("POST", "/limits/tables/limited/t_lim", "{\"max-size\":2000000,\"warn-size\":1000000}")
                .statusCode()).isEqualTo(200);
        Map<?, ?> tables = (Map<?, ?>) json(http.admin("GET", "/limits/tables", null));
        assertThat(tables.get("global")).isEqualTo(Map.of("max-size", 100L * 1024 * 1024,
                "warn-size", 50L * 1024 * 1024));
        assertThat(tables.get("tables")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(Map.of(
                "max-size", 2000000L, "warn-size", 1000000L,
                "family", "limited", "table", "t_lim"));
        assertThat(http.admin("POST", "/limits/tables/limited/t_lim", "{\"max-size\":1,\"warn-size\":2}")
                .statusCode()).isEqualTo(400);
        assertThat(http.admin("POST", "/limits/tables/limited/none", "{\"max-size\":2,\"warn-size\":1}")
                .statusCode()).isEqualTo(404);
        assertThat(http.admin("POST", "/limits/tables/limited/t_lim", "{\"max-size\":\"2\"}").statusCode())
                .isEqualTo(400);
        assertThat(http.admin("DELETE", "/limits/tables/limited/t_lim", null).statusCode()).isEqualTo(200);
        assertThat(http.admin("DELETE", "/limits/tables/limited/t_lim", null).statusCode()).isEqualTo(404);

        assertThat(http.admin("POST", "/limits/writers/limited_w", "{\"amount\":500,\"period\":\"1m30s\"}")
                .statusCode()).isEqualTo(200);
        Map<?, ?> writers = (Map<?, ?>) json(http.admin("GET", "/limits/writers", null));
        assertThat(writers.get("global")).isEqualTo(Map.of("amount", 1000L, "period", 60_000_000_000L));
        assertThat(writers.get("writers")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(Map.of(
                "writer", "limited_w",
                "rate-limit", Map.of("amount", 500L, "period", 90_000_000_000L)));
        assertThat(http.admin("POST", "/limits/writers/limited_w", "{\"amount\":5,\"period\":60000000000}")
                .statusCode()).isEqualTo(200);
        assertThat(http.admin("POST", "/limits/writers/limited_w", "{\"amount\":5,\"period\":\"soon\"}").body())
                .contains("\"period\" must be a duration");
        assertThat(http.admin("POST", "/limits/writers/nobody_w", "{\"amount\":5,\"period\":\"1m\"}")
                .statusCode()).isEqualTo(404);
        assertThat(http.admin("DELETE", "/limits/writers/limited_w", null).statusCode()).isEqualTo(200);
        assertThat(http.admin("DELETE", "/limits/writers/limited_w", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a table over its max size is 507 and takes no rows")
    void tableFull() throws SQLException {
        family("full");
        assertThat(createTable("full", "t_full", "{\"fields\":[[\"id\",\"integer\"]],\"keyFields\":[\"id\"]}")
                .statusCode()).isEqualTo(200);
        writer("full_w", "full-secret");
        assertThat(http.admin("POST", "/limits/tables/full/t_full", "{\"max-size\":1,\"warn-size\":0}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> res = mutation("full", "full_w", "full-secret", one("t_full", "{\"id\":1}"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(507);
        assertThat(rows("full", "t_full", "id")).isEmpty();
    }

    @Test
    @DisplayName("destructive routes: 403 while disabled; drop, clear table and clear family when enabled")
    void destructiveRoutes() throws SQLException {
        family("wipe");
        for (String t : List.of("t_a", "t_b")) {
            assertThat(createTable("wipe", t, "{\"fields\":[[\"id\",\"integer\"]],\"keyFields\":[\"id\"]}")
                    .statusCode()).isEqualTo(200);
        }
        writer("wipe_w", "wipe-secret");
        String rows = "{\"mutations\":[{\"table\":\"t_a\",\"values\":{\"id\":1}},{\"table\":\"t_b\",\"values\":"
                + "{\"id\":1}}]}";
        assertThat(mutation("wipe", "wipe_w", "wipe-secret", rows).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = http.admin("DELETE", "/families/wipe/tables/t_a", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("disabled");
        assertThat(http.admin("DELETE", "/clear-rows/families/wipe/tables/t_a", null).statusCode()).isEqualTo(403);
        assertThat(http.admin("DELETE", "/clear-rows/families/wipe", null).statusCode()).isEqualTo(403);

        Client enabled = new Client(destructive.uri(), TOKEN);
        assertThat(enabled.send("DELETE", "/families/wipe/tables/t_a", null).statusCode()).isEqualTo(401);
        assertThat(enabled.admin("DELETE", "/clear-rows/families/wipe/tables/t_a", null).statusCode())
                .isEqualTo(200);
        assertThat(rows("wipe", "t_a", "id")).isEmpty();
        assertThat(rows("wipe", "t_b", "id")).hasSize(1);
        assertThat(mutation("wipe", "wipe_w", "wipe-secret", rows).statusCode()).isEqualTo(200);
        assertThat(enabled.admin("DELETE", "/clear-rows/families/wipe", null).statusCode()).isEqualTo(200);
        assertThat(rows("wipe", "t_a", "id")).isEmpty();
        assertThat(rows("wipe", "t_b", "id")).isEmpty();
        assertThat(enabled.admin("DELETE", "/families/wipe/tables/t_a", null).statusCode()).isEqualTo(200);
        assertThat(enabled.admin("GET", "/schema/table/wipe/t_a", null).statusCode()).isEqualTo(404);
        assertThat(enabled.admin("DELETE", "/families/wipe/tables/t_a", null).statusCode()).isEqualTo(404);
        assertThat(enabled.admin("DELETE", "/clear-rows/families/nowhere", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("/status is 200 while the center answers; /metrics counts requests; JSON errors on request")
    void statusAndMetrics() {
        HttpResponse<String> status = http.send("GET", "/status", null);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).isEqualTo("ok");
        HttpResponse<String> err = http.send("POST", "/families/json_err", null, "Accept", "application/json");
        assertThat(err.statusCode()).isEqualTo(401);
        assertThat(err.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(((Map<?, ?>) json(err)).get("error")).asString().contains("Authorization: Bearer <token>");
        HttpResponse<String> metrics = http.send("GET", "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ctrlstore_http_requests_seconds_count{method=\"GET\","
                + "service=\"executive\",status=\"200\",uri=\"/status\"}");
        assertThat(http.send("GET", "/no/such/route", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("the builder needs a store and an admin token")
    void builder() {
        assertThatThrownBy(() -> ExecutiveServer.builder().adminToken(TOKEN).build())
                .hasMessageContaining("store is required");
        assertThatThrownBy(() -> ExecutiveServer.builder().store(store).build())
                .hasMessageContaining("adminToken is required");
        assertThatThrownBy(() -> ExecutiveServer.builder().store(store).adminToken(" ").build())
                .hasMessageContaining("adminToken is required");
    }

    private void family(String name) {
        HttpResponse<String> res = http.admin("POST", "/families/" + name, null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    private void writer(String name, String secret) {
        HttpResponse<String> res = http.admin("POST", "/writers/" + name, secret);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    private HttpResponse<String> createTable(String family, String table, String body) {
        return http.admin("POST", "/families/" + family + "/tables/" + table, body);
    }

    private static String table(String family, String name) {
        return "{\"family\":\"" + family + "\",\"name\":\"" + name + "\",\"fields\":[[\"id\",\"string\"]],"
                + "\"keyFields\":[\"id\"]}";
    }

    private HttpResponse<String> mutation(String family, String writer, String secret, String body) {
        return http.writer(writer, secret, "POST", "/families/" + family + "/mutations", body);
    }

    /** A mutation request of one upsert. */
    private static String one(String table, String values) {
        return "{\"mutations\":[{\"table\":\"" + table + "\",\"values\":" + values + "}]}";
    }

    private HttpResponse<String> refuse(String body) {
        return mutation("refuse", "refuse_w", "refuse-secret", body);
    }

    private HttpResponse<String> upsert(String id) {
        return refuse(one("t_one", "{\"id\":" + id + ",\"s\":\"x\"}"));
    }

    private byte[] cookieOf(String writer, String secret) {
        HttpResponse<byte[]> res = http.bytes("GET", "/cookie", null, "ctlstore-writer", writer, "ctlstore-secret",
                secret);
        assertThat(res.statusCode()).isEqualTo(200);
        return res.body();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Object json(HttpResponse<String> res) {
        return Json.toJava(Json.parse(res.body().getBytes(StandardCharsets.UTF_8)));
    }

    /** The rows of a control table at the center, ordered by the first column; bytes as hex, null as "null". */
    private List<List<Object>> rows(String family, String table, String... columns) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM control_tables WHERE family = ? AND name = ?")) {
                ps.setString(1, family);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("table %s.%s is registered", family, table).isTrue();
                    id = rs.getLong(1);
                }
            }
            String cols = Arrays.stream(columns).map(col -> "\"" + col + "\"")
                    .collect(Collectors.joining(", "));
            List<List<Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM ct_" + id + " ORDER BY 1");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.length; i++) {
                        Object v = rs.getObject(i);
                        row.add(v == null ? "null" : v instanceof byte[] b ? HexFormat.of().formatHex(b)
                                : v);
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }
}
