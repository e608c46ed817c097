package dev.camelampenet.simulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the simulated server answers: status, content type, body bytes and extra headers. */
public final class ApiResponse {
    public static final String JSON = "application/json";
    public static final String HTML = "text/html; charset=UTF-8";

    public final int status;
    public final String contentType;
    public final byte[] body;
    public final Map<String, String> headers = new LinkedHashMap<>();

    public ApiResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, LaravelJson.write(value));
    }

    public static ApiResponse html(int status, String html) {
        return new ApiResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8));
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
