package dev.camelampenet.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A raw HTTP client for the simulator tests: the JDK HttpClient, not the component, so the tests check the wire.
 * By default it sends what a working client sends (Bearer token, {@code Accept: application/json}, JSON bodies);
 * each of those can be left out to reproduce a broken client.
 */
public final class RawApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String baseUrl;
    private final String token;
    private final boolean acceptJson;

    public RawApi(String baseUrl, String token) {
        this(baseUrl, token, true);
    }

    private RawApi(String baseUrl, String token, boolean acceptJson) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.acceptJson = acceptJson;
    }

    /** The same client without {@code Accept: application/json}. */
    public RawApi withoutJsonAccept() {
        return new RawApi(baseUrl, token, false);
    }

    /** The same client with another token (null: no Authorization header). */
    public RawApi withToken(String otherToken) {
        return new RawApi(baseUrl, otherToken, acceptJson);
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply post(String path, Object jsonBody) {
        return send("POST", path, jsonBody == null ? null : json(jsonBody), "application/json");
    }

    public Reply patch(String path, Object jsonBody) {
        return send("PATCH", path, jsonBody == null ? null : json(jsonBody), "application/json");
    }

    public Reply put(String path, Object jsonBody) {
        return send("PUT", path, jsonBody == null ? null : json(jsonBody), "application/json");
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Any method, any raw body and content type (form bodies, broken JSON...). */
    public Reply send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (acceptJson) {
            b.header("Accept", "application/json");
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Builds a JSON object from key/value pairs, keeping their order. */
    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String json(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP answer: status, content type, raw body, and the body parsed as JSON when it is JSON. */
    public static final class Reply {
        public final int status;
        public final String contentType;
        public final String body;
        public final Map<String, java.util.List<String>> headers;

        Reply(int status, String contentType, String body, Map<String, java.util.List<String>> headers) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
            this.headers = headers;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (HTTP " + status + ", " + contentType + "): " + body, e);
            }
        }

        /** The envelope's "status". */
        public String outcome() {
            return json().path("status").asText();
        }

        public String message() {
            return json().path("message").asText(null);
        }

        public JsonNode data() {
            return json().path("data");
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public boolean isHtml() {
            return contentType.startsWith("text/html");
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + contentType + " " + body;
        }
    }
}
