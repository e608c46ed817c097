package dev.camelampenet.ampenet.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.api.HttpAnswer;
import dev.camelampenet.ampenet.api.HttpCall;
import dev.camelampenet.ampenet.api.TransportFailure;

/** The transport on the JDK's {@link HttpClient}: asynchronous, no extra dependency. */
public final class JdkHttpTransport implements AmpenetTransport {

    private final HttpClient http;

    public JdkHttpTransport(HttpClient http) {
        this.http = http;
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
