package dev.camelampenet.ampenet.api;

import java.util.concurrent.CompletableFuture;

/**
 * The seam in front of HTTP: moves one request to the API and its answer back, and nothing else. Everything that
 * gives the bytes a meaning (the JSON envelope, which failures may be repeated, pacing) is the client's, above it;
 * so a transport is small, and swapping one (another HTTP library, a test double, a benchmark's fake) cannot change
 * what a failure means.
 * <p>
 * The one decision a transport must make is the one only it can: when a request fails without an answer, could it
 * have reached the server? It completes exceptionally with a {@link TransportFailure} saying so.
 */
public interface AmpenetTransport {

    /**
     * Sends one request. Completes with the answer whatever its status, or exceptionally with a
     * {@link TransportFailure}. Must not block the caller.
     */
    CompletableFuture<HttpAnswer> send(HttpCall call);
}
