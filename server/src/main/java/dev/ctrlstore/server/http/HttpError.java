package dev.ctrlstore.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal decided by the HTTP layer itself (malformed JSON, a missing header, a body over its limit): the status
 * and message the client gets, plus any headers to send with it. Throw it from a handler; {@link ErrorMapping}
 * writes it.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    /**
     * @param status the HTTP status, 400–599
     * @param message what was wrong and what to do, sent as the body
     */
    public HttpError(int status, String message) {
        this(status, message, Map.of());
    }

    /** As {@link #HttpError(int, String)}, with response headers. */
    public HttpError(int status, String message, Map<String, String> headers) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be between 400 and 599, got " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    /** 400: the request is malformed; {@code message} names what and where. */
    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Headers sent with the error. */
    public Map<String, String> headers() {
        return headers;
    }
}
