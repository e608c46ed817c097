package dev.camelampenet.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulator's control API (docs/simulator.md section 7), for a benchmark running in another JVM than the simulator. */
final class SimulatorControl {

    private final String controlUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    SimulatorControl(String controlUrl) {
        this.controlUrl = controlUrl;
    }

    /** Back to the start: the configured accounts, balances and rate limit; no data, no faults, an empty journal. */
    void reset() {
        post("/reset", Map.of());
    }

    void rateLimit(int perMinute) {
        post("/rate-limit", Map.of("perMinute", perMinute));
    }

    /** A fixed latency on API requests under {@code path} (relative to /api/v3), no other fault. */
    void latency(long millis, String path) {
        post("/faults", Map.of("latencyMillis", millis, "jitterMillis", 0, "path", path, "seed", 7));
    }

    /** Every journal entry (oldest first), read a page at a time. */
    List<JsonNode> journal() {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = get("/journal?after=" + after + "&limit=500").path("entries");
            if (page.size() == 0) {
                return all;
            }
            page.forEach(all::add);
            after = page.get(page.size() - 1).path("id").asLong();
        }
    }

    JsonNode describe() {
        return get("");
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(controlUrl + path)).GET());
    }

    private JsonNode post(String path, Map<String, Object> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(controlUrl + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("control API " + response.uri() + ": HTTP " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("control API: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
