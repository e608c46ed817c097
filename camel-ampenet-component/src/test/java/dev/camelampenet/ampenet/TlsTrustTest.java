package dev.camelampenet.ampenet;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.support.ForwardProxy;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator in TLS mode, with its self-signed certificate: trusted only through sslContextParameters (the JVM's
 * trust store does not know it), and HTTPS through a forward proxy (CONNECT). The global parameters are in
 * {@link GlobalSslContextParametersTest}.
 */
class TlsTrustTest extends CamelTestSupport {

    private static final String TOKEN = "7|tls-trust-token-secret";
    static final String TRUST_STORE_PASSWORD = "trust-store-pass";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN).tls(true));

    private static ForwardProxy proxy;

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = ForwardProxy.withBasicAuth(ProxyTest.PROXY_USER, ProxyTest.PROXY_PASSWORD);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
    }

    /** The simulator's certificate in a PKCS12 trust store file, as a user would have their CA's. */
    static Path writeTrustStore(AmpenetSimulatorExtension sim) throws Exception {
        Path file = Files.createTempFile("ampenet-trust", ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            sim.simulator().trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        file.toFile().deleteOnExit();
        return file;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        AmpenetConfiguration defaults = context.getComponent("ampenet", AmpenetComponent.class).getConfiguration();
        defaults.setApiToken(TOKEN);
        defaults.setBaseUrl(sim.baseUrl());
        defaults.setRetryDelay(10);
        Path trustStoreFile = writeTrustStore(sim);
        String trustStorePassword = TRUST_STORE_PASSWORD;
        // the example in ampenet-component.adoc (TLS), as it is
        // tag::tls[]
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + trustStoreFile);
        trustStore.setPassword(trustStorePassword);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        context.getRegistry().bind("ampenetTls", tls);
        // end::tls[]
        context.getPropertiesComponent().addInitialProperty("proxy.port", String.valueOf(proxy.port()));
        context.getPropertiesComponent().addInitialProperty("proxy.user", ProxyTest.PROXY_USER);
        context.getPropertiesComponent().addInitialProperty("proxy.password", ProxyTest.PROXY_PASSWORD);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:untrusted").errorHandler(noErrorHandler()).to("ampenet:sms/send?maxRetries=0");
                // tag::tls-route[]
                from("direct:secure").to("ampenet:sms/send?sslContextParameters=#ampenetTls");
                // end::tls-route[]
                from("direct:tunnel").to("ampenet:sms/send?sslContextParameters=#ampenetTls"
                        + "&proxyHost=127.0.0.1&proxyPort={{proxy.port}}"
                        + "&proxyUsername={{proxy.user}}&proxyPassword=RAW({{proxy.password}})");
            }
        };
    }

    private Exchange send(String route, String to) {
        return template.request(route, e -> {
            e.getMessage().setBody("Habari salama");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, to);
        });
    }

    @Test
    void anUntrustedCertificateIsATlsTrustFailureAndNothingIsSent() {
        Exchange result = send("direct:untrusted", "255712345678");

        assertThat(result.getException()).isInstanceOf(AmpenetConnectionException.class)
                .hasMessageContaining("TLS trust problem").hasMessageContaining("sslContextParameters")
                .hasMessageContaining("nothing was sent");
        assertThat(sim.simulator().journal()).isEmpty();
        assertThat(sim.simulator().outbox()).isEmpty();
    }

    @Test
    void sslContextParametersTrustTheSimulator() {
        Exchange result = send("direct:secure", "255712345678");

        assertThat(result.getException()).isNull();
        assertThat(sim.simulator().outbox()).hasSize(1);
        assertThat(sim.simulator().journal()).hasSize(1);
    }

    @Test
    void httpsGoesThroughTheProxyWithConnect() {
        int challengesBefore = proxy.challenges();

        Exchange result = send("direct:tunnel", "255712345679");

        assertThat(result.getException()).isNull();
        int port = java.net.URI.create(sim.baseUrl()).getPort();
        assertThat(proxy.forwarded()).contains("CONNECT 127.0.0.1:" + port);
        assertThat(proxy.challenges()).as("the proxy asked for credentials (407) before it opened the tunnel")
                .isGreaterThan(challengesBefore);
        assertThat(sim.simulator().outbox()).hasSize(1);
        ProxyTest.assertNoSecrets(String.valueOf(result.getException()));
    }
}
