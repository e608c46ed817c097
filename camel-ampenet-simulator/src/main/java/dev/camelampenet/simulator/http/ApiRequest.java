package dev.camelampenet.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One API request as Laravel sees it after its global middleware. {@link #input(String)} is {@code $request->input()}:
 * the body decoded as JSON <em>whatever the Content-Type</em> (json.response rewrites it before input is read, so
 * form bodies decode to nothing), merged over the query string, with strings trimmed and "" turned into null
 * (TrimStrings, ConvertEmptyStringsToNull).
 */
public final class ApiRequest {
    public final long id;
    public final String method;
    /** Decoded path, e.g. {@code /api/v3/contacts/65fa99fa9d55e/show}. */
    public final String path;
    public final String rawQuery;
    /** The scheme and authority the client used, e.g. {@code http://127.0.0.1:8089}, for page URLs. */
    public final String origin;
    public final byte[] body;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Object> query;
    private Map<String, Object> input;

    public ApiRequest(long id, String method, String path, String rawQuery, String origin, Map<String, String> headers, byte[] body) {
        this.id = id;
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.rawQuery = rawQuery;
        this.origin = origin;
        this.headers.putAll(headers);
        this.body = body == null ? new byte[0] : body;
        this.query = parseQuery(rawQuery);
    }

    /** The same request under another path, as a web server that rewrites it passes it on. */
    public ApiRequest withPath(String newPath) {
        return new ApiRequest(id, method, newPath, rawQuery, origin, headers, body);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    /**
     * Laravel's {@code wantsJson()}: the first acceptable type contains {@code /json} or {@code +json}. "First" is
     * after Symfony's AcceptHeader sorted the types by quality (highest first, ties in header order), so
     * {@code text/html;q=0.9, application/json} wants JSON and {@code application/json;q=0.5, text/html} does not.
     */
    public boolean wantsJson() {
        String accept = header("Accept");
        if (accept == null || accept.isBlank()) {
            return false;
        }
        String best = null;
        double bestQuality = Double.NEGATIVE_INFINITY;
        for (String item : accept.split(",")) {
            String[] parts = item.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            double quality = quality(parts);
            if (quality > bestQuality) { // strictly greater: the earlier of equal qualities stays first
                best = type;
                bestQuality = quality;
            }
        }
        return best != null && (best.contains("/json") || best.contains("+json"));
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(param.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0.0; // PHP's (float) cast of a non-number
                }
            }
        }
        return 1.0;
    }

    /** The Sanctum bearer token, or null. */
    public String bearerToken() {
        String auth = header("Authorization");
        if (auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = auth.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    public Object input(String key) {
        return input().get(key);
    }

    public boolean has(String key) {
        return input().get(key) != null;
    }

    /** The input as PHP would cast it to a string; null when absent, arrays and objects included. */
    public String inputString(String key) {
        return asString(input(key));
    }

    public static String asString(Object value) {
        if (value == null || value instanceof Map || value instanceof Collection) {
            return null;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "1" : "";
        }
        return value.toString();
    }

    /** Laravel's "required": null, a blank string or an empty array fails. */
    public static boolean isBlank(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof String) {
            return ((String) value).isBlank();
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).isEmpty();
        }
        if (value instanceof Map) {
            return ((Map<?, ?>) value).isEmpty();
        }
        return false;
    }

    public synchronized Map<String, Object> input() {
        if (input == null) {
            Map<String, Object> merged = new LinkedHashMap<>(query);
            merged.putAll(jsonBody());
            input = merged;
        }
        return input;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private Map<String, Object> jsonBody() {
        if (body.length == 0) {
            return Map.of();
        }
        try {
            JsonNode node = LaravelJson.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                return Map.of();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) clean(node);
            return map;
        } catch (Exception e) {
            return Map.of(); // json_decode() of a form body gives null: the fields are simply not there
        }
    }

    private static Object clean(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), clean(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(clean(n)));
            return list;
        }
        if (node.isTextual()) {
            return trimToNull(node.textValue());
        }
        if (node.isIntegralNumber()) {
            return new BigDecimal(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    private static String trimToNull(String value) {
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static Map<String, Object> parseQuery(String rawQuery) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return map;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.put(key, trimToNull(value));
        }
        return map;
    }
}
