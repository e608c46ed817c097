package dev.camelampenet.ampenet.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.api.HttpAnswer;
import dev.camelampenet.ampenet.api.HttpCall;
import dev.camelampenet.ampenet.api.TransportFailure;

/**
 * The transport on the JDK's {@link HttpClient}: asynchronous, no extra dependency. Not the default any more (Apache
 * HttpClient 5 is: faster when the caller waits, and it carries the proxy and TLS options); kept for routes that want
 * every call asynchronous with no thread waiting on it, plugged in as a {@code transport} bean. Its proxy and TLS
 * settings are the HttpClient's own.
 */
public final class JdkHttpTransport implements AmpenetTransport {

    private final HttpClient http;

    public JdkHttpTransport(HttpClient http) {
        this.http = http;
    }

    /** A transport on a JDK client made the way the component made it when it was the default. */
    public static JdkHttpTransport create(Duration connectTimeout) {
        return new JdkHttpTransport(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the API runs behind Apache/PHP: no HTTP/2 upgrade dance
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would turn a POST into a GET
                // The client's own steps (read the answer into a byte[], complete its future) run on its selector
                // thread instead of being handed to a pool thread each time: one thread hand-off less per call, which
                // halved the client's CPU per call and raised sends/s by 40% in the benchmarks (docs/benchmarks.md).
                // Safe because nothing the component gives the client blocks (byte-array bodies), and sendAsync still
                // moves everything that follows to the common pool before any component or route code runs.
                .executor(Runnable::run)
                .build());
    }

    @Override
    public CompletableFuture<HttpAnswer> send(HttpCall call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri())
                .timeout(call.timeout())
                .header("Accept", "application/json")
                .header("Authorization", call.authorization());
        if (call.body() != null) {
            builder.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(failure(call, unwrap(failure)));
                    }
                    return new HttpAnswer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                            response.body() == null ? new byte[0] : response.body());
                });
    }

    /**
     * Only a refused or never-made connection proves the server did not see the request; the JDK client reports
     * those as ConnectException and HttpConnectTimeoutException. Anything later (reset, EOF, request timeout, a body
     * shorter than its Content-Length) may come after the server acted.
     */
    private static TransportFailure failure(HttpCall call, Throwable cause) {
        String what = cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return new TransportFailure("could not connect to the API (" + what + ")", false, cause);
        }
        if (cause instanceof IOException) {
            return new TransportFailure("the request was sent but no complete answer came back (" + what + ")", true, cause);
        }
        return new TransportFailure("the request failed (" + what + ")", true, cause);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
