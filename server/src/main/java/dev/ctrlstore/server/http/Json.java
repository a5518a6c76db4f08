package dev.ctrlstore.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the services read and write it. Numbers stay exact: {@link #toJava} turns integers into {@code Long} (or
 * {@code BigInteger} past 64 bits) and fractions into {@code BigDecimal}, never through a double, so 2^53+1 arrives
 * as sent. Duplicate keys, trailing content and NaN are malformed.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // BigDecimal nodes keep their scale ("1.50" stays 1.50) instead of being normalized
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Json() {
    }

    /** The shared, configured mapper (thread-safe; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a request body.
     *
     * @throws HttpError 400 naming the position and problem when the body is not one well-formed JSON value
     */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw HttpError.badRequest("the request body is empty; send a JSON document");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw HttpError.badRequest("the request body is empty; send a JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("malformed JSON: " + e.getOriginalMessage() + locationOf(e));
        } catch (IOException e) {
            throw HttpError.badRequest("unreadable JSON body: " + e.getMessage());
        }
    }

    /** Writes {@code value} (records, maps, lists, nodes) as JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * A JSON value as plain Java: null, {@code String}, {@code Boolean}, {@code Long}, {@code BigInteger},
     * {@code BigDecimal}, or {@code Map}/{@code List} of those for objects and arrays.
     */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toJava(element));
            }
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), toJava(e.getValue()));
            }
            return map;
        }
        // binary/POJO nodes never come out of a parsed body
        throw new IllegalArgumentException("unexpected JSON node " + node.getNodeType());
    }

    private static String locationOf(JsonProcessingException e) {
        var loc = e.getLocation();
        if (loc == null) {
            return "";
        }
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
}
