package dev.camelampenet.ampenet;

import java.util.Base64;
import java.nio.charset.StandardCharsets;

import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.support.ForwardProxy;
import dev.camelampenet.ampenet.support.LogCapture;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.camelampenet.ampenet.support.Secrets.assertNoToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy options, through a real forward proxy on 127.0.0.1 (test sources) that counts what it forwards, and the
 * simulator behind it counting what arrived. HTTPS through a proxy (CONNECT) is in {@link TlsTrustTest}.
 */
class ProxyTest extends CamelTestSupport {

    private static final String TOKEN = "7|proxy-test-token-secret";
    static final String PROXY_USER = "camel";
    static final String PROXY_PASSWORD = "pr0xy-s3cret-Pa55";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static ForwardProxy open;
    private static ForwardProxy guarded;
    private static LogCapture logs;

    @BeforeAll
    static void proxies() throws Exception {
        open = ForwardProxy.open();
        guarded = ForwardProxy.withBasicAuth(PROXY_USER, PROXY_PASSWORD);
        logs = LogCapture.open();
    }

    @AfterAll
    static void closeProxies() throws Exception {
        open.close();
        guarded.close();
        logs.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        AmpenetConfiguration defaults = context.getComponent("ampenet", AmpenetComponent.class).getConfiguration();
        defaults.setApiToken(TOKEN);
        defaults.setBaseUrl(sim.baseUrl());
        defaults.setRetryDelay(10);
        int proxyPort = guarded.port();
        String proxyUser = PROXY_USER;
        String proxyPassword = PROXY_PASSWORD;
        // The example in ampenet-component.adoc (Proxy), as it is. On the component rather than in endpoint URIs
        // with {{placeholders}}: Camel itself logs resolved placeholder values at DEBUG (this test saw it).
        // tag::proxy[]
        AmpenetConfiguration ampenet = context.getComponent("ampenet", AmpenetComponent.class).getConfiguration();
        ampenet.setProxyHost("127.0.0.1");
        ampenet.setProxyPort(proxyPort);
        ampenet.setProxyUsername(proxyUser);
        ampenet.setProxyPassword(proxyPassword);
        // end::proxy[]
        context.getPropertiesComponent().addInitialProperty("open.proxy.port", String.valueOf(open.port()));
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the component's proxy settings apply to every endpoint
                from("direct:alerts").to("ampenet:sms/send");
                // an endpoint's own options win over the component's
                from("direct:open").to("ampenet:sms/send?proxyHost=127.0.0.1&proxyPort={{open.proxy.port}}");
                from("direct:wrongPassword").errorHandler(noErrorHandler())
                        .to("ampenet:sms/send?maxRetries=0&proxyPassword=RAW(not-the-password)");
            }
        };
    }

    private Exchange send(String route, String to) {
        return template.request(route, e -> {
            e.getMessage().setBody("Habari kupitia proxy");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, to);
        });
    }

    @Test
    void callsGoThroughTheProxy() {
        Exchange result = send("direct:open", "255712345678");

        assertThat(result.getException()).isNull();
        assertThat(open.forwarded()).containsExactly("POST /api/v3/sms/send");
        assertThat(sim.simulator().outbox()).hasSize(1);
        assertThat(sim.simulator().outbox().get(0).to()).isEqualTo("255712345678");
    }

    @Test
    void proxyAuthenticationAnswersTheChallengeAndNeverShowsThePassword() {
        int challengesBefore = guarded.challenges();

        Exchange result = send("direct:alerts", "255712345679");

        assertThat(result.getException()).isNull();
        assertThat(guarded.challenges()).as("the proxy asked (407) before it forwarded").isGreaterThan(challengesBefore);
        assertThat(guarded.forwarded()).contains("POST /api/v3/sms/send");
        assertThat(sim.simulator().outbox()).hasSize(1);
        assertNoSecrets(logs.text());
        assertNoSecrets(String.valueOf(context.getEndpoints())); // endpoint URIs as Camel prints them
    }

    @Test
    void aWrongProxyPasswordIsAConnectionFailureAndNothingReachesTheApi() {
        int forwardedBefore = guarded.forwarded().size();

        Exchange result = send("direct:wrongPassword", "255712345670");

        assertThat(result.getException()).isInstanceOf(AmpenetConnectionException.class)
                .hasMessageContaining("407").hasMessageContaining("nothing was sent");
        assertThat(guarded.forwarded()).hasSize(forwardedBefore);
        assertThat(sim.simulator().outbox()).isEmpty();
        assertThat(sim.simulator().journal()).isEmpty();
        assertNoToken(result.getException(), "not-the-password", PROXY_PASSWORD, TOKEN);
        assertNoSecrets(logs.text());
    }

    static void assertNoSecrets(String text) {
        String basic = Base64.getEncoder().encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertNoToken(text, PROXY_PASSWORD, basic, TOKEN);
    }
}
