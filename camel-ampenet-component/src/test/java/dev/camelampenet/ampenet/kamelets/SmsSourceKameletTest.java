package dev.camelampenet.ampenet.kamelets;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** kamelet:ampenet-sms-source emits sent and received messages (NEW) and status changes (STATUS_CHANGED) as JSON. */
class SmsSourceKameletTest extends CamelTestSupport {

    private static final String TOKEN = "7|sms-source-kamelet-token";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:ampenet-sms-source?apiToken=RAW(" + TOKEN + ")&baseUrl=" + sim.baseUrl() + "&delay=200")
                        .routeId("events").autoStartup(false).to("mock:events");
            }
        };
    }

    /** The JSON body; kept as a String so it can be read again (the marshalled body is a stream). */
    private static JsonNode body(Exchange exchange) throws Exception {
        String json = exchange.getMessage().getBody(String.class);
        exchange.getMessage().setBody(json);
        return new ObjectMapper().readTree(json);
    }

    @Test
    void emitsNewMessagesAndTheirStatusChanges() throws Exception {
        Exchange sent = template.request("ampenet:sms/send?apiToken=RAW(" + TOKEN + ")&baseUrl=" + sim.baseUrl(), e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, "255712345678");
        });
        assertThat(sent.getException()).isNull();
        OutboxMessage out = sim.simulator().outbox(TOKEN).get(0);
        sim.simulator().receive(TOKEN, "255713000111", "Asante");
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(2);

        context.getRouteController().startRoute("events");

        events.assertIsSatisfied(TimeUnit.SECONDS.toMillis(10));
        List<Exchange> first = events.getExchanges();
        assertThat(first).extracting(e -> e.getMessage().getHeader("event")).containsOnly("NEW");
        assertThat(first).extracting(e -> e.getMessage().getHeader("ce-event")).containsOnly("NEW");
        Exchange outgoing = first.stream().filter(e -> out.uid().equals(e.getMessage().getHeader("message-id")))
                .findFirst().orElseThrow();
        assertThat(outgoing.getMessage().getHeader("ce-messageid")).isEqualTo(out.uid());
        assertThat(body(outgoing).path("to").asText()).isEqualTo("255712345678");
        assertThat(body(outgoing).path("text").asText()).isEqualTo("Habari");
        assertThat(first).anySatisfy(e -> assertThat(body(e).path("text").asText()).isEqualTo("Asante"));

        events.reset();
        events.expectedMessageCount(1);
        sim.simulator().deliveryReport(out.uid(), "Undelivered");

        events.assertIsSatisfied(TimeUnit.SECONDS.toMillis(10));
        Exchange changed = events.getExchanges().get(0);
        assertThat(changed.getMessage().getHeader("event")).isEqualTo("STATUS_CHANGED");
        assertThat(changed.getMessage().getHeader("message-id")).isEqualTo(out.uid());
        assertThat(changed.getMessage().getHeader("status")).isEqualTo("Undelivered");
        assertThat(changed.getMessage().getHeader("ce-status")).isEqualTo("Undelivered");
        assertThat(body(changed).path("status").asText()).isEqualTo("Undelivered");
    }
}
