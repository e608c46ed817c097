package dev.camelampenet.ampenet.client;

import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * What an {@link ApacheHttpTransport} is built from: the connection side of the options (timeouts per call are in
 * each {@code HttpCall}). Endpoints with equal settings share one transport and so one connection pool; that is
 * why this is a value with equals/hashCode. The SSLContext is compared by identity, as the component makes one per
 * SSLContextParameters object.
 *
 * @param connectTimeoutMillis how long to wait for a TCP connection (and the TLS handshake)
 * @param maxConnections the most connections open to the API at once (one route: the API is one host)
 * @param proxyHost the forward proxy's host, or null for a direct connection
 * @param proxyPort the proxy's port
 * @param proxyUsername the proxy's user for Basic authentication, or null
 * @param proxyPassword the proxy's password: never printed (see {@link #toString()})
 * @param sslContext the TLS settings (trust, key material), or null for the JVM's default
 */
public record TransportSettings(long connectTimeoutMillis, int maxConnections, String proxyHost, int proxyPort,
                                String proxyUsername, String proxyPassword, SSLContext sslContext) {

    public boolean hasProxy() {
        return proxyHost != null && !proxyHost.isBlank();
    }

    public boolean hasProxyCredentials() {
        return hasProxy() && proxyUsername != null && !proxyUsername.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TransportSettings)) {
            return false;
        }
        TransportSettings other = (TransportSettings) o;
        return connectTimeoutMillis == other.connectTimeoutMillis && maxConnections == other.maxConnections
                && proxyPort == other.proxyPort && Objects.equals(proxyHost, other.proxyHost)
                && Objects.equals(proxyUsername, other.proxyUsername) && Objects.equals(proxyPassword, other.proxyPassword)
                && sslContext == other.sslContext;
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeoutMillis, maxConnections, proxyHost, proxyPort, proxyUsername,
                System.identityHashCode(sslContext));
    }

    /** Without the proxy password: settings end up in logs. */
    @Override
    public String toString() {
        return "connectTimeout=" + connectTimeoutMillis + "ms, maxConnections=" + maxConnections
                + (hasProxy() ? ", proxy=" + proxyHost + ":" + proxyPort + (hasProxyCredentials() ? " as " + proxyUsername : "") : "")
                + (sslContext != null ? ", custom TLS" : "");
    }
}
