package dev.camelampenet.ampenet.kamelets;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.simulator.GroupSnapshot;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** kamelet:ampenet-contact-sink stores a JSON contact into a group, as the simulator's group then shows. */
class ContactSinkKameletTest extends CamelTestSupport {

    private static final String TOKEN = "7|contact-sink-kamelet-token";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String base() {
        return "apiToken=RAW(" + TOKEN + ")&baseUrl=" + sim.baseUrl();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a group that does not exist: the tests name theirs in the group-id header, or add their own route
                from("direct:contact").to("kamelet:ampenet-contact-sink?" + base() + "&groupId=00000000000aa&defaultRegion=TZ");
            }
        };
    }

    private String group(String name) {
        return template.requestBody("ampenet:groups/create?" + base(), name, ContactGroup.class).uid();
    }

    private Exchange store(Object body, Map<String, Object> headers) {
        Exchange result = template.request("direct:contact", e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });
        assertThat(result.getException()).isNull();
        return result;
    }

    @Test
    void storesAJsonContactIntoTheGroupOfTheHeader() throws Exception {
        String customers = group("Customers");

        Exchange result = store("{\"phone\": \"0712 345 678\", \"firstName\": \"Asha\", \"lastName\": \"Mushi\"}",
                Map.of("group-id", customers));

        GroupSnapshot snapshot = sim.simulator().group(TOKEN, "Customers");
        assertThat(snapshot.contacts()).singleElement().satisfies(c -> {
            assertThat(c.phone()).isEqualTo("255712345678");
            assertThat(c.fields()).containsValues("Asha", "Mushi");
        });
        JsonNode stored = new ObjectMapper().readTree(result.getMessage().getBody(String.class));
        assertThat(stored.path("uid").asText()).isEqualTo(snapshot.contacts().get(0).uid());
        assertThat(stored.path("phone").asText()).isEqualTo("255712345678");
    }

    @Test
    void theGroupIdPropertyServesWhenNoHeaderNamesOne() throws Exception {
        String customers = group("Customers");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:customers").to("kamelet:ampenet-contact-sink?" + base() + "&groupId=" + customers);
            }
        });

        Exchange result = template.request("direct:customers", e -> e.getMessage().setBody("{\"phone\": \"255712345678\"}"));

        assertThat(result.getException()).isNull();
        assertThat(sim.simulator().group(TOKEN, "Customers").contacts()).singleElement()
                .satisfies(c -> assertThat(c.phone()).isEqualTo("255712345678"));
    }

    @Test
    void theCloudEventsGroupHeaderAndAMapBodyWorkToo() {
        String staff = group("Staff");

        store(Map.of("mobile", "+254 712 000 111", "first_name", "Wanjiru"), Map.of("ce-groupid", staff));

        assertThat(sim.simulator().group(TOKEN, "Staff").contacts()).singleElement()
                .satisfies(c -> assertThat(c.phone()).isEqualTo("254712000111"));
    }

    @Test
    void aContactWithoutPhoneFailsWithTheReason() {
        String customers = group("Customers");

        Exchange result = template.request("direct:contact", e -> {
            e.getMessage().setBody("{\"firstName\": \"Nobody\"}");
            e.getMessage().setHeader("group-id", customers);
        });

        assertThat(result.getException()).hasMessageContaining("phone");
        assertThat(sim.simulator().group(TOKEN, "Customers").contacts()).isEmpty();
    }
}
