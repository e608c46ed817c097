package dev.camelampenet.ampenet.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server on 127.0.0.1 that answers every request with one fixed response: for answers the simulator
 * never gives to a client that sends Accept JSON (an HTML 401, an HTML 200 page, a redirect). Remembers the
 * request headers, so a test can check what the component sent.
 */
public final class StubApi implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();

    private StubApi(int status, String contentType, String body, Map<String, String> headers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().add("Content-Type", contentType);
            }
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public static StubApi answering(int status, String contentType, String body) throws IOException {
        return new StubApi(status, contentType, body, Map.of());
    }

    public static StubApi answering(int status, String contentType, String body, Map<String, String> headers) throws IOException {
        return new StubApi(status, contentType, body, headers);
    }

    /**
     * The HTML page Laravel renders for a refused token when the client did not ask for JSON (docs/ampenet-api.md §4.3,
     * Q2).
     */
    public static StubApi html401() throws IOException {
        return answering(401, "text/html; charset=UTF-8", "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Unauthorized</title>"
                + "</head><body><div class=\"code\">401</div><div class=\"message\">Unauthorized</div></body></html>");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
    }

    /** The headers of every request received, oldest first (header names as the JDK server capitalises them). */
    public List<Map<String, List<String>>> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
