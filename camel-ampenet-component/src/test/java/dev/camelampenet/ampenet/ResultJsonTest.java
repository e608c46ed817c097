package dev.camelampenet.ampenet;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.ampenet.model.Balance;
import dev.camelampenet.ampenet.model.Campaign;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.model.Profile;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.model.SmsMessage;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every result type goes through {@code marshal().json()} as a route would write it, on every server generation,
 * reads back into the same value, and never carries the token (profile/me's api_token is dropped).
 */
class ResultJsonTest extends AllProfilesTestSupport {

    private static final List<String> OPERATIONS = List.of("groups/create", "groups/get", "groups/list", "contacts/store",
            "contacts/get", "contacts/list", "sms/send", "sms/get", "sms/list", "sms/campaign", "campaigns/get", "profile/me",
            "profile/balance");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (dev.camelampenet.simulator.Profile generation : dev.camelampenet.simulator.Profile.values()) {
                    for (String operation : OPERATIONS) {
                        from("direct:" + generation.name() + "/" + operation)
                                .to(uri(generation, operation))
                                .setProperty("result", body())
                                .marshal().json()
                                .convertBodyTo(String.class);
                    }
                }
            }
        };
    }

    @ParameterizedTest
    @EnumSource(dev.camelampenet.simulator.Profile.class)
    void everyResultTypeMarshalsToJsonAndBack(dev.camelampenet.simulator.Profile generation) throws Exception {
        ContactGroup group = roundTrip(generation, "groups/create", "Customers", Map.of(), ContactGroup.class);
        Map<String, Object> inGroup = Map.of(AmpenetConstants.GROUP_ID, group.uid());
        roundTrip(generation, "groups/get", null, inGroup, ContactGroup.class);
        roundTrip(generation, "groups/list", null, Map.of(), new TypeReference<List<ContactGroup>>() { });
        roundTrip(generation, "groups/list", null, Map.of(AmpenetConstants.PAGE, 1), new TypeReference<Page<ContactGroup>>() { });

        Contact contact = roundTrip(generation, "contacts/store", Contact.of("255712345678", "Asha", "Mushi"), inGroup, Contact.class);
        roundTrip(generation, "contacts/get", null, Map.of(AmpenetConstants.GROUP_ID, group.uid(), AmpenetConstants.CONTACT_ID,
                contact.getUid()), Contact.class);
        roundTrip(generation, "contacts/list", null, inGroup, new TypeReference<List<Contact>>() { });
        roundTrip(generation, "contacts/list", null, Map.of(AmpenetConstants.GROUP_ID, group.uid(), AmpenetConstants.PAGE, 1),
                new TypeReference<Page<Contact>>() { });

        SendResult sent = roundTrip(generation, "sms/send", "Habari", Map.of(AmpenetConstants.RECIPIENTS, "255712345678,12345"),
                SendResult.class);
        if (!sent.messages().isEmpty()) {
            roundTrip(generation, "sms/get", null, Map.of(AmpenetConstants.MESSAGE_ID, sent.messages().get(0).uid()), SmsMessage.class);
        }
        roundTrip(generation, "sms/list", null, Map.of(), new TypeReference<List<SmsMessage>>() { });
        roundTrip(generation, "sms/list", null, Map.of(AmpenetConstants.PAGE, 1), new TypeReference<Page<SmsMessage>>() { });

        if (generation != dev.camelampenet.simulator.Profile.V3_1) { // no campaign routes on v3.1
            Campaign campaign = roundTrip(generation, "sms/campaign", "Karibu", inGroup, Campaign.class);
            roundTrip(generation, "campaigns/get", null, Map.of(AmpenetConstants.CAMPAIGN_ID, campaign.uid()), Campaign.class);
        }

        roundTrip(generation, "profile/me", null, Map.of(), Profile.class);
        roundTrip(generation, "profile/balance", null, Map.of(), Balance.class);
    }

    @ParameterizedTest
    @EnumSource(dev.camelampenet.simulator.Profile.class)
    void theProfileJsonHasNoToken(dev.camelampenet.simulator.Profile generation) throws Exception {
        String text = marshalled(generation, "profile/me", null, Map.of()).getMessage().getBody(String.class);

        JsonNode profile = json.readTree(text);
        assertThat(profile.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("uid", "firstName", "lastName", "email", "locale", "timezone", "lastAccessAt");
        assertThat(text).doesNotContain(TOKEN).doesNotContain("secret").doesNotContainIgnoringCase("token");
    }

    @ParameterizedTest
    @EnumSource(dev.camelampenet.simulator.Profile.class)
    void theJsonUsesPlainNamesAndNumbers(dev.camelampenet.simulator.Profile generation) throws Exception {
        ContactGroup group = call(generation, "groups/create", "Customers", Map.of(), ContactGroup.class);
        sim(generation).defineField(group.uid(), "EMAIL", false);

        JsonNode contact = json.readTree(marshalled(generation, "contacts/store",
                Map.of("phone", "255712345678", "firstName", "Asha", "EMAIL", "asha@example.com"),
                Map.of(AmpenetConstants.GROUP_ID, group.uid())).getMessage().getBody(String.class));
        JsonNode sent = json.readTree(marshalled(generation, "sms/send", "Habari",
                Map.of(AmpenetConstants.RECIPIENTS, "255712345678")).getMessage().getBody(String.class));
        JsonNode balance = json.readTree(marshalled(generation, "profile/balance", null, Map.of()).getMessage().getBody(String.class));

        assertThat(contact.path("phone").asText()).isEqualTo("255712345678");
        assertThat(contact.path("firstName").asText()).isEqualTo("Asha");
        assertThat(contact.path("status").asText()).isEqualTo("SUBSCRIBED");
        if (generation != dev.camelampenet.simulator.Profile.V3_1) {
            assertThat(contact.path("customFields").path("EMAIL").asText()).isEqualTo("asha@example.com");
        }
        JsonNode message = sent.path("messages").path(0);
        assertThat(message.path("to").asText()).isEqualTo("255712345678");
        assertThat(message.path("cost").isNumber()).isTrue();
        assertThat(sent.path("encoding").asText()).isEqualTo("GSM_7");
        assertThat(sent.path("segments").asInt()).isEqualTo(1);
        assertThat(balance.path("amount").isNumber()).isTrue();
        assertThat(balance.path("amount").decimalValue()).isEqualByComparingTo("9999");
    }

    private Exchange marshalled(dev.camelampenet.simulator.Profile generation, String operation, Object body, Map<String, Object> headers) {
        Exchange result = template.request("direct:" + generation.name() + "/" + operation, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
        if (result.getException() != null) {
            throw new AssertionError(operation + " on " + generation + " failed", result.getException());
        }
        String text = result.getMessage().getBody(String.class);
        assertThat(text).startsWith(text.startsWith("[") ? "[" : "{").doesNotContain(TOKEN).doesNotContain("secret");
        return result;
    }

    private <T> T roundTrip(dev.camelampenet.simulator.Profile generation, String operation, Object body, Map<String, Object> headers,
                            Class<T> type) throws Exception {
        Exchange result = marshalled(generation, operation, body, headers);
        Object original = result.getProperty("result");
        assertThat(original).isInstanceOf(type);
        assertThat(json.readValue(result.getMessage().getBody(String.class), type)).isEqualTo(original);
        return type.cast(original);
    }

    private <T> T roundTrip(dev.camelampenet.simulator.Profile generation, String operation, Object body, Map<String, Object> headers,
                            TypeReference<T> type) throws Exception {
        Exchange result = marshalled(generation, operation, body, headers);
        T read = json.readValue(result.getMessage().getBody(String.class), type);
        assertThat(read).isEqualTo(result.getProperty("result"));
        return read;
    }
}
