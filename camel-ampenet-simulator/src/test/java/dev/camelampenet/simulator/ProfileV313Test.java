package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.Json;
import dev.camelampenet.simulator.support.MutableClock;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v3.13 profile (Laravel 12) over raw HTTP: the extra {@code id}, {@code sms_count} and {@code media_url} on
 * send, the scoped and filtered {@code GET /sms} with its three 422 errors, and the richer campaign shapes
 * (docs/ampenet-api.md §6.5 to §6.8).
 */
class ProfileV313Test {

    static final Instant NOW = Instant.parse("2024-03-20T10:00:00Z");
    static final MutableClock CLOCK = new MutableClock(NOW);

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.profile(Profile.V3_13).token("T").clock(CLOCK));

    @BeforeEach
    void backToNow() {
        CLOCK.set(NOW);
    }

    private RawApi api() {
        return new RawApi(sim.baseUrl(), "T");
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String send(RawApi api, String recipient, String message) {
        Reply r = api.post("/sms/send", body("recipient", recipient, "message", message));
        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        return r.data().path("uid").asText();
    }

    private static List<String> uids(Reply list) {
        List<String> uids = new ArrayList<>();
        list.data().path("data").forEach(row -> uids.add(row.path("uid").asText()));
        return uids;
    }

    private String groupWithContact(RawApi api, String name, String phone) {
        Reply group = api.post("/contacts", body("name", name));
        String uid = group.data().path("uid").asText();
        Reply contact = api.post("/contacts/" + uid + "/store", body("PHONE", phone));
        assertThat(contact.outcome()).as(contact.toString()).isEqualTo("success");
        return uid;
    }

    // ---- send ---------------------------------------------------------------------------------------------

    @Test
    void singleSendHasIdNumericCostSmsCountAndMediaUrl() {
        Reply r = api().post("/sms/send", body("recipient", "255712345678", "sender_id", "AMPENET", "message", "Habari"));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.message()).isEqualTo("Your message was successfully delivered");
        JsonNode d = r.data();
        assertThat(Json.keys(d)).containsExactly("id", "uid", "to", "from", "message", "status", "cost", "sms_count", "media_url");
        assertThat(d.path("id").isIntegralNumber()).isTrue();
        assertThat(d.path("uid").asText()).matches("[0-9a-f]{13}");
        assertThat(d.path("status").asText()).isEqualTo("Delivered");
        assertThat(d.path("cost").isNumber()).as("built from the in-memory model: a JSON number").isTrue();
        assertThat(d.path("cost").decimalValue()).isEqualByComparingTo("1");
        assertThat(d.path("sms_count").asInt()).isEqualTo(1);
        assertThat(d.has("media_url")).isTrue();
        assertThat(d.path("media_url").isNull()).isTrue();
    }

    @Test
    void bulkRowsHaveAnId() {
        Reply r = api().post("/sms/send", body("recipient", "255712345678,255712345679", "message", "Habari"));

        assertThat(r.message()).isEqualTo("Message is scheduled successfully.");
        JsonNode rows = r.data();
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(2);
        for (JsonNode row : rows) {
            assertThat(Json.keys(row)).containsExactly("id", "uid", "to", "from", "message", "customer_status", "cost", "sms_count");
            assertThat(row.path("id").isIntegralNumber()).isTrue();
        }
        assertThat(rows.get(0).path("id").asLong()).isNotEqualTo(rows.get(1).path("id").asLong());
    }

    // ---- list ---------------------------------------------------------------------------------------------

    @Test
    void listHasItsMessageAndTheWideRows() {
        RawApi api = api();
        String uid = send(api, "255712345678", "Habari");

        Reply r = api.get("/sms");

        assertThat(r.status).isEqualTo(200);
        assertThat(r.message()).isEqualTo("SMS data fetched successfully");
        JsonNode rows = r.data().path("data");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(Json.keys(row)).containsExactly("id", "uid", "to", "from", "message", "sms_type", "direction", "status",
                "sms_count", "cost", "sent_at");
        assertThat(row.path("id").isIntegralNumber()).isTrue();
        assertThat(row.path("uid").asText()).isEqualTo(uid);
        assertThat(row.path("sms_type").asText()).isEqualTo("plain");
        assertThat(row.path("direction").asText()).isEqualTo("outgoing");
        assertThat(row.path("status").asText()).isEqualTo("Delivered");
        assertThat(row.path("sms_count").asInt()).isEqualTo(1);
        // docs/ampenet-api.md §6.6 does not say how sent_at is written; the simulator uses Y-m-d H:i:s in the user's
        // timezone
        assertThat(row.path("sent_at").asText()).isEqualTo("2024-03-20 13:00:00");
        assertThat(Json.linkLabels(r.data())).containsExactly("&laquo; Previous", "1", "Next &raquo;");
    }

    @Test
    void listFiltersBySmsTypeAndDirection() {
        RawApi api = api();
        String plain = send(api, "255712345678", "Habari");
        String unicode = send(api, "255712345678", "Привет"); // needs UCS-2, so it goes out as unicode
        String incoming = sim.simulator().receive("T", "255712345679", "Jibu").uid();

        assertThat(uids(api.get("/sms"))).containsExactly(incoming, unicode, plain);
        assertThat(uids(api.get("/sms?sms_type=unicode"))).containsExactly(unicode);
        assertThat(uids(api.get("/sms?sms_type=plain"))).containsExactly(incoming, plain);
        assertThat(uids(api.get("/sms?direction=incoming"))).containsExactly(incoming);
        assertThat(uids(api.get("/sms?direction=outgoing&sms_type=plain"))).containsExactly(plain);
    }

    @Test
    void listDefaultsToTheLastThirtyDays() {
        RawApi api = api();
        CLOCK.set(NOW.minus(Duration.ofDays(31)));
        String old = send(api, "255712345678", "old");
        CLOCK.set(NOW.minus(Duration.ofDays(29)));
        String recent = send(api, "255712345678", "recent");
        CLOCK.set(NOW);

        assertThat(uids(api.get("/sms"))).containsExactly(recent);
        assertThat(uids(api.get("/sms?start_date=" + q("2024-01-01 00:00:00")))).containsExactly(recent, old);
    }

    @Test
    void listFiltersByDatesReadInTheGivenTimezone() {
        RawApi api = api();
        CLOCK.set(Instant.parse("2024-03-20T08:00:00Z"));
        String early = send(api, "255712345678", "early");
        CLOCK.set(Instant.parse("2024-03-20T09:00:00Z"));
        String late = send(api, "255712345678", "late");
        CLOCK.set(NOW);

        // 11:30 in the user's timezone (UTC+3) is 08:30Z
        assertThat(uids(api.get("/sms?start_date=" + q("2024-03-20 11:30:00")))).containsExactly(late);
        assertThat(uids(api.get("/sms?start_date=" + q("2024-03-20 11:00:00") + "&end_date=" + q("2024-03-20 11:30:00"))))
                .containsExactly(early);
        // the same wall-clock start read as UTC lies after both messages
        assertThat(uids(api.get("/sms?timezone=UTC&start_date=" + q("2024-03-20 11:30:00")))).isEmpty();
        assertThat(uids(api.get("/sms?timezone=UTC&start_date=" + q("2024-03-20 08:30:00")))).containsExactly(late);
    }

    @Test
    void listRejectsBadTimezoneDateAndRangeWith422() {
        RawApi api = api();

        Reply tz = api.get("/sms?timezone=" + q("Mars/Olympus_Mons"));
        assertThat(tz.status).isEqualTo(422);
        assertThat(tz.body).isEqualTo("{\"status\":\"error\",\"message\":\"Invalid timezone provided.\"}");

        Reply format = api.get("/sms?start_date=2024-03-20");
        assertThat(format.status).isEqualTo(422);
        assertThat(format.body).isEqualTo("{\"status\":\"error\",\"message\":\"Invalid datetime format. Use Y-m-d H:i:s\"}");

        Reply endFormat = api.get("/sms?end_date=" + q("20/03/2024 10:00"));
        assertThat(endFormat.status).isEqualTo(422);
        assertThat(endFormat.message()).isEqualTo("Invalid datetime format. Use Y-m-d H:i:s");

        Reply range = api.get("/sms?start_date=" + q("2024-03-20 12:00:00") + "&end_date=" + q("2024-03-19 12:00:00"));
        assertThat(range.status).isEqualTo(422);
        assertThat(range.body).isEqualTo("{\"status\":\"error\",\"message\":\"Start datetime must be before end datetime.\"}");
    }

    @Test
    void listAndViewAreScopedToTheUser() {
        sim.simulator().addAccount("T2", new BigDecimal("100"));
        RawApi mine = api();
        RawApi theirs = api().withToken("T2");
        String myUid = send(mine, "255712345678", "mine");
        String theirUid = send(theirs, "255712345679", "theirs");

        assertThat(uids(mine.get("/sms"))).containsExactly(myUid);
        assertThat(uids(theirs.get("/sms"))).containsExactly(theirUid);

        Reply view = mine.get("/sms/" + myUid);
        assertThat(view.outcome()).isEqualTo("success");
        assertThat(Json.keys(view.data())).containsExactly("uid", "to", "from", "message", "sms_type", "direction", "status",
                "sms_count", "cost");

        Reply hidden = theirs.get("/sms/" + myUid);
        assertThat(hidden.status).isEqualTo(404);
        assertThat(hidden.body).isEqualTo("{\"status\":\"error\",\"message\":\"SMS Info not found\"}");
    }

    // ---- campaigns ----------------------------------------------------------------------------------------

    @Test
    void campaignCreateAnswersWithTheNewCampaign() {
        RawApi api = api();
        String first = groupWithContact(api, "First", "255712345678");
        String second = groupWithContact(api, "Second", "255712345679");

        Reply one = api.post("/sms/campaign", body("contact_list_id", first, "message", "one"));
        Reply two = api.post("/sms/campaign", body("contact_list_id", second, "message", "two"));

        assertThat(one.status).isEqualTo(200);
        assertThat(one.message()).isEqualTo("Your campaign successfully store and is being produced in the background. "
                + "Track the process in the Reports -> Campaigns Menu");
        JsonNode d = two.data();
        assertThat(Json.keys(d)).containsExactly("id", "uid", "campaign_name", "status", "message", "created_at", "sms_type");
        assertThat(d.path("id").isIntegralNumber()).isTrue();
        assertThat(d.path("uid").asText()).matches("[0-9a-f]{13}").isNotEqualTo(one.data().path("uid").asText());
        assertThat(d.path("id").asLong()).isNotEqualTo(one.data().path("id").asLong());
        assertThat(d.path("campaign_name").asText()).isEqualTo("API_" + NOW.getEpochSecond());
        assertThat(d.path("status").asText()).isEqualTo("queued");
        assertThat(d.path("message").asText()).isEqualTo("two");
        assertThat(d.path("sms_type").asText()).isEqualTo("plain");
        // the answer names the campaign that really sent "two"
        assertThat(sim.simulator().outbox("T")).filteredOn(m -> m.text().equals("two"))
                .singleElement().satisfies(m -> assertThat(m.campaignUid()).isEqualTo(d.path("uid").asText()));
    }

    @Test
    void campaignViewHasAnIntegerIdAndTheUid() {
        RawApi api = api();
        String group = groupWithContact(api, "First", "255712345678");
        String uid = api.post("/sms/campaign", body("contact_list_id", group, "message", "one")).data().path("uid").asText();

        Reply r = api.get("/campaign/" + uid + "/view");

        assertThat(r.message()).isEqualTo("Campaign successfully retrieved");
        assertThat(r.data().path("id").isIntegralNumber()).isTrue();
        assertThat(r.data().path("uid").asText()).isEqualTo(uid);
        assertThat(Json.keys(r.data())).startsWith("id", "uid", "name", "message", "status", "type", "created_at");
        assertThat(r.data().path("stats").path("delivered_count").asInt()).isEqualTo(1);
    }

    @Test
    void wrongMethodListsTheSupportedVerbsInLaravelsOrder() {
        // PUT sms/campaign matches POST sms/campaign and GET sms/{uid}; Laravel lists them in Router::$verbs order
        Reply r = api().put("/sms/campaign", body());

        assertThat(r.status).isEqualTo(200);
        assertThat(r.message()).isEqualTo("The PUT method is not supported for route api/v3/sms/campaign. "
                + "Supported methods: GET, HEAD, POST.");
    }
}
