package dev.camelampenet.ampenet.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.api.AmpenetRateLimiter;
import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.api.HttpAnswer;
import dev.camelampenet.ampenet.api.HttpCall;
import dev.camelampenet.ampenet.api.TransportFailure;
import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.ampenet.error.AmpenetUnexpectedResponseException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.error.ErrorClassifier;
import dev.camelampenet.ampenet.metrics.AmpenetMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the API for one token and base URL, over an {@link AmpenetTransport}: builds the request, paces it, reads the
 * JSON envelope, and decides what each failure means.
 * <p>
 * Success is decided on the body's {@code status} (errors come as HTTP 200). A call is repeated only when that cannot
 * duplicate anything: reads, and calls the server provably did not act on (rate limited, connection refused). A
 * write whose answer is lost or unreadable is an {@link AmpenetUnknownOutcomeException} and is never repeated. The
 * token goes into the Authorization header and nowhere else: not in logs, URIs or exceptions.
 */
public final class AmpenetClient {

    private static final Logger LOG = LoggerFactory.getLogger(AmpenetClient.class);

    private final AmpenetTransport transport;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String authorization;
    private final AmpenetRateLimiter pacer;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final long retryDelayMillis;
    /** Where a call continues after a pacing or retry wait (see {@link #delayed}). */
    private final Executor afterWait;
    private final AmpenetMetrics metrics;
    /** The URIs of the operations without path parameters, made once (most calls are sms/send). */
    private final Map<AmpenetOperation, URI> fixedUris = new EnumMap<>(AmpenetOperation.class);

    public AmpenetClient(AmpenetTransport transport, ObjectMapper json, String baseUrl, String apiToken, AmpenetRateLimiter pacer,
                         Duration requestTimeout, int maxRetries, long retryDelayMillis) {
        this(transport, json, baseUrl, apiToken, pacer, requestTimeout, maxRetries, retryDelayMillis, null, AmpenetMetrics.NONE);
    }

    /**
     * @param workers threads on which a call continues after a wait when the transport runs calls on the calling
     *        thread (the component's own pool); null for the JDK's common pool
     * @param metrics counts every attempt, retry and pacer wait of this client (the endpoint's)
     */
    public AmpenetClient(AmpenetTransport transport, ObjectMapper json, String baseUrl, String apiToken, AmpenetRateLimiter pacer,
                         Duration requestTimeout, int maxRetries, long retryDelayMillis, Executor workers,
                         AmpenetMetrics metrics) {
        this.metrics = metrics;
        this.transport = transport;
        this.json = json;
        this.baseUrl = baseUrl.replaceAll("/+$", ""); // the API's Apache rule redirects trailing slashes
        this.authorization = "Bearer " + apiToken;
        this.pacer = pacer;
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        this.retryDelayMillis = retryDelayMillis;
        // A non-blocking transport only takes the request and returns, so the JDK's delay-scheduler thread can go on
        // with it right there. One that does the call on the calling thread would hold that one JVM-wide thread
        // for the whole call (every paced call in a row), so it continues on a worker thread instead.
        this.afterWait = !transport.runsOnCallerThread() ? Runnable::run
                : workers != null ? workers : ForkJoinPool.commonPool();
        for (AmpenetOperation op : AmpenetOperation.values()) {
            if (op.path().indexOf('{') < 0) {
                fixedUris.put(op, URI.create(this.baseUrl + op.path()));
            }
        }
    }

    /** Calls an operation and completes with the reply, or exceptionally with the {@link AmpenetException}. */
    public CompletableFuture<ApiReply> call(AmpenetOperation op, Map<String, String> pathParams, ObjectNode body, Integer page) {
        return outcome(op, pathParams, body, page).thenApply(CallOutcome::orThrow);
    }

    /**
     * Calls an operation and completes with what the call came to, never exceptionally: for operations that make
     * several calls and account for each.
     *
     * @param pathParams values for {gid} and {uid}, already checked by the caller; URL-encoded here
     * @param body the JSON body for POST/PATCH (null for none)
     * @param page the page for list operations (null for none)
     */
    public CompletableFuture<CallOutcome> outcome(AmpenetOperation op, Map<String, String> pathParams, ObjectNode body, Integer page) {
        HttpCall call = new HttpCall(op.method(), uri(op, pathParams, page), authorization, body == null ? null : write(body),
                requestTimeout);
        return attempt(op, call, 0);
    }

