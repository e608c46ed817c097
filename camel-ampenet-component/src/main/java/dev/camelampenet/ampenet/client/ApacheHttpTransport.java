package dev.camelampenet.ampenet.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.api.HttpAnswer;
import dev.camelampenet.ampenet.api.HttpCall;
import dev.camelampenet.ampenet.api.TransportFailure;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The default transport, on Apache HttpClient 5's classic (blocking) client, run on the calling thread: the request
 * is written and the answer read by the thread that asked, so the answer is not handed across threads (the JDK
 * client reads on its selector thread and passes it on, which cost about a third of the throughput in the
 * benchmarks: docs/benchmarks.md). The future it returns is already complete.
 * <p>
 * Whether a failed request may have reached the server is decided by where it failed, which HttpClient 5 lets us see:
 * its {@link HttpRequestExecutor} is the one step that writes a request to an open connection. Anything that fails
 * before the executor got the request (DNS, connection refused or timed out, TLS handshake, the proxy refusing the
 * tunnel) provably sent nothing; anything after (reset, no answer on a pooled connection the server had closed, read
 * timeout, a body shorter than announced) may have reached the server. So a POST on a stale pooled connection is
 * reported as an unknown outcome, never repeated; HttpClient's own retries are off, as the client above decides.
 */
public final class ApacheHttpTransport implements AmpenetTransport, Closeable {

    /** Set in the call's context when the request is handed to a connection (the proxy's CONNECT does not count). */
    private static final String REQUEST_WRITTEN = ApacheHttpTransport.class.getName() + ".requestWritten";
    private static final ContentType JSON = ContentType.create("application/json");
    private static final byte[] NO_BODY = new byte[0];
    /** Above this a body is read in chunks rather than into one array sized by its Content-Length. */
    private static final int MAX_SIZED_BODY = 1 << 20;

    private final CloseableHttpClient http;
    private final String description;

    public ApacheHttpTransport(TransportSettings settings) {
        this.http = build(settings);
        this.description = settings.toString();
    }

