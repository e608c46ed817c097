package dev.camelampenet.ampenet.kamelets;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue acceptance: kamelet:ampenet-sms-sink delivers a message to the simulator. The Kamelet is loaded from the
 * component's own kamelets/ folder on the classpath, the default location of camel-kamelet.
 */
class SmsSinkKameletTest extends CamelTestSupport {

    private static final String TOKEN = "7|sms-sink-kamelet-token";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String sink(String options) {
        return "kamelet:ampenet-sms-sink?apiToken=RAW(" + TOKEN + ")&baseUrl=" + sim.baseUrl() + options;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sms").to(sink("&senderId=AMPENET&defaultRegion=TZ"));
                from("direct:fixed").to(sink("&recipients=RAW(255712000001,0713 000 002)&defaultRegion=TZ"
                        + "&text=RAW(Server db-1 is down)"));
            }
        };
    }

    private Exchange send(String route, Object body, Map<String, Object> headers) {
        Exchange result = template.request(route, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
        assertThat(result.getException()).isNull();
        return result;
    }

    private static JsonNode json(Exchange result) throws Exception {
        return new ObjectMapper().readTree(result.getMessage().getBody(String.class));
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(String::valueOf).toList();
    }

    @Test
    void deliversTheBodyToTheRecipientsOfTheHeader() throws Exception {
        Exchange result = send("direct:sms", "Habari from a Kamelet", Map.of("recipients", "255712345678, 0713 000 111"));

        List<OutboxMessage> outbox = sim.simulator().outbox(TOKEN);
        assertThat(outbox).extracting(OutboxMessage::to).containsExactlyInAnyOrder("255712345678", "255713000111");
        assertThat(outbox).allSatisfy(m -> {
            assertThat(m.text()).isEqualTo("Habari from a Kamelet");
            assertThat(m.from()).isEqualTo("AMPENET");
        });
        JsonNode sent = json(result);
        assertThat(sent.path("messages")).hasSize(2);
        assertThat(strings(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class)))
                .containsExactlyInAnyOrderElementsOf(outbox.stream().map(OutboxMessage::uid).toList());
    }

    @Test
    void readsTheCloudEventsHeadersToo() {
        send("direct:sms", "Habari", Map.of("ce-recipients", "255712345678", "ce-senderid", "CE"));

        assertThat(sim.simulator().outbox(TOKEN)).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("255712345678");
            assertThat(m.from()).isEqualTo("CE");
        });
    }

    @Test
    void theTextHeaderReplacesTheBodyAndTheSenderHeaderTheProperty() {
        send("direct:sms", "{\"alert\":\"disk\"}", Map.of("recipients", "255712345678", "text", "Disk full",
                "sender-id", "OPS"));

        assertThat(sim.simulator().outbox(TOKEN)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Disk full");
            assertThat(m.from()).isEqualTo("OPS");
        });
    }

    @Test
    void theRecipientsAndTextPropertiesServeWhenTheMessageHasNone() {
        send("direct:fixed", null, Map.of());

        assertThat(sim.simulator().outbox(TOKEN)).extracting(OutboxMessage::to)
                .containsExactlyInAnyOrder("255712000001", "255713000002");
        assertThat(sim.simulator().outbox(TOKEN)).allSatisfy(m -> assertThat(m.text()).isEqualTo("Server db-1 is down"));
    }

    @Test
    void aHeaderWinsOverTheRecipientsProperty() {
        send("direct:fixed", "Only to you", Map.of("recipients", "255714000003"));

        assertThat(sim.simulator().outbox(TOKEN)).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("255714000003");
            assertThat(m.text()).isEqualTo("Only to you");
        });
    }

    @Test
    void theComponentsOwnRecipientsHeaderIsKept() {
        send("direct:sms", "Habari", Map.of(AmpenetConstants.RECIPIENTS, List.of("255712345678")));

        assertThat(sim.simulator().outbox(TOKEN)).extracting(OutboxMessage::to).containsExactly("255712345678");
    }

    @Test
    void anInvalidRecipientIsListedInTheResultAndTheOthersAreSent() throws Exception {
        Exchange result = send("direct:sms", "Habari", Map.of("recipients", "255712345678,12345"));

        assertThat(sim.simulator().outbox(TOKEN)).extracting(OutboxMessage::to).containsExactly("255712345678");
        JsonNode rejected = json(result).path("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).toString()).contains("12345");
    }
}
