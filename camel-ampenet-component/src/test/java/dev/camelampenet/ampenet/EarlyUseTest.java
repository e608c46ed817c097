package dev.camelampenet.ampenet;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint asked to send before Camel started it: what happens when a file already waits in an inbox at start-up
 * and the route reaches an ampenet: endpoint while the context is still starting. It used to fail with a null client.
 */
class EarlyUseTest {

    private static final String TOKEN = "7|early-use-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    @Test
    void anEndpointThatWasNeverStartedStillSends() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            AmpenetEndpoint endpoint = context.getEndpoint("ampenet:sms/send?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl(),
                    AmpenetEndpoint.class);
            assertThat(endpoint.isStarted()).isFalse();
            Producer producer = endpoint.createProducer();
            producer.start();
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody("Habari");
            exchange.getMessage().setHeader(AmpenetConstants.RECIPIENTS, "255712345678");

            producer.process(exchange);

            assertThat(exchange.getException()).isNull();
            assertThat(sim.simulator().outbox()).hasSize(1);
        }
    }
}
