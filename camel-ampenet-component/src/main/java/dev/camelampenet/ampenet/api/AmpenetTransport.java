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
     * {@link TransportFailure}. Either asynchronous (returns at once, completes later) or, when
     * {@link #runsOnCallerThread()}, done on the calling thread and returned complete.
     */
    CompletableFuture<HttpAnswer> send(HttpCall call);

    /**
     * True when {@link #send} does the call on the calling thread (blocking it until the answer is read). The client
     * then never calls it from a shared timer thread (after a pacing or retry wait) but from a worker thread.
     */
    default boolean runsOnCallerThread() {
        return false;
    }
}
