package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request examples of Ampenet's own API page (the seed doc {@code 002_adb26fbb5907f358.txt}), rewritten the way
 * docs/ampenet-api.md §2 says a working client sends them: Bearer token, {@code Accept: application/json}, JSON bodies,
 * upper-case {@code PHONE} for v3.8, POST for show/search/all, no trailing slash. Then the page's literal forms ({@code
 * -d k=v} form bodies, no Accept header, trailing slashes, the wrong "View An SMS" example), which fail the way
 * docs/ampenet-api.md §2, §4 and §13 say.
 */
class SeedExamplesTest {

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token("T"));

    RawApi api;

    @BeforeEach
    void client() {
        api = new RawApi(sim.baseUrl(), "T");
    }

    // ---- Contacts API -------------------------------------------------------------------------------------

    @Test
    void create_a_contact() {
        String gid = group("ampenet");

        // seed: curl -X POST …/contacts/6065ecdc9184a/store -d "phone=31612345678"
        Reply r = api.post("/contacts/" + gid + "/store", body("PHONE", "31612345678"));

        EndpointsV38Test.assertSuccess(r, "Contact was successfully added");
        assertThat(r.data().get("phone").asLong()).isEqualTo(31612345678L);
    }

    @Test
    void view_a_contact() {
        String gid = group("ampenet");
        String cid = contact(gid, "31612345678");

        // seed: curl -X POST …/contacts/6065ecdc9184a/search/606732aec8705
        Reply r = api.post("/contacts/" + gid + "/search/" + cid, null);

        EndpointsV38Test.assertSuccess(r, "Contact was successfully retrieved");
        assertThat(r.data().get("uid").asText()).isEqualTo(cid);
    }

    @Test
    void update_a_contact() {
        String gid = group("ampenet");
        String cid = contact(gid, "31612345678");

        // seed: curl -X PATCH …/contacts/6065ecdc9184a/update/606732aec8705 -d "phone=31612345678"
        // the same phone as before: the unique-in-group rule ignores the contact itself
        Reply r = api.patch("/contacts/" + gid + "/update/" + cid, body("PHONE", "31612345678", "FIRST_NAME", "Ampenet"));

        EndpointsV38Test.assertSuccess(r, "Contact was successfully updated");
        assertThat(r.data().get("phone").asLong()).isEqualTo(31612345678L);
        assertThat(r.data().get("custom_fields").get("FIRST_NAME").asText()).isEqualTo("Ampenet");
    }

    @Test
    void delete_a_contact() {
        String gid = group("ampenet");
        String cid = contact(gid, "31612345678");

        // seed: curl -X DELETE …/contacts/6065ecdc9184a/delete/606732aec8705
        Reply r = api.delete("/contacts/" + gid + "/delete/" + cid);

        EndpointsV38Test.assertSuccess(r, "Contact was successfully deleted");
        assertThat(r.data().isNull()).isTrue();
    }

    @Test
    void view_all_contacts_in_a_group() {
        String gid = group("ampenet");
        contact(gid, "31612345678");

        // seed: curl -X POST …/contacts/6065ecdc9184a/all
        Reply r = api.post("/contacts/" + gid + "/all", null);

        EndpointsV38Test.assertSuccess(r, null);
        assertThat(r.data().get("total").asInt()).isEqualTo(1);
    }

    // ---- Contact Groups API -------------------------------------------------------------------------------

    @Test
    void create_a_group() {
        // seed: curl -X POST …/contacts -d "name=ampenet"
        Reply r = api.post("/contacts", body("name", "ampenet"));

        EndpointsV38Test.assertSuccess(r, "Contact group was successfully added");
        assertThat(r.data().get("name").asText()).isEqualTo("ampenet");
    }

    @Test
    void view_a_group() {
        String gid = group("ampenet");

        // seed endpoint: …/contacts/{group_id}/show/ (trailing slash); its curl: POST …/contacts/6065ecdc9184a/show
        Reply r = api.post("/contacts/" + gid + "/show", null);

        EndpointsV38Test.assertSuccess(r, null);
        assertThat(r.data().get("uid").asText()).isEqualTo(gid);
        assertThat(r.data().get("name").asText()).isEqualTo("ampenet");
    }

    @Test
    void update_a_group() {
        String gid = group("ampenet");

        // seed: curl -X PATCH …/contacts/6065ecdc9184a -d "name=ampenet new"
        Reply r = api.patch("/contacts/" + gid, body("name", "ampenet new"));

        EndpointsV38Test.assertSuccess(r, "Contact group was successfully updated");
        assertThat(r.data().get("name").asText()).isEqualTo("ampenet new");
    }

    @Test
    void delete_a_group() {
        String gid = group("ampenet");

        // seed: curl -X DELETE …/contacts/6065ecdc9184a
        Reply r = api.delete("/contacts/" + gid);

        EndpointsV38Test.assertSuccess(r, "Contact group was successfully deleted");
        assertThat(sim.simulator().groups()).isEmpty();
    }

    @Test
    void view_all_groups() {
        group("ampenet");

        // seed endpoint: …/contacts/ (trailing slash); its curl: GET …/contacts
        Reply r = api.get("/contacts");

        EndpointsV38Test.assertSuccess(r, null);
        assertThat(r.data().get("total").asInt()).isEqualTo(1);
    }

    // ---- SMS API ------------------------------------------------------------------------------------------

    @Test
    void send_to_a_single_number() {
        // seed: -d "recipient=255712345678" -d "sender_id=YourName" -d "type=plain"
        //       -d "schedule_time=2021-12-20 07:00" -d "message=This is a test message"
        Reply r = api.post("/sms/send", body("recipient", "255712345678", "sender_id", "YourName", "type", "plain",
                "schedule_time", "2021-12-20 07:00", "message", "This is a test message"));

        // v3.8 ignores schedule_time for a single recipient: it goes out at once (docs/ampenet-api.md §6.5, Q9)
        EndpointsV38Test.assertSuccess(r, "Your message was successfully delivered");
        assertThat(r.data().get("to").asText()).isEqualTo("255712345678");
        assertThat(r.data().get("from").asText()).isEqualTo("YourName");
        assertThat(r.data().get("status").asText()).isEqualTo("Delivered");
    }

    @Test
    void send_to_multiple_numbers() {
        // seed: -d "recipient=254712345678,254712876543" … -d "schedule_time=2021-12-20 07:00"
        Reply scheduled = api.post("/sms/send", body("recipient", "254712345678,254712876543", "sender_id", "YourName",
                "type", "plain", "schedule_time", "2021-12-20 07:00", "message", "This is a test message"));

        // a scheduled bulk send returns no uids (docs/ampenet-api.md §6.5, Q9)
        EndpointsV38Test.assertSuccess(scheduled, "Message is scheduled successfully.");
        assertThat(scheduled.data().isNull()).isTrue();

        // without schedule_time the rows come back
        Reply now = api.post("/sms/send", body("recipient", "254712345678,254712876543", "sender_id", "YourName",
                "type", "plain", "message", "This is a test message"));
        EndpointsV38Test.assertSuccess(now, "Message is scheduled successfully.");
        assertThat(now.data()).hasSize(2);
    }

    @Test
    void view_an_sms() {
        String uid = api.post("/sms/send", body("recipient", "255712345678", "sender_id", "YourName",
                "message", "This is a test message")).data().get("uid").asText();

        // seed endpoint: …/sms/{uid} (its curl wrongly shows POST …/contacts/6065ecdc9184a/show)
        Reply r = api.get("/sms/" + uid);

        EndpointsV38Test.assertSuccess(r, null);
        assertThat(r.data().get("uid").asText()).isEqualTo(uid);
    }

    @Test
    void view_all_messages() {
        api.post("/sms/send", body("recipient", "255712345678", "message", "This is a test message"));

        // seed endpoint: …/sms/ (trailing slash); its curl: GET …/sms
        Reply r = api.get("/sms");

        EndpointsV38Test.assertSuccess(r, null);
        assertThat(r.data().get("total").asInt()).isEqualTo(1);
    }

    // ---- Profile API --------------------------------------------------------------------------------------

    @Test
    void view_sms_units() {
        // seed: curl -X GET …/balance
        Reply r = api.get("/balance");

        EndpointsV38Test.assertSuccess(r, null);
        assertThat(r.data().get("remaining_balance").asText()).isEqualTo("$10,000");
    }

    @Test
    void view_profile() {
        // seed: curl -X GET …/me
        Reply r = api.get("/me");

        EndpointsV38Test.assertSuccess(r, null);
        assertThat(r.data().get("api_token").asText()).isEqualTo("T");
    }

    // ---- the seed's literal forms, and how they fail ------------------------------------------------------

    /** The seed's curl sends no Accept header and {@code -d} makes a form body. */
    private RawApi literalCurl() {
        return api.withoutJsonAccept();
    }

    @Test
    void literal_create_contact_with_a_form_body_reads_no_phone() {
        String gid = group("ampenet");

        Reply r = literalCurl().send("POST", "/contacts/" + gid + "/store", "phone=31612345678",
                "application/x-www-form-urlencoded");

        // the form body decodes to nothing, and v3.8 wants PHONE anyway; validation runs after json.response,
        // so even without Accept the answer is HTTP 200 JSON
        assertError(r, 200, "The p h o n e field is required.");
        assertThat(sim.simulator().groups().get(0).size()).isZero();
    }

    @Test
    void even_as_json_the_seeds_lower_case_phone_is_rejected_by_v38() {
        String gid = group("ampenet");

        Reply r = api.post("/contacts/" + gid + "/store", body("phone", "31612345678"));

        assertError(r, 200, "The p h o n e field is required.");
    }

    @Test
    void literal_send_with_form_fields_is_missing_recipient_and_message() {
        Reply r = literalCurl().send("POST", "/sms/send",
                "recipient=255712345678&sender_id=YourName&type=plain&schedule_time=2021-12-20%2007:00&message=This%20is%20a%20test%20message",
                "application/x-www-form-urlencoded");

        assertError(r, 200, "The recipient field is required. (and 1 more error)");
        assertThat(sim.simulator().outbox()).isEmpty();
    }

    @Test
    void literal_create_group_with_a_form_body_has_no_name() {
        Reply r = literalCurl().send("POST", "/contacts", "name=ampenet", "application/x-www-form-urlencoded");

        assertError(r, 200, "The name field is required.");
        assertThat(sim.simulator().groups()).isEmpty();
    }

    @Test
    void get_on_the_post_only_show_route_is_a_wrong_method_error() {
        String gid = group("ampenet");

        Reply json = api.get("/contacts/" + gid + "/show");
        assertError(json, 200, "The GET method is not supported for route api/v3/contacts/" + gid
                + "/show. Supported methods: POST.");

        // without Accept (the seed's curl) it is an HTML 404 page
        Reply html = literalCurl().get("/contacts/" + gid + "/show");
        assertThat(html.status).isEqualTo(404);
        assertThat(html.isHtml()).isTrue();
    }

    @Test
    void the_seeds_trailing_slash_endpoints_redirect() {
        String gid = group("ampenet");

        Reply show = api.post("/contacts/" + gid + "/show/", null);
        assertThat(show.status).isEqualTo(301);
        assertThat(show.header("Location")).isEqualTo(sim.baseUrl() + "/contacts/" + gid + "/show");

        Reply groups = api.get("/contacts/");
        assertThat(groups.status).isEqualTo(301);
        assertThat(groups.header("Location")).isEqualTo(sim.baseUrl() + "/contacts");

        Reply messages = api.get("/sms/");
        assertThat(messages.status).isEqualTo(301);
        assertThat(messages.header("Location")).isEqualTo(sim.baseUrl() + "/sms");
    }

    @Test
    void the_seeds_view_an_sms_example_hits_the_group_binding() {
        // "View An SMS" shows: curl -X POST …/contacts/6065ecdc9184a/show
        Reply json = api.post("/contacts/6065ecdc9184a/show", null);
        assertError(json, 200, "No query results for model [App\\Models\\ContactGroups] 6065ecdc9184a");

        Reply html = literalCurl().post("/contacts/6065ecdc9184a/show", null);
        assertThat(html.status).isEqualTo(500);
        assertThat(html.isHtml()).isTrue();
    }

    @Test
    void the_seeds_example_token_is_unauthenticated() {
        RawApi seedToken = api.withToken("7|xs6pv2dspHJq8sWLhrpNFH5YLilMRQcVxLwSw2Sd");

        assertError(seedToken.get("/me"), 200, "Unauthenticated.");
        Reply html = seedToken.withoutJsonAccept().get("/me");
        assertThat(html.status).isEqualTo(401);
        assertThat(html.isHtml()).isTrue();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private String group(String name) {
        Reply r = api.post("/contacts", body("name", name));
        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        return r.data().get("uid").asText();
    }

    private String contact(String gid, String phone) {
        Reply r = api.post("/contacts/" + gid + "/store", body("PHONE", phone));
        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        return r.data().get("uid").asText();
    }

    private static void assertError(Reply r, int status, String message) {
        assertThat(r.status).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType).as(r.toString()).startsWith("application/json");
        JsonNode json = r.json();
        assertThat(EndpointsV38Test.keys(json)).containsExactly("status", "message");
        assertThat(r.outcome()).isEqualTo("error");
        assertThat(r.message()).isEqualTo(message);
    }
}
