package dev.ctrlstore.server.http;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.NotReplicatedException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.control.ControlException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One mapping of failures to HTTP statuses, shared by every service, so a client can tell a permanent refusal (4xx)
 * from a retryable outage (503) and from a bug (500). Bodies are the message as plain text, or
 * {@code {"error": "..."}} when the client accepts {@code application/json} before {@code text/plain}.
 *
 * <table>
 * <caption>statuses</caption>
 * <tr><th>failure</th><th>status</th></tr>
 * <tr><td>{@link HttpError}</td><td>its status and headers</td></tr>
 * <tr><td>Helidon's {@link HttpException} with a 4xx status (no such route)</td><td>that status</td></tr>
 * <tr><td>{@link ControlException} INVALID / UNAUTHORIZED / FORBIDDEN / NOT_FOUND / CONFLICT / TOO_LARGE /
 * RATE_LIMITED / TABLE_FULL</td><td>400 / 401 / 403 / 404 / 409 / 413 / 429 with {@code Retry-After} / 507</td></tr>
 * <tr><td>{@link InvalidArgumentException}</td><td>400</td></tr>
 * <tr><td>{@link NotFoundException}, {@link NotReplicatedException}</td><td>404</td></tr>
 * <tr><td>{@link AlreadyExistsException}, {@link ConflictException}</td><td>409</td></tr>
 * <tr><td>{@link StoreUnavailableException}, {@link StoreClosedException}</td><td>503 (retry later)</td></tr>
 * <tr><td>anything else</td><td>500, logged with a number the body repeats; the body hides the cause</td></tr>
 * </table>
 */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    private static final AtomicLong INCIDENTS = new AtomicLong();
    private static final HttpMediaType TEXT = HttpMediaType.create("text/plain; charset=UTF-8");
    private static final HttpMediaType JSON = HttpMediaType.create("application/json");

    /** A failure as the client sees it. */
    public record Refusal(int status, String message, Map<String, String> headers) {
    }

    private ErrorMapping() {
    }

    /** Registers the mapping as the routing's error handler for every exception a handler throws. */
    public static void install(HttpRouting.Builder routing) {
        routing.error(Exception.class, ErrorMapping::handle);
    }

    /** Answers {@code failure} on {@code res} per the table above. */
    public static void handle(ServerRequest req, ServerResponse res, Exception failure) {
        Refusal refusal = refusal(failure);
        if (refusal.status() == 500) {
            long incident = INCIDENTS.incrementAndGet();
            LOG.error("incident {}: {} {} failed", incident, req.prologue().method().text(), req.path().rawPath(),
                    failure);
            refusal = new Refusal(500, "internal error (incident " + incident
                    + "); the server log has the details", Map.of());
        } else if (refusal.status() == 503) {
            LOG.warn("{} {}: {}", req.prologue().method().text(), req.path().rawPath(), failure.getMessage());
        }
        send(req, res, refusal.status(), refusal.message(), refusal.headers());
    }

    /** The status, message and headers {@code failure} maps to (500 for anything unknown). */
    public static Refusal refusal(Throwable failure) {
        if (failure instanceof HttpError e) {
            return new Refusal(e.status(), e.getMessage(), e.headers());
        }
        if (failure instanceof HttpException e && e.status().code() < 500) {
            // Helidon's own refusals: no route (404), malformed request line or headers (400)
            return new Refusal(e.status().code(), e.getMessage(), Map.of());
        }
        if (failure instanceof ControlException e) {
            return switch (e.reason()) {
                case INVALID -> new Refusal(400, e.getMessage(), Map.of());
                case UNAUTHORIZED -> new Refusal(401, e.getMessage(), Map.of());
                case FORBIDDEN -> new Refusal(403, e.getMessage(), Map.of());
                case NOT_FOUND -> new Refusal(404, e.getMessage(), Map.of());
                case CONFLICT -> new Refusal(409, e.getMessage(), Map.of());
                case TOO_LARGE -> new Refusal(413, e.getMessage(), Map.of());
                case RATE_LIMITED -> new Refusal(429, e.getMessage(),
                        Map.of("Retry-After", Long.toString(retryAfterSeconds(e.retryAfter().orElse(null)))));
                case TABLE_FULL -> new Refusal(507, e.getMessage(), Map.of());
            };
        }
        if (failure instanceof InvalidArgumentException) {
            return new Refusal(400, failure.getMessage(), Map.of());
        }
        if (failure instanceof NotFoundException || failure instanceof NotReplicatedException) {
            return new Refusal(404, failure.getMessage(), Map.of());
        }
        if (failure instanceof AlreadyExistsException || failure instanceof ConflictException) {
            return new Refusal(409, failure.getMessage(), Map.of());
        }
        if (failure instanceof StoreUnavailableException || failure instanceof StoreClosedException) {
            return new Refusal(503, failure.getMessage() + " (retry later)", Map.of());
        }
        return new Refusal(500, String.valueOf(failure), Map.of());
    }

    /**
     * Sends an error: {@code message} as plain text, or as {@code {"error": message}} when the client prefers JSON.
     */
    public static void send(ServerRequest req, ServerResponse res, int status, String message,
            Map<String, String> headers) {
        res.status(Status.create(status));
        headers.forEach((name, value) -> res.header(HeaderNames.create(name), value));
        if (prefersJson(req)) {
            res.headers().contentType(JSON);
            res.send(Json.write(Map.of("error", message)));
        } else {
            res.headers().contentType(TEXT);
            res.send(message.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether the client's {@code Accept} ranks {@code application/json} before {@code text/plain}. */
    static boolean prefersJson(ServerRequest req) {
        for (HttpMediaType accepted : req.headers().acceptedTypes()) {
            String type = accepted.mediaType().type() + "/" + accepted.mediaType().subtype();
            if (type.equalsIgnoreCase("application/json")) {
                return true;
            }
            if (type.equalsIgnoreCase("text/plain")) {
                return false;
            }
        }
        return false;
    }

    /** Whole seconds, rounded up, at least 1: a client retrying earlier would only be refused again. */
    static long retryAfterSeconds(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            return 1;
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