    private URI uri(AmpenetOperation op, Map<String, String> pathParams, Integer page) {
        URI fixed = page == null && pathParams.isEmpty() ? fixedUris.get(op) : null;
        if (fixed != null) {
            return fixed;
        }
        String path = op.path();
        for (Map.Entry<String, String> p : pathParams.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return URI.create(baseUrl + path + (page != null ? "?page=" + page : ""));
    }

    private CompletableFuture<CallOutcome> attempt(AmpenetOperation op, HttpCall call, int attempt) {
        long wait = pacer.reserve();
        metrics.pacerWait(wait);
        CompletableFuture<CallOutcome> sent = wait > 0
                ? CompletableFuture.runAsync(() -> { }, delayed(wait, afterWait)).thenCompose(v -> send(op, call, attempt))
                : send(op, call, attempt);
        return sent.thenCompose(outcome -> {
            if (outcome.isAnswered() || attempt >= maxRetries || !outcome.isRepeatable()) {
                return CompletableFuture.completedFuture(outcome);
            }
            long delay = retryDelayMillis << Math.min(attempt, 16);
            if (outcome.error() instanceof AmpenetRateLimitedException) {
                pacer.holdOff(delay); // every call of the token waits, not only this one
            }
            LOG.debug("Ampenet {}: {}; retrying in {} ms", op.uri(), outcome.error().getApiMessage(), delay);
            metrics.retry(op);
            return CompletableFuture.runAsync(() -> { }, delayed(delay, afterWait)).thenCompose(v -> attempt(op, call, attempt + 1));
        });
    }

    private CompletableFuture<CallOutcome> send(AmpenetOperation op, HttpCall call, int attempt) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Ampenet {} {} (attempt {})", op.uri(), call, attempt + 1);
        }
        // a read that got no answer is harmless to repeat; an answer, even an error, is final unless it proves the
        // server did not act (throttled)
        return transport.send(call).handle((answer, failure) -> {
            CallOutcome outcome = failure != null
                    ? CallOutcome.failed(transportError(op, unwrap(failure)), op.isRead())
                    : answer(op, answer);
            metrics.call(op, outcome.error());
            return outcome;
        });
    }

    /**
     * Waits on the JDK's delay-scheduler thread, then continues on {@code then}: right there for a non-blocking
     * transport (without an executor the continuation would go to the common pool, which on machines with two cores
     * or fewer starts a new thread for every task), or on a worker thread for a transport that blocks the caller.
     */
    private static Executor delayed(long millis, Executor then) {
        return CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, then);
    }

    /** Reads an answer: the envelope decides, whatever the status code (package-private for the tests). */
    CallOutcome answer(AmpenetOperation op, HttpAnswer answer) {
        JsonNode envelope = parse(answer.body());
        int status = answer.status();
        if (envelope == null || !envelope.isObject() || !envelope.has("status")) {
            if (status >= 500 && op.isRead()) {
                return CallOutcome.failed(new AmpenetUnexpectedResponseException(op.uri(), status,
                        "HTTP " + status + " from the server, no API answer"), true);
            }
            return CallOutcome.failed(ErrorClassifier.fromUnreadable(op, status, answer.contentType()));
        }
        String message = envelope.path("message").isNull() ? null : envelope.path("message").asText(null);
        if ("success".equals(envelope.path("status").asText())) {
            return CallOutcome.answered(new ApiReply(message, envelope.path("data")));
        }
        return CallOutcome.failed(ErrorClassifier.fromEnvelope(op, status, message));
    }

    private static AmpenetException transportError(AmpenetOperation op, Throwable cause) {
        if (cause instanceof TransportFailure) {
            TransportFailure failure = (TransportFailure) cause;
            if (!failure.mayHaveReachedServer()) {
                return new AmpenetConnectionException(op.uri(), 0, failure.getMessage() + "; nothing was sent", cause);
            }
            if (op.isRead()) {
                // no answer is a transport failure, not an odd answer: routes handle it like an unreachable API
                return new AmpenetConnectionException(op.uri(), 0, failure.getMessage(), cause);
            }
            return new AmpenetUnknownOutcomeException(op.uri(), 0, failure.getMessage()
                    + "; the server may have acted, so this is not repeated", cause);
        }
        // a transport that broke its contract: nothing proves the request did not arrive
        return op.isRead() ? new AmpenetException(op.uri(), 0, String.valueOf(cause.getMessage()), cause)
                : new AmpenetUnknownOutcomeException(op.uri(), 0, String.valueOf(cause.getMessage()), cause);
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
