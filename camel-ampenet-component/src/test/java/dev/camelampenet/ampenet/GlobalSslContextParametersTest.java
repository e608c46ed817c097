package dev.camelampenet.ampenet;

import java.nio.file.Path;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** useGlobalSslContextParameters: the CamelContext's SSLContextParameters trust the simulator's certificate. */
class GlobalSslContextParametersTest extends CamelTestSupport {

    private static final String TOKEN = "7|global-tls-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN).tls(true));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Path trustStoreFile = TlsTrustTest.writeTrustStore(sim);
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + trustStoreFile);
        trustStore.setPassword(TlsTrustTest.TRUST_STORE_PASSWORD);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        context.setSSLContextParameters(tls);
        AmpenetComponent ampenet = context.getComponent("ampenet", AmpenetComponent.class);
        ampenet.setUseGlobalSslContextParameters(true);
        ampenet.getConfiguration().setApiToken(TOKEN);
        return context;
    }

    @Test
    void theGlobalParametersTrustTheSimulator() {
        Exchange result = template.request("ampenet:sms/send?baseUrl=" + sim.baseUrl(), e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, "255712345678");
        });

        assertThat(result.getException()).isNull();
        assertThat(sim.simulator().outbox()).hasSize(1);
    }
}
