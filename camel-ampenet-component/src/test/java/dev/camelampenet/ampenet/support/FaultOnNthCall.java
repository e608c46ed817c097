package dev.camelampenet.ampenet.support;

import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.api.HttpAnswer;
import dev.camelampenet.ampenet.api.HttpCall;
import dev.camelampenet.ampenet.client.JdkHttpTransport;

/**
 * The real HTTP transport, which can arm a simulator fault just before the n-th request of one kind (method and a
 * piece of its path) leaves: "the third contact delete of this move fails", which the simulator's own one-shot
 * faults (the next requests under a path) cannot say.
 */
public final class FaultOnNthCall implements AmpenetTransport {

    private final AmpenetTransport http = new JdkHttpTransport(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build());
    private final AtomicInteger matching = new AtomicInteger();
    private volatile String method;
    private volatile String pathPart;
    private volatile int nth;
    private volatile Consumer<String> arm = p -> { };

    /**
     * Before the {@code nth} request with this method whose path contains {@code pathPart}, {@code arm} gets that
     * request's path under the base URL (for {@code simulator.nextFault(fault, 1, path)}).
     */
    public void armAt(String method, String pathPart, int nth, Consumer<String> arm) {
        this.method = method;
        this.pathPart = pathPart;
        this.nth = nth;
        this.arm = arm;
        matching.set(0);
    }

    public void disarm() {
        nth = 0;
    }

    @Override
    public CompletableFuture<HttpAnswer> send(HttpCall call) {
        String path = call.uri().getRawPath();
        if (nth > 0 && call.method().equals(method) && path.contains(pathPart) && matching.incrementAndGet() == nth) {
            arm.accept(path.substring(path.indexOf("/api/v3") + "/api/v3".length()));
        }
        return http.send(call);
    }
}
