package dev.camelampenet.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import dev.camelampenet.simulator.Profile;
import dev.camelampenet.simulator.api.ApiDispatcher;
import dev.camelampenet.simulator.control.Faults;
import dev.camelampenet.simulator.control.Journal;
import dev.camelampenet.simulator.control.Revision;
import dev.camelampenet.simulator.state.SimulatorState;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The JDK HTTP server's entry point: control requests (and the console at {@code /}) go to the control API; API
 * requests meet their injected fault, are answered by the dispatcher, and are journaled. A dropped connection is an
 * exchange closed before any response header was sent, which the JDK server turns into a closed socket. Every API
 * request and every control call that is not a read moves the {@link Revision} the console polls.
 */
public final class SimulatorHttpHandler implements HttpHandler {

    public static final String CONTROL_PREFIX = "/__simulator";

    private final ApiDispatcher dispatcher;
    private final Function<ApiRequest, ApiResponse> control;
    private final Faults faults;
    private final Journal journal;
    private final SimulatorState state;
    private final Revision revision;

    public SimulatorHttpHandler(ApiDispatcher dispatcher, Function<ApiRequest, ApiResponse> control, Faults faults,
                                Journal journal, SimulatorState state, Revision revision) {
        this.dispatcher = dispatcher;
        this.control = control;
        this.faults = faults;
        this.journal = journal;
        this.state = state;
        this.revision = revision;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name, values.get(0));
                }
            });
            String host = headers.getOrDefault("Host", "127.0.0.1:" + exchange.getLocalAddress().getPort());
            String path = exchange.getRequestURI().getPath();
            ApiRequest request = new ApiRequest(path.startsWith(CONTROL_PREFIX) ? 0 : journal.nextId(),
                    exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    (exchange instanceof HttpsExchange ? "https://" : "http://") + host, headers, body);
            if (path.equals(CONTROL_PREFIX) || path.startsWith(CONTROL_PREFIX + "/") || path.equals("/")) {
                ApiResponse response = control.apply(request);
                if (!"GET".equals(request.method) && !"HEAD".equals(request.method)) {
                    revision.bump();
                }
                send(exchange, response);
                return;
            }
            serveApi(exchange, request);
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(exchange, HtmlPages.error(500));
        } finally {
            exchange.close();
        }
    }

    private void serveApi(HttpExchange exchange, ApiRequest request) throws IOException {
        long start = System.nanoTime();
        String apiPath = request.path.startsWith(ApiDispatcher.PREFIX) ? request.path.substring(ApiDispatcher.PREFIX.length()) : request.path;
        Faults.Decision fault = faults.decide(apiPath);
        if (fault.delayMillis > 0) {
            try {
                Thread.sleep(fault.delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Long accountId = state.account(request.bearerToken()).map(a -> a.id).orElse(null);
        String faultName = fault.kind == Faults.Kind.NONE ? (fault.delayMillis > 0 ? "latency" : null) : fault.kind.key();
        switch (fault.kind) {
            case DROP_BEFORE:
                record(request, null, faultName, start, accountId);
                return; // finally closes the exchange with nothing sent: the socket is closed
            case HTTP_500:
                ApiResponse error = HtmlPages.error(500);
                record(request, error, faultName, start, accountId);
                send(exchange, error);
                return;
            default:
                break;
        }
        ApiResponse response = dispatcher.handle(request);
        switch (fault.kind) {
            case DROP_AFTER:
                record(request, null, faultName, start, accountId);
                return; // the server acted; the client never hears about it
            case HTML_AFTER:
                response = SpoiledAnswers.withPhpWarnings(response);
                break;
            case ERROR_AFTER:
                response = SpoiledAnswers.deadlockError(state.profile() == Profile.V3_1, accountId);
                break;
            case TRUNCATED_AFTER:
                sendTruncated(exchange, request, response, faultName, start, accountId);
                return;
            default:
                break;
        }
        record(request, response, faultName, start, accountId);
        send(exchange, response);
    }

    /**
     * Announces the whole body in Content-Length, sends half of it, then closes the connection: every HTTP client
     * sees the body end early (curl exit 18, the JDK client an IOException), whatever it does with the bytes.
     */
    private void sendTruncated(HttpExchange exchange, ApiRequest request, ApiResponse response, String faultName,
                               long start, Long accountId) throws IOException {
        int cut = SpoiledAnswers.truncatedLength(response.body.length);
        ApiResponse sent = new ApiResponse(response.status, response.contentType, java.util.Arrays.copyOf(response.body, cut));
        response.headers.forEach(sent::header);
        record(request, sent, faultName, start, accountId);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
        response.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (response.contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType);
        }
        exchange.sendResponseHeaders(response.status, Math.max(1, response.body.length));
        OutputStream out = exchange.getResponseBody();
        out.write(response.body, 0, cut);
        out.flush();
        // Closing the exchange (not the stream) with bytes still owed makes the JDK server close the socket; closing
        // the stream first would mark it finished and leave the client waiting for the rest.
        exchange.close();
    }

    /**
     * Journals the request and moves the revision, both before the answer is sent: a client that reads the control
     * API as soon as its answer arrives must find the request there, and the console must see the change.
     */
    private void record(ApiRequest request, ApiResponse response, String fault, long startNanos, Long accountId) {
        journal.record(request, response, fault, millisSince(startNanos), accountId);
        revision.bump();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        // Laravel's default for every API answer; the console's files set their own (revalidate by ETag)
        exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
        response.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (response.contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType);
        }
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status, head || response.body.length == 0 ? -1 : response.body.length);
        if (!head && response.body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body);
            }
        }
    }

}
