package dev.ctrlstore.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Request bodies read under a size limit. A body over the limit is refused with 413 before more than the limit is
 * read: at once when its {@code Content-Length} says so, else as soon as the stream passes the limit.
 */
public final class Bodies {
    /** The default limit of a request body: 1 MiB, as ctlstore's executive has. */
    public static final int DEFAULT_LIMIT = 1024 * 1024;

    private Bodies() {
    }

    /**
     * The whole body as bytes (empty when there is none).
     *
     * @param limit the most bytes accepted
     * @throws HttpError 413 when the body is larger than {@code limit}
     */
    public static byte[] bytes(ServerRequest req, int limit) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limit) {
            throw tooLarge(limit, declared.getAsLong() + " bytes");
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            if (declared.isPresent()) {
                // The server frames the body by its length: read exactly that, not into a 16 KiB buffer first.
                return in.readNBytes((int) declared.getAsLong());
            }
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit, "more");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }

    /**
     * The whole body as UTF-8 text.
     *
     * @throws HttpError 413 over {@code limit} bytes, 400 when the bytes are not UTF-8
     */
    public static String text(ServerRequest req, int limit) {
        byte[] body = bytes(req, limit);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("the request body is not valid UTF-8 text");
        }
    }

    /**
     * The body parsed as one JSON value ({@link Json}).
     *
     * @throws HttpError 413 over {@code limit} bytes, 400 when empty or malformed
     */
    public static JsonNode json(ServerRequest req, int limit) {
        return Json.parse(bytes(req, limit));
    }

    private static HttpError tooLarge(int limit, String got) {
        return new HttpError(413, "request body too large: the limit is " + limit + " bytes, got " + got
                + "; split the request");
    }
}