    private static CloseableHttpClient build(TransportSettings settings) {
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections()) // one API host: one route takes the whole pool
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(settings.connectTimeoutMillis()))
                        // A pooled connection idle for over a second is checked (a 1 ms read) before it carries a
                        // request: the server (Apache keeps connections 5 s by default) may have closed it meanwhile,
                        // and a POST written to a closed connection gets no answer and becomes an unknown outcome.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build());
        if (settings.sslContext() != null) {
            pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(settings.sslContext()));
        }
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool.build())
                .setRequestExecutor(new MarkingRequestExecutor())
                .disableAutomaticRetries() // the client above retries, and only what provably was not sent
                .disableRedirectHandling() // a redirect would turn a POST into a GET; it means a wrong baseUrl
                .disableCookieManagement()
                .disableContentCompression() // small JSON answers: gzip costs more CPU than it saves
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(30)); // a background sweep, so idle ones do not pile up
        if (settings.hasProxy()) {
            HttpHost proxy = new HttpHost(settings.proxyHost(), settings.proxyPort());
            builder.setProxy(proxy);
            if (settings.hasProxyCredentials()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(new AuthScope(proxy), new UsernamePasswordCredentials(settings.proxyUsername(),
                        settings.proxyPassword() == null ? new char[0] : settings.proxyPassword().toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        return builder.build();
    }

    /** This transport runs the call on the calling thread: the client must not call it from a shared timer thread. */
    @Override
    public boolean runsOnCallerThread() {
        return true;
    }

    @Override
    public CompletableFuture<HttpAnswer> send(HttpCall call) {
        try {
            return CompletableFuture.completedFuture(execute(call));
        } catch (TransportFailure failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    private HttpAnswer execute(HttpCall call) throws TransportFailure {
        ClassicHttpRequest request = new BasicClassicHttpRequest(call.method(), call.uri());
        request.setHeader("Accept", "application/json");
        request.setHeader("Authorization", call.authorization());
        if (call.body() != null) {
            request.setEntity(new ByteArrayEntity(call.body(), JSON));
        }
        HttpClientContext context = HttpClientContext.create();
        // a wait for each read of the answer: the JDK client's timeout covers the whole answer instead, which for
        // the API's small answers comes to the same
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(call.timeout().toMillis()))
                .build());
        HttpAnswer answer;
        try {
            answer = http.execute(request, context, ApacheHttpTransport::read);
        } catch (SocketTimeoutException e) {
            boolean written = context.getAttribute(REQUEST_WRITTEN) != null;
            if (!written || e instanceof ConnectTimeoutException) {
                throw failure(e, written);
            }
            // a read that waited past the timeout, after the request went out
            throw new TransportFailure("no answer within the requestTimeout of " + call.timeout().toMillis() + " ms ("
                    + describe(e) + ")", true, e);
        } catch (IOException e) {
            throw failure(e, context.getAttribute(REQUEST_WRITTEN) != null);
        } catch (RuntimeException e) {
            throw new TransportFailure("the request failed (" + describe(e) + ")", context.getAttribute(REQUEST_WRITTEN) != null, e);
        }
        if (answer.status() == HttpStatus.SC_PROXY_AUTHENTICATION_REQUIRED) {
            // only a proxy answers 407, and it answers instead of forwarding: the API never saw the request
            throw new TransportFailure("the proxy refused the request: HTTP 407, proxy authentication required (check"
                    + " proxyUsername and proxyPassword)", false, null);
        }
        return answer;
    }

    private static HttpAnswer read(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        Header type = response.getFirstHeader("Content-Type");
        // reads the whole body: one shorter than its Content-Length fails here, after the server may have acted
        return new HttpAnswer(response.getCode(), type == null ? "" : type.getValue(), entity == null ? NO_BODY : body(entity));
    }

    /**
     * The body in one array of its exact size when its length is known (EntityUtils.toByteArray copies it through a
     * 4 KiB scratch array and a growing buffer: three arrays per answer, a tenth of all a CSV import allocated per
     * row). The stream is HttpClient's: a body shorter than its Content-Length still fails with its
     * ConnectionClosedException, and closing it reads what is left so the connection can be reused.
     */
    private static byte[] body(HttpEntity entity) throws IOException {
        long length = entity.getContentLength();
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return NO_BODY;
            }
            return length >= 0 && length <= MAX_SIZED_BODY ? in.readNBytes((int) length) : in.readAllBytes();
        }
    }

    private static TransportFailure failure(IOException e, boolean written) {
        String what = describe(e);
        if (written) {
            return new TransportFailure("the request was sent but no complete answer came back (" + what + ")", true, e);
        }
        if (isTrustProblem(e)) {
            return new TransportFailure("TLS trust problem: the server's certificate is not trusted (" + what + "); trust it"
                    + " with sslContextParameters, or useGlobalSslContextParameters", false, e);
        }
        if (e instanceof SSLPeerUnverifiedException) {
            return new TransportFailure("TLS problem: the server's certificate does not name the host of baseUrl (" + what
                    + ")", false, e);
        }
        if (e instanceof ConnectException || e instanceof ConnectTimeoutException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException) {
            return new TransportFailure("could not connect to the API (" + what + ")", false, e);
        }
        // failed before the request was handed to a connection: a TLS handshake, a proxy refusing the tunnel...
        return new TransportFailure("could not open a connection to the API (" + what + ")", false, e);
    }

    /** A handshake that failed because no trusted certificate chain leads to the server's certificate. */
    private static boolean isTrustProblem(Throwable e) {
        if (!(e instanceof SSLHandshakeException)) {
            return false;
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof GeneralSecurityException) {
                return true; // CertificateException, CertPathBuilderException, CertPathValidatorException
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    @Override
    public String toString() {
        return "ApacheHttpTransport[" + description + "]";
    }

    /** Marks the call's context when a request (not the proxy's CONNECT) is about to be written to a connection. */
    private static final class MarkingRequestExecutor extends HttpRequestExecutor {
        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection conn,
                                           HttpResponseInformationCallback informationCallback, HttpContext context)
                throws IOException, HttpException {
            if (!Method.CONNECT.isSame(request.getMethod())) {
                context.setAttribute(REQUEST_WRITTEN, Boolean.TRUE);
            }
            return super.execute(request, conn, informationCallback, context);
        }
    }
}
