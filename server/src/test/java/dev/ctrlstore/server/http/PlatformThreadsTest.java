package dev.ctrlstore.server.http;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.control.ControlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("handlers wrapped by PlatformThreads, over a real socket")
class PlatformThreadsTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final PlatformThreads threads = new PlatformThreads("test-handlers", 1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.builder("test").routes(r -> r
                .get("/thread", threads.wrap((req, res) -> res.send(describe(Thread.currentThread()))))
                .get("/hold", threads.wrap((req, res) -> {
                    entered.countDown();
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                    res.send(describe(Thread.currentThread()));
                }))
                .get("/refuse", threads.wrap((req, res) -> {
                    throw new ControlException(ControlException.Reason.CONFLICT, "refused on a platform thread",
                            ResourceKind.CONTROL_TABLE, "fam.tbl");
                }))
                .post("/body", threads.wrap((req, res) -> res.send(Bodies.text(req, 16))))).build().start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
        threads.close();
    }

    @Test
    @DisplayName("a wrapped handler runs on a named platform thread, not the request's virtual thread")
    void platformThread() throws Exception {
        assertThat(get("/thread").body()).isEqualTo("platform test-handlers-1");
    }

    @Test
    @DisplayName("a refusal thrown on the platform thread gets its status and message, as if thrown on the request's")
    void refusal() throws Exception {
        HttpResponse<String> res = get("/refuse");
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(res.body()).contains("refused on a platform thread");
    }

    @Test
    @DisplayName("the body is read on the platform thread, and its limit still answers 413")
    void body() throws Exception {
        assertThat(post("/body", "x".repeat(16)).body()).isEqualTo("x".repeat(16));
        assertThat(post("/body", "x".repeat(17)).statusCode()).isEqualTo(413);
    }

    @Test
    @DisplayName("when every platform thread is busy, a handler runs on the request's own thread instead of waiting")
    void saturated() throws Exception {
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(request("/hold"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(get("/thread").body()).startsWith("virtual");
        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).body()).isEqualTo("platform test-handlers-1");
    }

    @Test
    @DisplayName("a null name or a max outside 1..10,000 is refused, naming the argument")
    void badArguments() {
        assertThatThrownBy(() -> new PlatformThreads(null, 4)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new PlatformThreads("x", 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("max");
        assertThatThrownBy(() -> new PlatformThreads("x", 10_001)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("max");
    }

    private static String describe(Thread t) {
        return (t.isVirtual() ? "virtual " : "platform ") + t.getName();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
