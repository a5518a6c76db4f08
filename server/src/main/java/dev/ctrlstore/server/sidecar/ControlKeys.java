package dev.ctrlstore.server.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctrlstore.server.http.HttpError;
import dev.ctrlstore.server.http.Json;

import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The key of a ctlstore sidecar request: {@code {"Key":[{"Value":"a"},{"Binary":"<base64>"}]}}, one element per key
 * field in key order. Property names match case-insensitively and unknown ones are ignored, as ctlstore's Go
 * decoder does; numbers stay exact (an integer key of 2^53+1 reads that row, not a neighbour).
 */
final class ControlKeys {
    private ControlKeys() {
    }

    /**
     * The key values: String, Long, BigInteger, BigDecimal or Boolean from {@code Value}, byte[] from {@code Binary}.
     *
     * @param emptyMeansNone whether an empty body is a key of no values (a prefix read of the whole table)
     * @throws HttpError 400 naming the element and what is wrong with it
     */
    static Object[] parse(byte[] body, boolean emptyMeansNone) {
        if (body.length == 0 && emptyMeansNone) {
            return new Object[0];
        }
        JsonNode root = Json.parse(body);
        if (!root.isObject()) {
            throw HttpError.badRequest("the body must be a JSON object like {\"Key\":[{\"Value\":\"a\"}]}, got a "
                    + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        JsonNode key = property(root, "key");
        if (key == null || key.isNull()) {
            if (emptyMeansNone) {
                return new Object[0];
            }
            throw HttpError.badRequest("the body has no \"Key\": send {\"Key\":[{\"Value\":...}]} with one element"
                    + " per key field, in key order");
        }
        if (!key.isArray()) {
            throw HttpError.badRequest("\"Key\" must be an array of {\"Value\":...} or {\"Binary\":\"<base64>\"}"
                    + " elements, got a " + key.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        Object[] values = new Object[key.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = element(key.get(i), i);
        }
        return values;
    }

    private static Object element(JsonNode element, int i) {
        if (!element.isObject()) {
            throw HttpError.badRequest("Key[" + i + "] must be an object with \"Value\" or \"Binary\"");
        }
        JsonNode binary = property(element, "binary");
        if (binary != null && !binary.isNull()) {
            if (!binary.isTextual()) {
                throw HttpError.badRequest("Key[" + i + "].Binary must be base64 text");
            }
            try {
                return Base64.getDecoder().decode(binary.textValue());
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("Key[" + i + "].Binary is not valid base64: " + e.getMessage());
            }
        }
        JsonNode value = property(element, "value");
        if (value == null || value.isNull()) {
            throw HttpError.badRequest("Key[" + i + "] has neither \"Value\" nor \"Binary\"; key values cannot be"
                    + " null");
        }
        if (value.isContainerNode()) {
            throw HttpError.badRequest("Key[" + i + "].Value must be a string or a number, got a nested "
                    + (value.isArray() ? "array" : "object"));
        }
        return Json.toJava(value);
    }

    /** The property named {@code lowerName} in any case (the first such property). */
    private static JsonNode property(JsonNode object, String lowerName) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(lowerName)) {
                return e.getValue();
            }
        }
        return null;
    }
}
