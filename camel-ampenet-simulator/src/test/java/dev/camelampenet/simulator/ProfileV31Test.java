package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.Json;
import dev.camelampenet.simulator.support.MutableClock;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v3.1 profile (Laravel 9 era) over raw HTTP: lower-case contact fields, {@code remaining_unit}, the raw gateway
 * status, bulk and scheduled sends through a campaign, no throttle, no campaign routes, {@code "data": null} in
 * ApiResponser errors and untranslated pagination labels (docs/ampenet-api.md §3, §4, §6 and §7).
 */
class ProfileV31Test {

    /**
     * 07:00 in the accounts' timezone (Africa/Dar_es_Salaam, UTC+3): the example instant of docs/ampenet-api.md §12.
     */
    static final Instant NOW = Instant.parse("2024-03-20T04:00:00Z");
    static final MutableClock CLOCK = new MutableClock(NOW);

    static final String CAMPAIGN_STORED = "Your campaign successfully store and is being produced in the background. "
            + "Track the process in the Reports -> Campaigns Menu";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.profile(Profile.V3_1).token("T").clock(CLOCK));

    private RawApi api() {
        return new RawApi(sim.baseUrl(), "T");
    }

    private String createGroup(RawApi api, String name) {
        Reply r = api.post("/contacts", body("name", name));
        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        return r.data().path("uid").asText();
    }

    // ---- contacts -----------------------------------------------------------------------------------------

    @Test
    void contactStoreTakesLowerCaseFieldsAndAnswersWithTheWholeRow() {
        RawApi api = api();
        String group = createGroup(api, "Friends");

        Reply r = api.post("/contacts/" + group + "/store",
                body("phone", "255712345678", "first_name", "Jhon", "last_name", "Doe"));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.message()).isEqualTo("Contact was successfully added");
        JsonNode row = r.data();
        assertThat(Json.keys(row)).containsExactly("customer_id", "group_id", "phone", "first_name", "last_name", "uid",
                "updated_at", "created_at", "id");
        assertThat(row.path("customer_id").isIntegralNumber()).isTrue();
        assertThat(row.path("group_id").isIntegralNumber()).as("the numeric row id, not the uid").isTrue();
        assertThat(row.path("phone").isIntegralNumber()).as("phone is cast to integer").isTrue();
        assertThat(row.path("phone").asLong()).isEqualTo(255712345678L);
        assertThat(row.path("first_name").asText()).isEqualTo("Jhon");
        assertThat(row.path("last_name").asText()).isEqualTo("Doe");
        assertThat(row.path("uid").asText()).matches("[0-9a-f]{13}");
        assertThat(row.path("created_at").asText()).isEqualTo("2024-03-20T04:00:00.000000Z");
        assertThat(row.path("updated_at").asText()).isEqualTo("2024-03-20T04:00:00.000000Z");
        assertThat(row.path("id").isIntegralNumber()).isTrue();
    }

    @Test
    void upperCasePhoneTagIsNotReadSoThePhoneIsMissing() {
        RawApi api = api();
        String group = createGroup(api, "Friends");

        Reply r = api.post("/contacts/" + group + "/store", body("PHONE", "255712345678", "FIRST_NAME", "Jhon"));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("{\"status\":\"error\",\"message\":\"The phone field is required.\"}");
        assertThat(sim.simulator().group("T", "Friends").size()).isZero();
    }

    @Test
    void searchAndListAnswerWithUidPhoneFirstAndLastName() {
        RawApi api = api();
        String group = createGroup(api, "Friends");
        String uid = api.post("/contacts/" + group + "/store", body("phone", "255712345678", "first_name", "Jhon"))
                .data().path("uid").asText();

        Reply search = api.post("/contacts/" + group + "/search/" + uid, null);
        assertThat(search.outcome()).as(search.toString()).isEqualTo("success");
        assertThat(Json.keys(search.data())).containsExactly("uid", "phone", "first_name", "last_name");
        assertThat(search.data().path("uid").asText()).isEqualTo(uid);
        assertThat(search.data().path("phone").asLong()).isEqualTo(255712345678L);
        assertThat(search.data().path("first_name").asText()).isEqualTo("Jhon");
        assertThat(search.data().path("last_name").isNull()).isTrue();

        Reply all = api.post("/contacts/" + group + "/all", null);
        assertThat(all.outcome()).as(all.toString()).isEqualTo("success");
        JsonNode rows = all.data().path("data");
        assertThat(rows).hasSize(1);
        assertThat(Json.keys(rows.get(0))).containsExactly("uid", "phone", "first_name", "last_name");
        assertThat(rows.get(0).path("uid").asText()).isEqualTo(uid);
    }

    @Test
    void duplicateContactIsTheControllersOwnHttp200Error() {
        RawApi api = api();
        String group = createGroup(api, "Friends");
        assertThat(api.post("/contacts/" + group + "/store", body("phone", "255712345678")).outcome()).isEqualTo("success");

        Reply again = api.post("/contacts/" + group + "/store", body("phone", "255712345678"));

        assertThat(again.status).isEqualTo(200);
        assertThat(again.body).isEqualTo("{\"status\":\"error\",\"message\":\"You have already subscribed to Friends\"}");
    }

    // ---- groups -------------------------------------------------------------------------------------------

    @Test
    void groupUpdateAlsoRequiresSendingServer() {
        RawApi api = api();
        String group = createGroup(api, "Friends");

        Reply nameOnly = api.patch("/contacts/" + group, body("name", "Family"));
        assertThat(nameOnly.status).isEqualTo(200);
        assertThat(nameOnly.body).isEqualTo("{\"status\":\"error\",\"message\":\"The sending server field is required.\"}");

        Reply nothing = api.patch("/contacts/" + group, body());
        assertThat(nothing.message()).isEqualTo("The name field is required. (and 1 more error)");

        Reply both = api.patch("/contacts/" + group, body("name", "Family", "sending_server", 1));
        assertThat(both.outcome()).as(both.toString()).isEqualTo("success");
        assertThat(both.message()).isEqualTo("Contact group was successfully updated");
        assertThat(both.data().path("name").asText()).isEqualTo("Family");
    }

    @Test
    void paginationLabelsAreTheUntranslatedKeys() {
        RawApi api = api();
        createGroup(api, "Friends");

        Reply r = api.get("/contacts");

        assertThat(r.message()).isNull();
        assertThat(Json.linkLabels(r.data())).containsExactly("pagination.previous", "1", "pagination.next");
    }

    // ---- profile and balance ------------------------------------------------------------------------------

    @Test
    void meHasLastAccessAtInTheCustomerDateFormat() {
        Reply r = api().get("/me");

        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.message()).isNull();
        assertThat(r.data().path("last_access_at").asText()).isEqualTo("20th Mar 24, 7:00 AM");
        assertThat(r.data().path("api_token").asText()).isEqualTo("T");
    }

    @Test
    void balanceIsRemainingUnitWithoutCurrency() {
        Reply r = api().get("/balance");

        assertThat(r.message()).isNull();
        assertThat(Json.keys(r.data())).containsExactly("remaining_unit", "expired_on");
        assertThat(r.data().path("remaining_unit").isTextual()).isTrue();
        assertThat(r.data().path("remaining_unit").asText()).isEqualTo("10,000");
        assertThat(r.data().path("expired_on").asText()).isEqualTo("19th Apr 24, 7:00 AM");
    }

    @Test
    void balanceShowsTwoDecimalsOnlyWhenFractionalAndUnlimitedForMinusOne() {
        sim.simulator().setBalance(new BigDecimal("1250.5"));
        assertThat(api().get("/balance").data().path("remaining_unit").asText()).isEqualTo("1,250.50");

        sim.simulator().setBalance(BigDecimal.ONE.negate());
        assertThat(api().get("/balance").data().path("remaining_unit").asText()).isEqualTo("Unlimited");
    }

    // ---- sending ------------------------------------------------------------------------------------------

    @Test
    void singleSendAnswersWithTheRawGatewayStatusAndNoSmsCount() {
        Reply r = api().post("/sms/send", body("recipient", "255712345678", "sender_id", "AMPENET", "message", "Habari"));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.message()).isEqualTo("Your message was successfully delivered");
        JsonNode d = r.data();
        assertThat(Json.keys(d)).containsExactly("uid", "to", "from", "message", "status", "cost");
        assertThat(d.path("uid").asText()).matches("[0-9a-f]{13}");
        assertThat(d.path("to").isTextual()).isTrue();
        assertThat(d.path("to").asText()).isEqualTo("255712345678");
        assertThat(d.path("from").asText()).isEqualTo("AMPENET");
        assertThat(d.path("message").asText()).isEqualTo("Habari");
        assertThat(d.path("status").asText()).isEqualTo("Delivered|200");
        assertThat(d.path("cost").isTextual()).as("cost is a string up to v3.8").isTrue();
        assertThat(d.path("cost").asText()).isEqualTo("1");
    }

    @Test
    void bulkSendGoesThroughACampaignWithoutTheHundredCap() {
        String recipients = IntStream.range(0, 120).mapToObj(i -> String.format("2557%08d", i))
                .collect(Collectors.joining(","));

        Reply r = api().post("/sms/send", body("recipient", recipients, "sender_id", "AMPENET", "message", "Habari"));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("{\"status\":\"success\",\"message\":\"" + CAMPAIGN_STORED + "\",\"data\":null}");
        List<OutboxMessage> outbox = sim.simulator().outbox("T");
        assertThat(outbox).hasSize(120).allSatisfy(m -> assertThat(m.status()).isEqualTo("Delivered"));
        assertThat(sim.simulator().balance()).isEqualByComparingTo("9880");
        assertThat(api().get("/sms").data().path("total").asInt()).isEqualTo(120);
    }

    @Test
    void scheduledSingleSendAlsoGoesThroughACampaign() {
        Reply r = api().post("/sms/send", body("recipient", "255712345678", "message", "Later",
                "schedule_time", "2030-01-01 10:00"));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.message()).isEqualTo(CAMPAIGN_STORED);
        assertThat(r.json().has("data")).isTrue();
        assertThat(r.data().isNull()).isTrue();
        assertThat(sim.simulator().outbox("T")).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo("Scheduled");
            assertThat(m.scheduledFor()).isEqualTo("2030-01-01T07:00:00Z");
        });
        assertThat(api().get("/sms").data().path("total").asInt()).isZero();
    }

    // ---- errors, routes, throttle -------------------------------------------------------------------------

    @Test
    void apiResponserErrorsCarryDataNullOtherErrorsDoNot() {
        RawApi api = api();

        Reply invalidNumber = api.post("/sms/send", body("recipient", "123", "message", "Habari"));
        assertThat(invalidNumber.status).isEqualTo(403);
        assertThat(invalidNumber.body).isEqualTo("{\"status\":\"error\",\"message\":\"123 is a invalid phone number\",\"data\":null}");

        Reply badType = api.post("/sms/send", body("recipient", "255712345678", "message", "Habari", "type", "viber"));
        assertThat(badType.status).isEqualTo(404);
        assertThat(badType.body).isEqualTo("{\"status\":\"error\",\"message\":"
                + "\"Please insert valid sms type called plain, unicode, voice, mms, and whatsapp.\",\"data\":null}");

        // validation and authentication are rendered by the exception handler: status and message only
        Reply missing = api.post("/sms/send", body("message", "Habari"));
        assertThat(missing.status).isEqualTo(200);
        assertThat(missing.body).isEqualTo("{\"status\":\"error\",\"message\":\"The recipient field is required.\"}");
        Reply unauthenticated = api.withToken("nope").get("/me");
        assertThat(unauthenticated.body).isEqualTo("{\"status\":\"error\",\"message\":\"Unauthenticated.\"}");
    }

    @Test
    void thereAreNoCampaignRoutes() {
        RawApi api = api();

        // POST finds no POST route for the path, but GET sms/{uid} matches it: Laravel reports the wrong method
        Reply create = api.post("/sms/campaign", body("contact_list_id", "x", "message", "m"));
        assertThat(create.status).isEqualTo(200);
        assertThat(create.body).isEqualTo("{\"status\":\"error\",\"message\":\"The POST method is not supported for route "
                + "api\\/v3\\/sms\\/campaign. Supported methods: GET, HEAD.\"}");
        Reply html = api.withoutJsonAccept().post("/sms/campaign", body());
        assertThat(html.status).as("wrong method without a JSON Accept: the 404 page").isEqualTo(404);
        assertThat(html.isHtml()).isTrue();

        // GET binds "campaign" as a message uid
        assertThat(api.get("/sms/campaign").message()).isEqualTo("No query results for model [App\\Models\\Reports] campaign");

        Reply view = api.get("/campaign/65fa8465d3b58/view");
        assertThat(view.status).isEqualTo(200);
        assertThat(view.message()).isEqualTo("The route api/v3/campaign/65fa8465d3b58/view could not be found.");
        assertThat(sim.simulator().routes()).noneMatch(r -> r.contains("campaign"));
    }

    @Test
    void thereIsNoThrottleAtAll() {
        sim.simulator().setRateLimit(2);
        RawApi api = api();

        for (int i = 0; i < 5; i++) {
            Reply r = api.get("/balance");
            assertThat(r.outcome()).as("call " + (i + 1) + ": " + r).isEqualTo("success");
            assertThat(r.header("X-RateLimit-Limit")).isNull();
            assertThat(r.header("X-RateLimit-Remaining")).isNull();
        }
    }

    /** Send, view and list read the same status column, so all three show the gateway's raw answer. */
    @Test
    void sendViewAndListAgreeOnTheRawGatewayStatus() {
        RawApi api = api();
        Reply sent = api.post("/sms/send", body("recipient", "255712345678", "message", "Habari"));
        String uid = sent.data().path("uid").asText();

        assertThat(sent.data().path("status").asText()).isEqualTo("Delivered|200");
        assertThat(api.get("/sms/" + uid).data().path("status").asText()).isEqualTo("Delivered|200");
        assertThat(api.get("/sms").data().path("data").get(0).path("status").asText()).isEqualTo("Delivered|200");
        assertThat(sim.simulator().outbox()).singleElement()
                .satisfies(m -> assertThat(m.status()).as("the outbox shows the customer status").isEqualTo("Delivered"));

        sim.simulator().deliveryReport(uid, "Undelivered");

        assertThat(api.get("/sms/" + uid).data().path("status").asText()).isEqualTo("Undelivered");
        assertThat(api.get("/sms").data().path("data").get(0).path("status").asText()).isEqualTo("Undelivered");
    }

    @Test
    void messagesAreScopedToTheToken() {
        sim.simulator().addAccount("T2", new BigDecimal("100"));
        RawApi mine = api();
        RawApi theirs = api().withToken("T2");
        String myUid = mine.post("/sms/send", body("recipient", "255712345678", "message", "mine")).data().path("uid").asText();
        String theirUid = theirs.post("/sms/send", body("recipient", "255712345679", "message", "theirs")).data().path("uid").asText();

        Reply myList = mine.get("/sms");
        assertThat(myList.message()).isNull();
        JsonNode rows = myList.data().path("data");
        assertThat(rows).hasSize(1);
        assertThat(Json.keys(rows.get(0))).containsExactly("uid", "to", "from", "message", "status", "cost");
        assertThat(rows.get(0).path("uid").asText()).isEqualTo(myUid);
        assertThat(rows.get(0).path("status").asText()).isEqualTo("Delivered|200");
        assertThat(Json.linkLabels(myList.data())).containsExactly("pagination.previous", "1", "pagination.next");

        JsonNode theirRows = theirs.get("/sms").data().path("data");
        assertThat(theirRows).hasSize(1);
        assertThat(theirRows.get(0).path("uid").asText()).isEqualTo(theirUid);

        Reply view = mine.get("/sms/" + myUid);
        assertThat(Json.keys(view.data())).containsExactly("uid", "to", "from", "message", "status", "cost");
        Reply hidden = theirs.get("/sms/" + myUid);
        assertThat(hidden.status).isEqualTo(404);
        assertThat(hidden.body).isEqualTo("{\"status\":\"error\",\"message\":\"SMS Info not found\",\"data\":null}");
    }
}
