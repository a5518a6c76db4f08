package dev.ctrlstore.server.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The write service (executive) over HTTP, with the JDK's {@link HttpClient}: the schema, writer, mutation and limit
 * calls of its API, each one request. Used by the heartbeat and the {@code ctrlstore} client commands. Thread-safe.
 *
 * <pre>{@code
 * ExecutiveClient client = ExecutiveClient.builder().uri("http://127.0.0.1:7480").adminToken(token).build();
 * client.createFamily("payments");
 * }</pre>
 *
 * Every call throws {@link ExecutiveException} when the service answers other than 2xx (with its message and status)
 * or does not answer (status 0).
 */
public final class ExecutiveClient {
    /** Header that carries the ledger position of a mutation's entry. */
    public static final String SEQ_HEADER = "ctrlstore-seq";
    /** Headers that carry a writer's name and secret. */
    public static final String WRITER_HEADER = "ctlstore-writer";
    public static final String SECRET_HEADER = "ctlstore-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final String adminToken;
    private final Duration timeout;
    private final HttpClient http;

    private ExecutiveClient(Builder b) {
        this.uri = b.uri;
        this.adminToken = b.adminToken;
        this.timeout = b.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The service's base address. */
    public URI uri() {
        return uri;
    }

    /** {@code GET /status}: returns when the service and its center answer. */
    public void status() {
        send("GET", "/status", null, Map.of());
    }

    /** {@code POST /families/{family}} (admin). */
    public void createFamily(String family) {
        send("POST", "/families/" + seg(family), null, admin());
    }

    /**
     * {@link #createFamily} that accepts an existing family (409).
     *
     * @return whether it was created now
     */
    public boolean createFamilyIfMissing(String family) {
        return unlessConflict(() -> createFamily(family));
    }

    /**
     * {@link #createTable} that accepts an existing table (409), whatever its fields.
     *
     * @return whether it was created now
     */
    public boolean createTableIfMissing(String family, String table, List<List<String>> fields,
            List<String> keyFields) {
        return unlessConflict(() -> createTable(family, table, fields, keyFields));
    }

    private static boolean unlessConflict(Runnable call) {
        try {
            call.run();
            return true;
        } catch (ExecutiveException e) {
            if (e.status() != 409) {
                throw e;
            }
            return false;
        }
    }

    /**
     * {@code POST /families/{family}/tables/{table}} (admin).
     *
     * @param fields pairs of field name and type name ({@code string}, {@code integer}, …) in order
     */
    public void createTable(String family, String table, List<List<String>> fields, List<String> keyFields) {
        send("POST", "/families/" + seg(family) + "/tables/" + seg(table),
                json(Map.of("fields", fields, "keyFields", keyFields)), admin());
    }

    /** {@code PUT /families/{family}/tables/{table}} (admin): adds fields to a table. */
    public void addFields(String family, String table, List<List<String>> fields) {
        send("PUT", "/families/" + seg(family) + "/tables/" + seg(table), json(Map.of("fields", fields)), admin());
    }

    /** {@code GET /schema/table/{family}/{table}} (admin): the table's definition as JSON. */
    public String table(String family, String table) {
        return send("GET", "/schema/table/" + seg(family) + "/" + seg(table), null, admin()).body();
    }

    /** {@code POST /writers/{writer}} (admin): registers a writer; the same secret again is a no-op. */
    public void registerWriter(String writer, String secret) {
        send("POST", "/writers/" + seg(writer), Objects.requireNonNull(secret, "secret"), admin());
    }

    /**
     * {@code POST /families/{family}/mutations} with the request body as given (the service's JSON shape:
     * {@code {"cookie":…,"check_cookie":…,"mutations":[{"table":…,"delete":…,"values":{…}}]}}).
     *
     * @return the ledger position of the request's entry (header {@value #SEQ_HEADER}), or -1 when not sent
     */
    public long mutate(String family, String writer, String secret, String body) {
        HttpResponse<String> response = send("POST", "/families/" + seg(family) + "/mutations", body,
                Map.of(WRITER_HEADER, writer, SECRET_HEADER, secret));
        return response.headers().firstValue(SEQ_HEADER).map(Long::parseLong).orElse(-1L);
    }

    /** One upsert of {@code values} into {@code table}, as {@link #mutate(String, String, String, String)}. */
    public long upsert(String family, String writer, String secret, String table, Map<String, Object> values) {
        Map<String, Object> mutation = new LinkedHashMap<>();
        mutation.put("table", table);
        mutation.put("delete", false);
        mutation.put("values", values);
        return mutate(family, writer, secret, json(Map.of("mutations", List.of(mutation))));
    }

    /** {@code GET /limits/tables} (admin): the JSON document of table size limits. */
    public String tableLimits() {
        return send("GET", "/limits/tables", null, admin()).body();
    }

    /** {@code POST /limits/tables/{family}/{table}} (admin). */
    public void setTableLimit(String family, String table, long warnSize, long maxSize) {
        send("POST", "/limits/tables/" + seg(family) + "/" + seg(table),
                json(Map.of("warn-size", warnSize, "max-size", maxSize)), admin());
    }

    /** {@code DELETE /limits/tables/{family}/{table}} (admin). */
    public void deleteTableLimit(String family, String table) {
        send("DELETE", "/limits/tables/" + seg(family) + "/" + seg(table), null, admin());
    }

    /** {@code GET /limits/writers} (admin): the JSON document of writer rate limits. */
    public String writerLimits() {
        return send("GET", "/limits/writers", null, admin()).body();
    }

    /** {@code POST /limits/writers/{writer}} (admin): {@code amount} rows per {@code period}. */
    public void setWriterLimit(String writer, long amount, Duration period) {
        send("POST", "/limits/writers/" + seg(writer),
                json(Map.of("amount", amount, "period", period.toNanos())), admin());
    }

    /** {@code DELETE /limits/writers/{writer}} (admin). */
    public void deleteWriterLimit(String writer) {
        send("DELETE", "/limits/writers/" + seg(writer), null, admin());
    }

    private Map<String, String> admin() {
        return adminToken == null ? Map.of() : Map.of("Authorization", "Bearer " + adminToken);
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        URI target = uri.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ExecutiveException(0, method + " " + target + ": no answer within " + timeout.toMillis()
                    + " ms (is the executive overloaded, or its center down?)", e);
        } catch (ConnectException e) {
            throw new ExecutiveException(0, "cannot reach the executive at " + uri + " (connection refused): is it"
                    + " running, and is that its address?", e);
        } catch (IOException e) {
            throw new ExecutiveException(0, method + " " + target + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutiveException(0, method + " " + target + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body().strip();
            throw new ExecutiveException(response.statusCode(), method + " " + path + " answered "
                    + response.statusCode() + (text.isEmpty() ? "" : ": " + text), null);
        }
        return response;
    }

    private static String seg(String name) {
        return URLEncoder.encode(Objects.requireNonNull(name, "name"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getMessage(), e);
        }
    }

    /** Settings of an {@link ExecutiveClient}: the address is required. */
    public static final class Builder {
        /** Default per-request timeout (connect and answer). */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

        private URI uri;
        private String adminToken;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /** The service's base address, e.g. {@code http://127.0.0.1:7480} ({@code http://} added when missing). */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            String full = uri.contains("://") ? uri : "http://" + uri;
            try {
                return uri(URI.create(full));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("executive address '" + uri + "' is not a URL (e.g. "
                        + "http://127.0.0.1:7480): " + e.getMessage(), e);
            }
        }

        public Builder uri(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("executive address '" + uri + "' must be an http(s) URL with a "
                        + "host, e.g. http://127.0.0.1:7480");
            }
            this.uri = uri;
            return this;
        }

        /** The admin token, sent as {@code Authorization: Bearer …} on admin calls. Default: none. */
        public Builder adminToken(String adminToken) {
            this.adminToken = adminToken == null || adminToken.isEmpty() ? null : adminToken;
            return this;
        }

        /** Longest wait for a connection and for an answer, per request. Default: 30 s. */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public ExecutiveClient build() {
            if (uri == null) {
                throw new IllegalStateException("an executive client needs the service's address: call uri(...)");
            }
            return new ExecutiveClient(this);
        }
    }
}
