package dev.ctrlstore.server.executive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A JDK HttpClient bound to one server, with the admin token and writer headers at hand. */
final class Client {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String adminToken;

    Client(URI base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    /** As admin: {@code Authorization: Bearer <token>}. */
    HttpResponse<String> admin(String method, String path, String body) {
        return send(method, path, body, "Authorization", "Bearer " + adminToken);
    }

    /** As writer {@code writer} with {@code secret}. */
    HttpResponse<String> writer(String writer, String secret, String method, String path, String body) {
        return send(method, path, body, "ctlstore-writer", writer, "ctlstore-secret", secret);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        return exchange(request(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), headers), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String method, String path, byte[] body, String... headers) {
        return exchange(request(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body), headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    private static <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(req, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(req.method() + " " + req.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
