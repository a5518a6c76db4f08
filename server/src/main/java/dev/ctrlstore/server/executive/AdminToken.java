package dev.ctrlstore.server.executive;

import dev.ctrlstore.server.http.HttpError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Checks {@code Authorization: Bearer <token>} on admin routes. Both sides are hashed before the constant-time
 * compare, so neither the token's content nor its length leaks through timing.
 */
final class AdminToken {
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"ctrlstore\"");
    private final byte[] expected;

    AdminToken(String token) {
        this.expected = sha256(token);
    }

    /** @throws HttpError 401 when the header is missing, not a bearer token, or the wrong token */
    void check(ServerRequest req) {
        var header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            throw new HttpError(401, "this is an admin route: send the admin token as \"Authorization: Bearer"
                    + " <token>\"", CHALLENGE);
        }
        String value = header.get();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpError(401, "the Authorization header must be \"Bearer <admin token>\"", CHALLENGE);
        }
        if (!MessageDigest.isEqual(expected, sha256(value.substring(7).strip()))) {
            throw new HttpError(401, "wrong admin token", CHALLENGE);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
