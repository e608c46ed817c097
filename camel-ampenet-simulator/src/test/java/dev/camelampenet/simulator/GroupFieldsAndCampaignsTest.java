package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.Json;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Custom fields of contact groups (tag, name, type, required) and how contacts/store treats their tags; a campaign
 * to several groups that share a number.
 */
@Timeout(30)
class GroupFieldsAndCampaignsTest {

    private static final String TOKEN = "3|fields-and-campaigns-secret-0123456789";
    private static final String SHARED = "255712345678";

    @RegisterExtension
    static final AmpenetSimulatorExtension SIM = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private AmpenetSimulator sim;
    private RawApi api;
    private RawApi control;

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        sim.setBug(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST, false);
        api = new RawApi(sim.baseUrl(), TOKEN);
        control = new RawApi(sim.controlUrl(), null);
    }

    private static String createGroup(RawApi client, String name) {
        Reply created = client.post("/contacts", body("name", name));
        assertThat(created.outcome()).as(created.toString()).isEqualTo("success");
        return created.data().path("uid").asText();
    }

    private static void store(RawApi client, String group, String phone) {
        Reply stored = client.post("/contacts/" + group + "/store", body("PHONE", phone));
        assertThat(stored.outcome()).as(stored.toString()).isEqualTo("success");
    }

    // ---- custom fields -------------------------------------------------------------------------------------

    @Test
    void aGroupDefinesFieldsWithTagNameAndTypeAndTheApiUsesTheirTags() {
        String group = createGroup(api, "Customers");
        sim.defineField(group, "CITY", "City", "text", false);
        GroupField birthday = sim.defineField(group, "birthday", null, "date", false);

        assertThat(birthday).isEqualTo(new GroupField("BIRTHDAY", "Birthday", "date", false));
        assertThat(sim.fields(group)).containsExactly(
                new GroupField("PHONE", "Phone", "text", true),
                new GroupField("FIRST_NAME", "First name", "text", false),
                new GroupField("LAST_NAME", "Last name", "text", false),
                new GroupField("CITY", "City", "text", false),
                birthday);

        Reply stored = api.post("/contacts/" + group + "/store",
                body("PHONE", SHARED, "FIRST_NAME", "Asha", "CITY", "Arusha", "BIRTHDAY", "1990-04-01"));

        assertThat(stored.outcome()).as(stored.toString()).isEqualTo("success");
        JsonNode custom = stored.data().path("custom_fields");
        assertThat(Json.keys(custom)).containsExactly("FIRST_NAME", "LAST_NAME", "CITY", "BIRTHDAY");
        assertThat(custom.path("CITY").asText()).isEqualTo("Arusha");
        assertThat(custom.path("LAST_NAME").asText()).isEmpty();
        assertThat(custom.path("BIRTHDAY").asText()).isEqualTo("1990-04-01");
    }

    /** The server reads only the group's own tags, case-sensitively: anything else in the body is dropped silently. */
    @Test
    void aTagTheGroupDoesNotDefineIsIgnoredAndTheContactIsStored() {
        String group = createGroup(api, "Customers");
        sim.defineField(group, "CITY", null, null, false);

        Reply stored = api.post("/contacts/" + group + "/store",
                body("PHONE", SHARED, "SHOE_SIZE", "42", "city", "Moshi", "FIRST_NAME", "Asha"));

        assertThat(stored.status).isEqualTo(200);
        assertThat(stored.outcome()).isEqualTo("success");
        JsonNode custom = stored.data().path("custom_fields");
        assertThat(Json.keys(custom)).containsExactly("FIRST_NAME", "LAST_NAME", "CITY");
        assertThat(custom.path("CITY").asText()).as("lower-case 'city' is another key").isEmpty();
        assertThat(sim.group(TOKEN, "Customers").contacts()).singleElement()
                .satisfies(c -> assertThat(c.fields()).doesNotContainKey("SHOE_SIZE").containsEntry("CITY", ""));
    }

    @Test
    void aRequiredFieldSentInLowerCaseIsMissing() {
        String group = createGroup(api, "Customers");
        sim.defineField(group, "city", "Town", "text", true);

        Reply lower = api.post("/contacts/" + group + "/store", body("PHONE", SHARED, "city", "Moshi"));
        Reply upper = api.post("/contacts/" + group + "/store", body("PHONE", SHARED, "CITY", "Moshi"));

        assertThat(lower.status).isEqualTo(422);
        assertThat(lower.message()).isEqualTo("The c i t y field is required.");
        assertThat(upper.outcome()).isEqualTo("success");
        assertThat(upper.data().path("custom_fields").path("CITY").asText()).isEqualTo("Moshi");
    }

    @Test
    void fieldsAreDefinedAndListedThroughTheControlApi() {
        String group = createGroup(api, "Customers");

        Reply one = control.post("/groups/" + group + "/fields", body("tag", "COMPANY", "name", "Company", "type", "text"));
        Reply several = control.post("/groups/" + group + "/fields", body("fields", List.of(
                Map.of("tag", "AGE", "type", "number"),
                Map.of("tag", "JOINED", "name", "Joined on", "type", "date", "required", true))));
        Reply listed = control.get("/groups/" + group + "/fields");

        assertThat(one.status).isEqualTo(200);
        assertThat(one.json().path("ok").asText()).isEqualTo("field defined");
        assertThat(several.status).isEqualTo(200);
        JsonNode fields = listed.json().path("fields");
        assertThat(fields).hasSize(6);
        assertThat(fields.get(0).path("tag").asText()).isEqualTo("PHONE");
        assertThat(fields.get(4).path("type").asText()).isEqualTo("number");
        assertThat(fields.get(5).path("name").asText()).isEqualTo("Joined on");
        assertThat(fields.get(5).path("required").asBoolean()).isTrue();
        assertThat(api.post("/contacts/" + group + "/store", body("PHONE", SHARED)).message())
                .isEqualTo("The j o i n e d field is required.");

        Reply badType = control.post("/groups/" + group + "/fields", body("tag", "X", "type", "colour"));
        Reply phone = control.post("/groups/" + group + "/fields", body("tag", "phone"));
        Reply badTag = control.post("/groups/" + group + "/fields", body("tag", "two words"));
        assertThat(badType.status).isEqualTo(400);
        assertThat(badType.json().path("error").asText()).contains("'colour'").contains("date");
        assertThat(phone.status).isEqualTo(400);
        assertThat(phone.json().path("error").asText()).contains("PHONE");
        assertThat(badTag.status).isEqualTo(400);
    }

    @Test
    void redefiningAFieldChangesItAndKeepsTheValues() {
        String group = createGroup(api, "Customers");
        sim.defineField(group, "CITY", false);
        api.post("/contacts/" + group + "/store", body("PHONE", SHARED, "CITY", "Moshi"));

        sim.defineField(group, "CITY", "Home town", "text", true);

        assertThat(sim.fields(group)).contains(new GroupField("CITY", "Home town", "text", true));
        assertThat(sim.group(TOKEN, "Customers").contacts().get(0).fields()).containsEntry("CITY", "Moshi");
        assertThatThrownBy(() -> sim.defineField("0000000000000", "CITY", false)).hasMessageContaining("0000000000000");
    }

    // ---- campaigns across groups ---------------------------------------------------------------------------

    private String campaignToThreeGroupsSharingANumber(RawApi client, String text) {
        String a = createGroup(client, "A " + text);
        String b = createGroup(client, "B " + text);
        String c = createGroup(client, "C " + text);
        for (String group : List.of(a, b, c)) {
            store(client, group, SHARED);
        }
        store(client, a, "255754000111");
        store(client, c, "255765000333");

        Reply created = client.post("/sms/campaign", body("contact_list_id", a + "," + b + "," + c, "message", text));
        assertThat(created.outcome()).as(created.toString()).isEqualTo("success");
        return created.data().path("uid").asText();
    }

    /** The server sends one SMS per contact row: the shared number gets three, and three are charged. */
    @Test
    void aNumberInThreeGroupsOfACampaignGetsThreeSms() {
        String campaign = campaignToThreeGroupsSharingANumber(api, "Karibu");

        List<OutboxMessage> outbox = sim.outbox();
        assertThat(outbox).extracting(OutboxMessage::to)
                .containsExactly(SHARED, "255754000111", SHARED, SHARED, "255765000333");
        assertThat(outbox).allSatisfy(m -> assertThat(m.campaignUid()).isEqualTo(campaign));
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE.subtract(BigDecimal.valueOf(5)));
        assertThat(api.get("/campaign/" + campaign + "/view").data().path("stats").path("delivered_count").asInt()).isEqualTo(5);
    }

    @Test
    void theSameOnV313() {
        try (AmpenetSimulator v313 = AmpenetSimulator.builder().profile(Profile.V3_13).token(TOKEN).start()) {
            campaignToThreeGroupsSharingANumber(new RawApi(v313.baseUrl(), TOKEN), "Karibu");

            assertThat(v313.outbox()).filteredOn(m -> m.to().equals(SHARED)).hasSize(3);
        }
    }

    @Test
    void switchedOffEachNumberGetsOneSms() {
        control.post("/bugs", body("campaign-repeats-shared-numbers", false));

        campaignToThreeGroupsSharingANumber(api, "Once");

        assertThat(sim.outbox()).extracting(OutboxMessage::to).containsExactly(SHARED, "255754000111", "255765000333");
    }

    @Test
    void aGroupListedTwiceCountsOnce() {
        String group = createGroup(api, "Customers");
        store(api, group, SHARED);

        api.post("/sms/campaign", body("contact_list_id", group + "," + group, "message", "Twice listed"));

        assertThat(sim.outbox()).extracting(OutboxMessage::to).containsExactly(SHARED);
    }
}
