package dev.ctrlstore.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.control.ControlException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("HTTP layer over a real socket: error mapping, bodies, exact JSON, metrics")
class HttpServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.builder("test").meterRegistry(registry).routes(r -> r
                .get("/refuse/{reason}", (req, res) -> {
                    var reason = ControlException.Reason.valueOf(req.path().pathParameters().get("reason"));
                    throw new ControlException(reason, "refused: " + reason, ResourceKind.CONTROL_TABLE, "fam.tbl",
                            reason == ControlException.Reason.RATE_LIMITED ? Duration.ofMillis(1500) : null);
                })
                .get("/down", (req, res) -> {
                    throw new StoreUnavailableException("the center did not answer", null);
                })
                .get("/missing", (req, res) -> {
                    throw new NotFoundException(null, ResourceKind.INSTANCE, "inst_1");
                })
                .get("/bug", (req, res) -> {
                    throw new IllegalStateException("secret internals");
                })
                .post("/echo", (req, res) -> {
                    JsonNode body = Bodies.json(req, Bodies.DEFAULT_LIMIT);
                    Object value = Json.toJava(body.get("value"));
                    res.send(Json.write(Map.of("class", value == null ? "null" : value.getClass().getSimpleName(),
                            "value", body.get("value"))));
                })
                .post("/text", (req, res) -> res.send(Bodies.text(req, 16)))).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"INVALID,400", "UNAUTHORIZED,401", "FORBIDDEN,403", "NOT_FOUND,404", "CONFLICT,409",
            "TOO_LARGE,413", "RATE_LIMITED,429", "TABLE_FULL,507"})
    @DisplayName("every refusal reason has its status and the message as plain text")
    void reasons(String reason, int status) throws Exception {
        HttpResponse<String> res = get("/refuse/" + reason, null);
        assertThat(res.statusCode()).isEqualTo(status);
        assertThat(res.body()).isEqualTo("refused: " + reason);
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith(
                "text/plain"));
        if (status == 429) {
            assertThat(res.headers().firstValue("retry-after")).hasValue("2");
        } else {
            assertThat(res.headers().firstValue("retry-after")).isEmpty();
        }
    }

    @Test
    @DisplayName("Accept: application/json gets {\"error\": message}")
    void jsonErrors() throws Exception {
        HttpResponse<String> res = get("/refuse/CONFLICT", "application/json");
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith(
                "application/json"));
        assertThat(Json.parse(res.body().getBytes(StandardCharsets.UTF_8)).get("error").asText())
                .isEqualTo("refused: CONFLICT");
        assertThat(get("/refuse/CONFLICT", "text/plain, application/json").body()).isEqualTo("refused: CONFLICT");
    }

    @Test
    @DisplayName("store unavailable is 503, not found and no route are 404, a bug is 500 without its message")
    void otherFailures() throws Exception {
        HttpResponse<String> down = get("/down", null);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("the center did not answer").contains("retry later");
        assertThat(get("/missing", null).statusCode()).isEqualTo(404);
        HttpResponse<String> noRoute = get("/no/such/route", null);
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.body()).isEqualTo("Endpoint not found");
        HttpResponse<String> bug = get("/bug", null);
        assertThat(bug.statusCode()).isEqualTo(500);
        assertThat(bug.body()).contains("internal error (incident ").doesNotContain("secret internals");
    }

    @Test
    @DisplayName("integers stay exact (2^53+1, past 64 bits) and fractions are BigDecimal, not double")
    void exactNumbers() throws Exception {
        assertThat(echo("9007199254740993")).isEqualTo(Map.of("class", "Long", "value", 9007199254740993L));
        assertThat(echo("18446744073709551616")).containsEntry("class", "BigInteger")
                .containsEntry("value", new BigInteger("18446744073709551616"));
        assertThat(echo("1.5")).containsEntry("class", "BigDecimal");
        assertThat(echo("0.1000000000000000000001").get("value").toString()).isEqualTo("0.1000000000000000000001");
        assertThat(echo("{\"a\":[1]}")).containsEntry("class", "LinkedHashMap");
        assertThat(echo("null")).containsEntry("class", "null");
    }

    @Test
    @DisplayName("malformed JSON, duplicate keys, trailing content and an empty body are 400 naming the problem")
    void malformedJson() throws Exception {
        assertThat(post("/echo", "{\"value\":")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).startsWith("malformed JSON");
        });
        assertThat(post("/echo", "{\"value\":1,\"value\":2}").body()).contains("Duplicate field 'value'");
        assertThat(post("/echo", "{\"value\":1} {}").statusCode()).isEqualTo(400);
        assertThat(post("/echo", "").body()).contains("the request body is empty");
        assertThat(post("/echo", "{\"value\":NaN}").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("a 2 MiB body is 413 naming the 1 MiB limit; a body at the limit is read")
    void bodyLimit() throws Exception {
        String big = "{\"value\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> res = post("/echo", big);
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.body()).contains("the limit is 1048576 bytes");
        String atLimit = "{\"value\":\"" + "x".repeat(Bodies.DEFAULT_LIMIT - 12) + "\"}";
        assertThat(atLimit.length()).isEqualTo(Bodies.DEFAULT_LIMIT);
        assertThat(post("/echo", atLimit).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a chunked body without Content-Length is read up to the limit and refused past it")
    void chunkedBodyLimit() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(server.uri().resolve("/text"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream("x".repeat(17).getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(413);
        HttpResponse<String> chunkedAtLimit = client.send(HttpRequest.newBuilder(server.uri().resolve("/text"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream("y".repeat(16).getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunkedAtLimit.body()).isEqualTo("y".repeat(16));
        assertThat(post("/text", "x".repeat(16)).body()).isEqualTo("x".repeat(16));
        HttpResponse<String> notUtf8 = client.send(HttpRequest.newBuilder(server.uri().resolve("/text"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xc3, 0x28})).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(notUtf8.body()).contains("not valid UTF-8");
    }

    @Test
    @DisplayName("/metrics shows request timers tagged by route pattern and status")
    void metrics() throws Exception {
        get("/refuse/CONFLICT", null);
        get("/bug", null);
        HttpResponse<String> res = get("/metrics", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("ctrlstore_http_requests_seconds_count{method=\"GET\","
                + "service=\"test\",status=\"409\",uri=\"/refuse/{reason}\"} 1");
        assertThat(res.body()).contains("status=\"500\",uri=\"/bug\"");
    }

    @Test
    @DisplayName("close stops accepting; a closed server is not started again")
    void close() throws Exception {
        URI uri = server.uri();
        server.close();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri.resolve("/down")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
        server.close();
    }

    @Test
    @DisplayName("close lets a request in flight finish, then refuses new connections")
    void closeFinishesInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (HttpServer slow = HttpServer.builder("slow").routes(r -> r.get("/slow", (req, res) -> {
            entered.countDown();
            release.await();
            res.send("done");
        })).build().start()) {
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                    slow.uri().resolve("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(slow::close);
            release.countDown();
            closing.get(30, TimeUnit.SECONDS);
            HttpResponse<String> res = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("done");
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(slow.uri()
                    .resolve("/slow")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    @DisplayName("builders refuse a bad port and a server without routes")
    void builder() {
        assertThatThrownBy(() -> HttpServer.builder("x").port(70000))
                .hasMessage("port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> HttpServer.builder("x").build()).hasMessageContaining("has no routes");
        assertThat(List.of(ErrorMapping.retryAfterSeconds(Duration.ZERO), ErrorMapping.retryAfterSeconds(
                Duration.ofSeconds(3)), ErrorMapping.retryAfterSeconds(Duration.ofMillis(3001))))
                .containsExactly(1L, 3L, 4L);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> echo(String json) throws Exception {
        HttpResponse<String> res = post("/echo", "{\"value\":" + json + "}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return (Map<String, Object>) Json.toJava(Json.parse(res.body().getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
