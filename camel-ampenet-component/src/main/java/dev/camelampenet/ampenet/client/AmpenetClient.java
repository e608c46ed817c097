package dev.camelampenet.ampenet.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetUnexpectedResponseException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.error.ErrorClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the wire: HTTP, JSON envelope, pacing and retries, for one API token and base URL.
 * <p>
 * Every call sends {@code Accept: application/json} and a JSON body (the API ignores form bodies and answers
 * HTML without that header), decides success on the body's {@code status} (errors come as HTTP 200), and repeats
 * only what cannot duplicate anything: reads, and calls the server provably did not act on (rate limited,
 * connection refused). A write whose answer is lost fails with {@link AmpenetUnknownOutcomeException} and is never
 * repeated. The token goes into the Authorization header and nowhere else: not in logs, URIs or exceptions.
 */
public final class AmpenetClient {

    private static final Logger LOG = LoggerFactory.getLogger(AmpenetClient.class);

    private final HttpClient http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String authorization;
    private final RequestPacer pacer;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final long retryDelayMillis;
    /** The URIs of the operations without path parameters, made once (most calls are sms/send). */
    private final Map<AmpenetOperation, URI> fixedUris = new EnumMap<>(AmpenetOperation.class);

    public AmpenetClient(HttpClient http, ObjectMapper json, String baseUrl, String apiToken, RequestPacer pacer,
                         Duration requestTimeout, int maxRetries, long retryDelayMillis) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl.replaceAll("/+$", ""); // the API's Apache rule redirects trailing slashes
        this.authorization = "Bearer " + apiToken;
        this.pacer = pacer;
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        this.retryDelayMillis = retryDelayMillis;
        for (AmpenetOperation op : AmpenetOperation.values()) {
            if (op.path().indexOf('{') < 0) {
                fixedUris.put(op, URI.create(this.baseUrl + op.path()));
            }
        }
    }

    public ObjectMapper json() {
        return json;
    }

    public ObjectNode newBody() {
        return json.createObjectNode();
    }

    /**
     * Calls an operation.
     *
     * @param pathParams values for {gid} and {uid}; URL-encoded here, so a value can never change the path
     * @param body the JSON body for POST/PATCH (null for none)
     * @param page the page for list operations (null for none)
     */
    public CompletableFuture<ApiReply> call(AmpenetOperation op, Map<String, String> pathParams, ObjectNode body, Integer page) {
        HttpRequest request;
        try {
            request = request(op, pathParams, body, page);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return attempt(op, request, 0);
    }

    /**
     * The HTTP request of a call, as {@link #call} sends it (no I/O; public for the benchmarks).
     *
     * @throws IllegalArgumentException when a path parameter is missing
     */
    public HttpRequest request(AmpenetOperation op, Map<String, String> pathParams, ObjectNode body, Integer page) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(op, pathParams, page))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Authorization", authorization);
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(op.method(), HttpRequest.BodyPublishers.ofByteArray(write(body)));
        } else {
            builder.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /**
     * Reads an answer as {@link #call} does (no I/O; public for the benchmarks).
     *
     * @throws AmpenetException the API's error, or an answer that is not the API's
     */
    public ApiReply reply(AmpenetOperation op, int status, String contentType, byte[] body) {
        Outcome outcome = answer(op, status, contentType, body, false);
        if (outcome.error != null) {
            throw outcome.error;
        }
        return outcome.reply;
    }

    private URI uri(AmpenetOperation op, Map<String, String> pathParams, Integer page) {
        URI fixed = page == null && pathParams.isEmpty() ? fixedUris.get(op) : null;
        if (fixed != null) {
            return fixed;
        }
        String path = op.path();
        for (Map.Entry<String, String> p : pathParams.entrySet()) {
            String value = p.getValue();
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Ampenet " + op.uri() + " needs " + describe(p.getKey()));
            }
            path = path.replace("{" + p.getKey() + "}", URLEncoder.encode(value.trim(), StandardCharsets.UTF_8));
        }
        return URI.create(baseUrl + path + (page != null ? "?page=" + page : ""));
    }

    private static String describe(String param) {
        return "gid".equals(param) ? "a group id (CamelAmpenetGroupId header or groupId option)" : "an id header for the " + param;
    }

    private CompletableFuture<ApiReply> attempt(AmpenetOperation op, HttpRequest request, int attempt) {
        long wait = pacer.reserve();
        CompletableFuture<Outcome> sent = wait > 0
                ? CompletableFuture.runAsync(() -> { }, delayed(wait)).thenCompose(v -> send(op, request, attempt))
                : send(op, request, attempt);
        return sent.thenCompose(outcome -> {
            if (outcome.retry) {
                long delay = retryDelayMillis << Math.min(attempt, 16);
                LOG.debug("Ampenet {}: {}; retrying in {} ms", op.uri(), outcome.error.getApiMessage(), delay);
                return CompletableFuture.runAsync(() -> { }, delayed(delay)).thenCompose(v -> attempt(op, request, attempt + 1));
            }
            return outcome.error != null ? CompletableFuture.failedFuture(outcome.error) : CompletableFuture.completedFuture(outcome.reply);
        });
    }

    private CompletableFuture<Outcome> send(AmpenetOperation op, HttpRequest request, int attempt) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Ampenet {} {} {} (attempt {})", op.uri(), request.method(), request.uri().getPath(), attempt + 1);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> outcome(op, response, failure, attempt));
    }

    /**
     * Waits on the JDK's delay-scheduler thread and continues right there: what follows a wait only hands the request
     * to the HttpClient, which does not block. Without an executor the continuation would go to the common pool,
     * which on machines with two cores or fewer starts a new thread for every task (every paced request).
     */
    private static Executor delayed(long millis) {
        return CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, Runnable::run);
    }

    /** What one attempt came to: a reply, an error, and whether repeating the call is safe and still allowed. */
    private static final class Outcome {
        final ApiReply reply;
        final AmpenetException error;
        final boolean retry;

        Outcome(ApiReply reply, AmpenetException error, boolean retry) {
            this.reply = reply;
            this.error = error;
            this.retry = retry;
        }
    }

    private Outcome outcome(AmpenetOperation op, HttpResponse<byte[]> response, Throwable failure, int attempt) {
        boolean retriesLeft = attempt < maxRetries;
        if (failure != null) {
            AmpenetException error = transportError(op, unwrap(failure));
            boolean retry = retriesLeft && (error.isSafeToRetry() || op.isRead());
            return new Outcome(null, error, retry);
        }
        return answer(op, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                retriesLeft);
    }

    private Outcome answer(AmpenetOperation op, int status, String contentType, byte[] body, boolean retriesLeft) {
        JsonNode envelope = parse(body);
        if (envelope == null || !envelope.isObject() || !envelope.has("status")) {
            if (status >= 500) {
                // a server error before the API answered: harmless to repeat for reads; for writes we cannot know
                String text = "HTTP " + status + " from the server, no API answer";
                if (op.isRead()) {
                    return new Outcome(null, new AmpenetUnexpectedResponseException(op.uri(), status, text), retriesLeft);
                }
                return new Outcome(null, new AmpenetUnknownOutcomeException(op.uri(), status, text
                        + "; the server may have acted, so this is not repeated", null), false);
            }
            return new Outcome(null, ErrorClassifier.fromUnreadable(op, status, contentType), false);
        }
        String outcomeStatus = envelope.path("status").asText();
        String message = envelope.path("message").isNull() ? null : envelope.path("message").asText(null);
        if ("success".equals(outcomeStatus)) {
            return new Outcome(new ApiReply(status, message, envelope.path("data")), null, false);
        }
        AmpenetException error = ErrorClassifier.fromEnvelope(op, status, message);
        return new Outcome(null, error, retriesLeft && error.isSafeToRetry());
    }

    private AmpenetException transportError(AmpenetOperation op, Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return new AmpenetConnectionException(op.uri(), 0, "could not connect to the API (" + cause.getClass().getSimpleName()
                    + "); nothing was sent", cause);
        }
        if (cause instanceof IOException) {
            String what = "the request was sent but no answer came back (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() != null ? ": " + cause.getMessage() : "") + ")";
            if (op.isRead()) {
                // no answer is a transport failure, not an odd answer: routes handle it like an unreachable API
                return new AmpenetConnectionException(op.uri(), 0, what, cause);
            }
            return new AmpenetUnknownOutcomeException(op.uri(), 0, what + "; the server may have acted, so this is not repeated", cause);
        }
        return new AmpenetException(op.uri(), 0, String.valueOf(cause.getMessage()), cause);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] write(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a JSON body", e);
        }
    }
}
