package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The position a keyset cursor marks: the sort key and id of the last item of a page, and the kind of list it
 * belongs to. Encoded as opaque URL-safe text. Shared by every backend so cursors are checked the same way. Not API.
 *
 * @param list the kind of list, e.g. {@code instances}; a cursor from another list is rejected
 * @param key the sort key of the last item (epoch microseconds, or a version number)
 * @param id the id of the last item: the tie-breaker among items with equal keys
 */
public record KeysetCursor(String list, long key, String id) {
    private static final String VERSION = "c1";

    public String encode() {
        String raw = VERSION + "|" + list + "|" + key + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidArgumentException naming {@code cursor} if the text is not a cursor this list produced
     */
    public static KeysetCursor decode(String cursor, String expectedList) {
        String[] parts;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            parts = raw.split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, expectedList, "it is not a cursor");
        }
        if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[3].isEmpty()) {
            throw invalid(cursor, expectedList, "it is not a cursor");
        }
        if (!expectedList.equals(parts[1])) {
            throw invalid(cursor, expectedList, "it was produced by the " + parts[1] + " list");
        }
        try {
            return new KeysetCursor(parts[1], Long.parseLong(parts[2]), parts[3]);
        } catch (NumberFormatException e) {
            throw invalid(cursor, expectedList, "it is not a cursor");
        }
    }

    private static InvalidArgumentException invalid(String cursor, String list, String why) {
        String shown = cursor.length() <= 40 ? cursor : cursor.substring(0, 37) + "...";
        return new InvalidArgumentException("cursor", "cursor \"" + shown + "\" is not valid for listing " + list
                + ": " + why + "; pass the nextCursor of a previous page unchanged, or null for the first page");
    }
}
