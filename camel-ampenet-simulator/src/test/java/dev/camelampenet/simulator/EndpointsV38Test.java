package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of docs/ampenet-api.md §5 (all 17) over raw HTTP, profile v3.8 (the default): the success envelope
 * (docs/ampenet-api.md §3), the exact success messages (docs/ampenet-api.md §8.1), the data shapes
 * (docs/ampenet-api.md §6) and pagination (docs/ampenet-api.md §7).
 */
class EndpointsV38Test {

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token("T"));

    /** PHP uniqid(): 13 lowercase hex characters (docs/ampenet-api.md §10, Q18). */
    static final String UID = "^[0-9a-f]{13}$";
    /** Tool::customerDateTime, e.g. "20th Mar 24, 7:00 AM". */
    static final String CUSTOMER_DATE = "^\\d{1,2}(st|nd|rd|th) [A-Z][a-z]{2} \\d{2}, \\d{1,2}:\\d{2} (AM|PM)$";
    static final List<String> PAGINATOR_KEYS = List.of("current_page", "data", "first_page_url", "from", "last_page",
            "last_page_url", "links", "next_page_url", "path", "per_page", "prev_page_url", "to", "total");
    static final String CAMPAIGN_STORED = "Your campaign successfully store and is being produced in the background. "
            + "Track the process in the Reports -> Campaigns Menu";

    RawApi api;

    @BeforeEach
    void client() {
        api = new RawApi(sim.baseUrl(), "T");
    }

    // ---- 1, 2: profile and balance ------------------------------------------------------------------------

    @Test
    void me_returns_the_profile_with_a_null_message() {
        Reply r = api.get("/me");

        assertSuccess(r, null);
        assertThat(keys(r.json())).containsExactly("status", "message", "data");
        JsonNode d = r.data();
        assertThat(keys(d)).containsExactly("uid", "api_token", "first_name", "last_name", "email", "locale",
                "timezone", "last_access_at");
        assertThat(d.get("uid").asText()).matches(UID);
        assertThat(d.get("api_token").asText()).isEqualTo("T");
        assertThat(d.get("locale").asText()).isEqualTo("en");
        assertThat(d.get("timezone").asText()).isEqualTo(AmpenetSimulator.DEFAULT_TIMEZONE.getId());
        // v3.8: a datetime cast, ISO-8601 with microseconds (docs/ampenet-api.md §6.1)
        assertThat(d.get("last_access_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
    }

    @Test
    void balance_is_a_currency_formatted_string_with_expiry() {
        Reply r = api.get("/balance");

        assertSuccess(r, null);
        assertThat(keys(r.data())).containsExactly("remaining_balance", "expired_on");
        assertThat(r.data().get("remaining_balance").isTextual()).isTrue();
        assertThat(r.data().get("remaining_balance").asText()).isEqualTo("$10,000");
        assertThat(r.data().get("expired_on").asText()).matches(CUSTOMER_DATE);
    }

    @Test
    void balance_of_an_unlimited_plan_reads_unlimited() {
        sim.simulator().setBalance(new BigDecimal("-1"));

        assertThat(api.get("/balance").data().get("remaining_balance").asText()).isEqualTo("Unlimited");
    }

    @Test
    void successful_responses_carry_the_rate_limit_headers() {
        Reply r = api.get("/me");

        assertThat(r.header("X-RateLimit-Limit")).isEqualTo("1000");
        assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("999");
    }

    // ---- 3-7: contact groups ------------------------------------------------------------------------------

    @Test
    void group_create_returns_name_then_uid() {
        Reply r = api.post("/contacts", body("name", "Codeglen"));

        assertSuccess(r, "Contact group was successfully added");
        assertThat(keys(r.data())).containsExactly("name", "uid");
        assertThat(r.data().get("name").asText()).isEqualTo("Codeglen");
        assertThat(r.data().get("uid").asText()).matches(UID);
        assertThat(sim.simulator().groups()).extracting(GroupSnapshot::name).containsExactly("Codeglen");
    }

    @Test
    void group_show_is_a_post_and_returns_uid_then_name_with_a_null_message() {
        String gid = createGroup("SHAMIM");

        Reply r = api.post("/contacts/" + gid + "/show", null);

        assertSuccess(r, null);
        assertThat(keys(r.data())).containsExactly("uid", "name");
        assertThat(r.data().get("uid").asText()).isEqualTo(gid);
        assertThat(r.data().get("name").asText()).isEqualTo("SHAMIM");
    }

    @Test
    void group_update_by_patch_and_by_put_returns_name_then_uid() {
        String gid = createGroup("Codeglen");

        Reply patched = api.patch("/contacts/" + gid, body("name", "Codeglen Update"));
        assertSuccess(patched, "Contact group was successfully updated");
        assertThat(keys(patched.data())).containsExactly("name", "uid");
        assertThat(patched.data().get("name").asText()).isEqualTo("Codeglen Update");
        assertThat(patched.data().get("uid").asText()).isEqualTo(gid);

        Reply put = api.put("/contacts/" + gid, body("name", "Codeglen Put"));
        assertSuccess(put, "Contact group was successfully updated");
        assertThat(put.data().get("name").asText()).isEqualTo("Codeglen Put");

        assertThat(api.post("/contacts/" + gid + "/show", null).data().get("name").asText()).isEqualTo("Codeglen Put");
    }

    @Test
    void group_delete_returns_null_data_and_the_group_is_gone() {
        String gid = createGroup("Doomed");

        Reply r = api.delete("/contacts/" + gid);

        assertSuccess(r, "Contact group was successfully deleted");
        assertThat(r.body).contains("\"data\":null");
        assertThat(r.data().isNull()).isTrue();
        assertThat(api.post("/contacts/" + gid + "/show", null).message())
                .isEqualTo("No query results for model [App\\Models\\ContactGroups] " + gid);
    }

    @Test
    void group_list_paginates_at_25_with_laravel_keys() {
        List<String> uids = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            uids.add(createGroup(String.format("Group %02d", i)));
        }

        Reply first = api.get("/contacts");
        assertSuccess(first, null);
        JsonNode p1 = first.data();
        assertThat(keys(p1)).containsExactlyElementsOf(PAGINATOR_KEYS);
        assertThat(p1.get("data")).hasSize(25);
        assertThat(keys(p1.get("data").get(0))).containsExactly("uid", "name");
        assertThat(p1.get("current_page").asInt()).isEqualTo(1);
        assertThat(p1.get("from").asInt()).isEqualTo(1);
        assertThat(p1.get("to").asInt()).isEqualTo(25);
        assertThat(p1.get("prev_page_url").isNull()).isTrue();
        assertThat(p1.get("next_page_url").asText()).isEqualTo(sim.baseUrl() + "/contacts?page=2");

        Reply second = api.get("/contacts?page=2");
        JsonNode p2 = second.data();
        assertThat(p2.get("current_page").isInt()).isTrue();
        assertThat(p2.get("current_page").asInt()).isEqualTo(2);
        assertThat(p2.get("data")).hasSize(5);
        assertThat(p2.get("from").asInt()).isEqualTo(26);
        assertThat(p2.get("to").asInt()).isEqualTo(30);
        assertThat(p2.get("total").asInt()).isEqualTo(30);
        assertThat(p2.get("last_page").asInt()).isEqualTo(2);
        assertThat(p2.get("per_page").isInt()).isTrue();
        assertThat(p2.get("per_page").asInt()).isEqualTo(25);
        assertThat(p2.get("path").asText()).isEqualTo(sim.baseUrl() + "/contacts");
        assertThat(p2.get("first_page_url").asText()).isEqualTo(sim.baseUrl() + "/contacts?page=1");
        assertThat(p2.get("last_page_url").asText()).isEqualTo(sim.baseUrl() + "/contacts?page=2");
        assertThat(p2.get("prev_page_url").asText()).isEqualTo(sim.baseUrl() + "/contacts?page=1");
        assertThat(p2.get("next_page_url").isNull()).isTrue();
        assertLinksOfPageTwoOfTwo(p2.get("links"), sim.baseUrl() + "/contacts");

        List<String> listed = new ArrayList<>();
        p1.get("data").forEach(g -> listed.add(g.get("uid").asText()));
        p2.get("data").forEach(g -> listed.add(g.get("uid").asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(uids);
        // json_encode escapes "/" (docs/ampenet-api.md §3)
        assertThat(second.body).contains("http:\\/\\/127.0.0.1:").doesNotContain("http://");
    }

    @Test
    void group_list_shows_only_the_callers_groups() {
        sim.simulator().addAccount("OTHER", new BigDecimal("10"));
        new RawApi(sim.baseUrl(), "OTHER").post("/contacts", body("name", "Not yours"));
        createGroup("Mine");

        JsonNode page = api.get("/contacts").data();

        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.get("data").get(0).get("name").asText()).isEqualTo("Mine");
    }

    @Test
    void empty_group_list_has_null_from_and_to() {
        JsonNode page = api.get("/contacts").data();

        assertThat(page.get("data")).isEmpty();
        assertThat(page.get("from").isNull()).isTrue();
        assertThat(page.get("to").isNull()).isTrue();
        assertThat(page.get("total").asInt()).isZero();
        assertThat(page.get("last_page").asInt()).isEqualTo(1);
    }

    // ---- 8-12: contacts -----------------------------------------------------------------------------------

    @Test
    void contact_store_returns_phone_as_a_number_and_every_custom_field() {
        String gid = createGroup("Customers");

        Reply r = api.post("/contacts/" + gid + "/store", body("PHONE", "12025550775", "FIRST_NAME", "Jhon"));

        assertSuccess(r, "Contact was successfully added");
        JsonNode c = r.data();
        assertThat(keys(c)).containsExactly("uid", "phone", "status", "custom_fields");
        assertThat(c.get("uid").asText()).matches(UID);
        assertThat(c.get("phone").isIntegralNumber()).isTrue();
        assertThat(c.get("phone").asLong()).isEqualTo(12025550775L);
        assertThat(r.body).contains("\"phone\":12025550775");
        assertThat(c.get("status").asText()).isEqualTo("subscribe");
        assertThat(keys(c.get("custom_fields"))).containsExactly("FIRST_NAME", "LAST_NAME");
        assertThat(c.get("custom_fields").get("FIRST_NAME").asText()).isEqualTo("Jhon");
        // every group field but PHONE, "" when empty (docs/ampenet-api.md §6.4)
        assertThat(c.get("custom_fields").get("LAST_NAME").isTextual()).isTrue();
        assertThat(c.get("custom_fields").get("LAST_NAME").asText()).isEmpty();
        assertThat(sim.simulator().groups().get(0).hasPhone("12025550775")).isTrue();
    }

    @Test
    void contact_search_is_a_post_and_returns_the_contact() {
        String gid = createGroup("Customers");
        String cid = createContact(gid, "12025550775", "Jhon", "Doe");

        Reply r = api.post("/contacts/" + gid + "/search/" + cid, null);

        assertSuccess(r, "Contact was successfully retrieved");
        assertThat(keys(r.data())).containsExactly("uid", "phone", "status", "custom_fields");
        assertThat(r.data().get("uid").asText()).isEqualTo(cid);
        assertThat(r.data().get("phone").asLong()).isEqualTo(12025550775L);
        assertThat(r.data().get("custom_fields").get("FIRST_NAME").asText()).isEqualTo("Jhon");
        assertThat(r.data().get("custom_fields").get("LAST_NAME").asText()).isEqualTo("Doe");
    }

    @Test
    void contact_update_changes_phone_and_fields() {
        String gid = createGroup("Customers");
        String cid = createContact(gid, "12025550775", "Jhon", null);

        Reply r = api.patch("/contacts/" + gid + "/update/" + cid, body("PHONE", "12025550776", "LAST_NAME", "Doe"));

        assertSuccess(r, "Contact was successfully updated");
        assertThat(keys(r.data())).containsExactly("uid", "phone", "status", "custom_fields");
        assertThat(r.data().get("uid").asText()).isEqualTo(cid);
        assertThat(r.data().get("phone").asLong()).isEqualTo(12025550776L);
        assertThat(r.data().get("custom_fields").get("FIRST_NAME").asText()).isEqualTo("Jhon");
        assertThat(r.data().get("custom_fields").get("LAST_NAME").asText()).isEqualTo("Doe");
        assertThat(api.post("/contacts/" + gid + "/search/" + cid, null).data().get("phone").asLong())
                .isEqualTo(12025550776L);
    }

    @Test
    void contact_delete_returns_null_data_and_the_contact_is_gone() {
        String gid = createGroup("Customers");
        String cid = createContact(gid, "12025550775", null, null);

        Reply r = api.delete("/contacts/" + gid + "/delete/" + cid);

        assertSuccess(r, "Contact was successfully deleted");
        assertThat(r.data().isNull()).isTrue();
        assertThat(api.post("/contacts/" + gid + "/search/" + cid, null).message())
                .isEqualTo("No query results for model [App\\Models\\Contacts] " + cid);
        assertThat(sim.simulator().groups().get(0).size()).isZero();
    }

    @Test
    void contact_list_is_a_post_and_paginates_at_25() {
        String gid = createGroup("Customers");
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            uids.add(createContact(gid, String.valueOf(255712000100L + i), "N" + i, null));
        }

        Reply first = api.post("/contacts/" + gid + "/all", null);
        assertSuccess(first, null);
        assertThat(keys(first.data())).containsExactlyElementsOf(PAGINATOR_KEYS);
        assertThat(first.data().get("data")).hasSize(25);
        assertThat(keys(first.data().get("data").get(0))).containsExactly("uid", "phone", "status", "custom_fields");
        assertThat(first.data().get("data").get(0).get("phone").isIntegralNumber()).isTrue();

        // the page can come in the JSON body of the POST
        Reply second = api.post("/contacts/" + gid + "/all", body("page", 2));
        JsonNode p2 = second.data();
        assertThat(p2.get("current_page").asInt()).isEqualTo(2);
        assertThat(p2.get("data")).hasSize(5);
        assertThat(p2.get("from").asInt()).isEqualTo(26);
        assertThat(p2.get("to").asInt()).isEqualTo(30);
        assertThat(p2.get("total").asInt()).isEqualTo(30);
        assertThat(p2.get("last_page").asInt()).isEqualTo(2);
        String path = sim.baseUrl() + "/contacts/" + gid + "/all";
        assertThat(p2.get("path").asText()).isEqualTo(path);
        // page URLs follow the request URL, so they are POST-only URLs (docs/ampenet-api.md §7, Q32)
        assertThat(p2.get("prev_page_url").asText()).isEqualTo(path + "?page=1");
        assertLinksOfPageTwoOfTwo(p2.get("links"), path);

        List<String> listed = new ArrayList<>();
        first.data().get("data").forEach(c -> listed.add(c.get("uid").asText()));
        p2.get("data").forEach(c -> listed.add(c.get("uid").asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(uids);
    }

    // ---- 13-15: messages ----------------------------------------------------------------------------------

    @Test
    void single_send_returns_the_message_with_string_cost_and_int_sms_count() {
        Reply r = api.post("/sms/send", body("recipient", "255712345678", "sender_id", "AMPENET",
                "type", "plain", "message", "Habari"));

        assertSuccess(r, "Your message was successfully delivered");
        JsonNode d = r.data();
        assertThat(keys(d)).containsExactly("uid", "to", "from", "message", "status", "cost", "sms_count");
        assertThat(d.get("uid").asText()).matches(UID);
        assertThat(d.get("to").isTextual()).isTrue();
        assertThat(d.get("to").asText()).isEqualTo("255712345678");
        assertThat(d.get("from").asText()).isEqualTo("AMPENET");
        assertThat(d.get("message").asText()).isEqualTo("Habari");
        assertThat(d.get("status").asText()).isEqualTo("Delivered");
        assertThat(d.get("cost").isTextual()).isTrue();
        assertThat(d.get("cost").asText()).isEqualTo("1");
        assertThat(d.get("sms_count").isInt()).isTrue();
        assertThat(d.get("sms_count").asInt()).isEqualTo(1);
        assertThat(sim.simulator().outbox()).singleElement().satisfies(m -> {
            assertThat(m.uid()).isEqualTo(d.get("uid").asText());
            assertThat(m.to()).isEqualTo("255712345678");
        });
    }

    @Test
    void single_send_without_sender_id_has_a_null_from_and_strips_plus_and_spaces() {
        Reply r = api.post("/sms/send", body("recipient", "+255 712-345-678", "message", "Habari"));

        assertSuccess(r, "Your message was successfully delivered");
        assertThat(r.data().get("from").isNull()).isTrue();
        assertThat(r.data().get("to").asText()).isEqualTo("255712345678");
    }

    @Test
    void bulk_send_returns_an_array_of_rows_with_customer_status() {
        Reply r = api.post("/sms/send", body("recipient", "255712345678,255712345679", "sender_id", "AMPENET",
                "message", "Habari"));

        assertSuccess(r, "Message is scheduled successfully.");
        assertThat(r.data().isArray()).isTrue();
        assertThat(r.data()).hasSize(2);
        for (JsonNode row : r.data()) {
            assertThat(keys(row)).containsExactly("uid", "to", "from", "message", "customer_status", "cost", "sms_count");
            assertThat(row.get("customer_status").asText()).isEqualTo("Delivered");
            assertThat(row.get("cost").asText()).isEqualTo("1");
            assertThat(row.get("sms_count").asInt()).isEqualTo(1);
        }
        assertThat(r.data().get(0).get("to").asText()).isEqualTo("255712345678");
        assertThat(r.data().get(1).get("to").asText()).isEqualTo("255712345679");
    }

    @Test
    void bulk_send_with_schedule_time_returns_no_uids() {
        Reply r = api.post("/sms/send", body("recipient", "255712345678,255712345679", "message", "Later",
                "schedule_time", "2099-12-20 07:00"));

        assertSuccess(r, "Message is scheduled successfully.");
        assertThat(r.data().isNull()).isTrue();
    }

    @Test
    void single_send_with_schedule_time_goes_out_at_once_in_v38() {
        Reply r = api.post("/sms/send", body("recipient", "255712345678", "message", "Now anyway",
                "schedule_time", "2099-12-20 07:00"));

        assertSuccess(r, "Your message was successfully delivered");
        assertThat(r.data().get("status").asText()).isEqualTo("Delivered");
    }

    @Test
    void view_sms_returns_the_v38_row_with_customer_status() {
        String uid = api.post("/sms/send", body("recipient", "255712345678", "sender_id", "AMPENET",
                "message", "Habari")).data().get("uid").asText();

        Reply r = api.get("/sms/" + uid);

        assertSuccess(r, null);
        assertThat(keys(r.data())).containsExactly("uid", "to", "from", "message", "customer_status", "cost");
        assertThat(r.data().get("uid").asText()).isEqualTo(uid);
        assertThat(r.data().get("to").asText()).isEqualTo("255712345678");
        assertThat(r.data().get("customer_status").asText()).isEqualTo("Delivered");
        assertThat(r.data().get("cost").asText()).isEqualTo("1");

        sim.simulator().deliveryReport(uid, "Undelivered");
        assertThat(api.get("/sms/" + uid).data().get("customer_status").asText()).isEqualTo("Undelivered");
    }

    @Test
    void sms_list_paginates_at_25_newest_first() {
        List<String> numbers = IntStream.range(0, 30).mapToObj(i -> String.valueOf(255712000100L + i))
                .collect(Collectors.toList());
        Reply sent = api.post("/sms/send", body("recipient", String.join(",", numbers), "message", "Habari"));
        assertThat(sent.data()).hasSize(30);

        Reply first = api.get("/sms");
        assertSuccess(first, null);
        assertThat(keys(first.data())).containsExactlyElementsOf(PAGINATOR_KEYS);
        assertThat(first.data().get("data")).hasSize(25);
        assertThat(keys(first.data().get("data").get(0)))
                .containsExactly("uid", "to", "from", "message", "customer_status", "cost");
        assertThat(first.data().get("data").get(0).get("to").asText()).isEqualTo(numbers.get(29));

        JsonNode p2 = api.get("/sms?page=2").data();
        assertThat(p2.get("current_page").asInt()).isEqualTo(2);
        assertThat(p2.get("data")).hasSize(5);
        assertThat(p2.get("from").asInt()).isEqualTo(26);
        assertThat(p2.get("to").asInt()).isEqualTo(30);
        assertThat(p2.get("total").asInt()).isEqualTo(30);
        assertThat(p2.get("data").get(4).get("to").asText()).isEqualTo(numbers.get(0));
        assertLinksOfPageTwoOfTwo(p2.get("links"), sim.baseUrl() + "/sms");
    }

    @Test
    void many_pages_get_laravels_url_window_with_gaps() {
        for (int batch = 0; batch < 4; batch++) { // 400 messages: 16 pages
            long base = 255712000000L + batch * 1000L;
            String numbers = IntStream.range(0, 100).mapToObj(i -> String.valueOf(base + i)).collect(Collectors.joining(","));
            assertThat(api.post("/sms/send", body("recipient", numbers, "message", "m")).data()).hasSize(100);
        }

        // near the start: 1..10, "...", the last two
        assertThat(labels(api.get("/sms").data())).containsExactly("&laquo; Previous",
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "...", "15", "16", "Next &raquo;");
        // in the middle: 1, 2, "...", 3 on each side, "...", the last two
        JsonNode middle = api.get("/sms?page=8").data();
        assertThat(labels(middle)).containsExactly("&laquo; Previous",
                "1", "2", "...", "5", "6", "7", "8", "9", "10", "11", "...", "15", "16", "Next &raquo;");
        assertThat(middle.get("links").get(3).get("url").isNull()).isTrue();
        assertThat(middle.get("links").get(7).get("active").asBoolean()).isTrue();
        // near the end: 1, 2, "...", the last ten
        JsonNode last = api.get("/sms?page=16").data();
        assertThat(labels(last)).containsExactly("&laquo; Previous",
                "1", "2", "...", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "Next &raquo;");
        assertThat(last.get("from").asInt()).isEqualTo(376);
        assertThat(last.get("to").asInt()).isEqualTo(400);
        assertThat(last.get("next_page_url").isNull()).isTrue();
        // past the end: an empty page
        JsonNode beyond = api.get("/sms?page=17").data();
        assertThat(beyond.get("data")).isEmpty();
        assertThat(beyond.get("from").isNull()).isTrue();
        assertThat(beyond.get("current_page").asInt()).isEqualTo(17);
    }

    private static List<String> labels(JsonNode page) {
        List<String> labels = new ArrayList<>();
        page.get("links").forEach(l -> labels.add(l.get("label").asText()));
        return labels;
    }

    @Test
    void sms_list_shows_every_tenants_messages_in_v38() {
        sim.simulator().addAccount("OTHER", new BigDecimal("10"));
        new RawApi(sim.baseUrl(), "OTHER").post("/sms/send", body("recipient", "255712345670", "message", "theirs"));
        api.post("/sms/send", body("recipient", "255712345671", "message", "mine"));

        assertThat(api.get("/sms").data().get("total").asInt()).isEqualTo(2);

        sim.simulator().setBug(ServerBug.UNSCOPED_SMS_LIST, false);
        JsonNode page = api.get("/sms").data();
        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.get("data").get(0).get("message").asText()).isEqualTo("mine");
    }

    // ---- 16, 17: campaigns --------------------------------------------------------------------------------

    @Test
    void campaign_to_a_group_sends_to_subscribed_contacts_and_view_shows_stats() {
        String gid = createGroup("Customers");
        String c1 = createContact(gid, "255712345601", "A", null);
        createContact(gid, "255712345602", "B", null);
        String c3 = createContact(gid, "255712345603", "C", null);
        sim.simulator().setContactStatus(c3, "unsubscribe");

        Reply r = api.post("/sms/campaign", body("contact_list_id", gid, "message", "Campaign text",
                "sender_id", "AMPENET"));

        assertSuccess(r, CAMPAIGN_STORED);
        assertThat(keys(r.data())).containsExactly("uid", "campaign_name", "status");
        String uid = r.data().get("uid").asText();
        assertThat(uid).matches(UID);
        assertThat(r.data().get("campaign_name").asText()).matches("API_\\d{10}");
        assertThat(r.data().get("status").asText()).isEqualTo("queued");

        List<OutboxMessage> sent = sim.simulator().outbox();
        assertThat(sent).extracting(OutboxMessage::to).containsExactlyInAnyOrder("255712345601", "255712345602");
        assertThat(sent).extracting(OutboxMessage::campaignUid).containsOnly(uid);
        assertThat(sim.simulator().balance()).isEqualByComparingTo("9998");

        Reply view = api.get("/campaign/" + uid + "/view");
        assertSuccess(view, "Campaign successfully retrieved");
        JsonNode d = view.data();
        assertThat(keys(d)).containsExactly("id", "name", "message", "status", "type", "created_at", "delivery_at", "stats");
        assertThat(d.get("id").asText()).isEqualTo(uid); // v3.8: "id" holds the uid
        assertThat(d.get("name").asText()).isEqualTo(r.data().get("campaign_name").asText());
        assertThat(d.get("message").asText()).isEqualTo("Campaign text");
        assertThat(d.get("status").asText()).isEqualTo("done");
        assertThat(d.get("type").asText()).isEqualTo("plain");
        assertThat(d.get("created_at").asText()).matches(CUSTOMER_DATE);
        assertThat(d.get("delivery_at").asText()).matches(CUSTOMER_DATE);
        assertThat(keys(d.get("stats"))).containsExactly("enroute_count", "delivered_count", "expired_count",
                "undelivered_count", "rejected_count", "accepted_count", "skipped_count", "failed_count");
        assertThat(d.get("stats").get("delivered_count").asInt()).isEqualTo(2);
        assertThat(d.get("stats").get("undelivered_count").asInt()).isZero();

        // a later delivery report moves a message between the counters
        String toFirst = sent.stream().filter(m -> m.to().equals("255712345601")).findFirst().orElseThrow().uid();
        sim.simulator().deliveryReport(toFirst, "Undelivered");
        JsonNode stats = api.get("/campaign/" + uid + "/view").data().get("stats");
        assertThat(stats.get("delivered_count").asInt()).isEqualTo(1);
        assertThat(stats.get("undelivered_count").asInt()).isEqualTo(1);
        assertThat(c1).matches(UID);
    }

    @Test
    void campaign_with_schedule_time_is_scheduled_and_shows_start_at() {
        sim.simulator().setBug(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST, false);
        String gid = createGroup("Customers");
        createContact(gid, "255712345601", null, null);

        Reply r = api.post("/sms/campaign", body("contact_list_id", gid, "message", "Later",
                "schedule_time", "2099-12-20 07:00"));

        assertSuccess(r, CAMPAIGN_STORED);
        assertThat(r.data().get("status").asText()).isEqualTo("scheduled");
        JsonNode view = api.get("/campaign/" + r.data().get("uid").asText() + "/view").data();
        assertThat(view.get("status").asText()).isEqualTo("scheduled");
        assertThat(view.get("start_at").asText()).isEqualTo("20th Dec 99, 7:00 AM");
        assertThat(view.has("delivery_at")).isFalse();
    }

    @Test
    void campaign_accepts_several_comma_separated_groups() {
        sim.simulator().setBug(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST, false);
        String g1 = createGroup("One");
        String g2 = createGroup("Two");
        createContact(g1, "255712345601", null, null);
        createContact(g2, "255712345602", null, null);

        Reply r = api.post("/sms/campaign", body("contact_list_id", g1 + "," + g2, "message", "Both"));

        assertSuccess(r, CAMPAIGN_STORED);
        assertThat(api.get("/campaign/" + r.data().get("uid").asText() + "/view").data().get("stats")
                .get("delivered_count").asInt()).isEqualTo(2);
    }

    @Test
    void v38_campaign_create_answers_with_the_first_campaign_of_the_table_until_the_bug_is_switched_off() {
        assertThat(sim.simulator().bugs()).contains(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST);
        String g1 = createGroup("First");
        String g2 = createGroup("Second");
        String g3 = createGroup("Third");
        createContact(g1, "255712345601", null, null);
        createContact(g2, "255712345602", null, null);
        createContact(g3, "255712345603", null, null);

        Reply first = api.post("/sms/campaign", body("contact_list_id", g1, "message", "one"));
        String firstUid = first.data().get("uid").asText();
        Reply second = api.post("/sms/campaign", body("contact_list_id", g2, "message", "two"));

        // Bug ON: the second create answers with the first row of the campaigns table...
        assertSuccess(second, CAMPAIGN_STORED);
        assertThat(second.data().get("uid").asText()).isEqualTo(firstUid);
        assertThat(second.data().get("campaign_name").asText()).isEqualTo(first.data().get("campaign_name").asText());
        // ...although a new campaign was created and run
        String secondRealUid = sim.simulator().outbox().stream().filter(m -> m.to().equals("255712345602"))
                .findFirst().orElseThrow().campaignUid();
        assertThat(secondRealUid).matches(UID).isNotEqualTo(firstUid);
        assertThat(api.get("/campaign/" + secondRealUid + "/view").data().get("message").asText()).isEqualTo("two");

        sim.simulator().setBug(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST, false);
        Reply third = api.post("/sms/campaign", body("contact_list_id", g3, "message", "three"));

        String thirdUid = third.data().get("uid").asText();
        assertThat(thirdUid).matches(UID).isNotIn(firstUid, secondRealUid);
        assertThat(third.data().get("status").asText()).isEqualTo("queued");
        String thirdRealUid = sim.simulator().outbox().stream().filter(m -> m.to().equals("255712345603"))
                .findFirst().orElseThrow().campaignUid();
        assertThat(thirdUid).isEqualTo(thirdRealUid);
        JsonNode view = api.get("/campaign/" + thirdUid + "/view").data();
        assertThat(view.get("id").asText()).isEqualTo(thirdUid);
        assertThat(view.get("message").asText()).isEqualTo("three");
    }

    // ---- uids ---------------------------------------------------------------------------------------------

    @Test
    void every_uid_is_13_lowercase_hex_chars_and_distinct() {
        sim.simulator().setBug(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST, false);
        Set<String> uids = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String gid = createGroup("G" + i);
            all.add(gid);
            for (int j = 0; j < 3; j++) {
                all.add(createContact(gid, String.valueOf(255712000000L + i * 10 + j), null, null));
            }
            all.add(api.post("/sms/campaign", body("contact_list_id", gid, "message", "c")).data().get("uid").asText());
        }
        api.post("/sms/send", body("recipient", "255712999001,255712999002,255712999003", "message", "b"))
                .data().forEach(row -> all.add(row.get("uid").asText()));
        all.add(api.post("/sms/send", body("recipient", "255712999004", "message", "s")).data().get("uid").asText());
        all.add(api.get("/me").data().get("uid").asText());
        sim.simulator().outbox().forEach(m -> all.add(m.uid()));

        assertThat(all).allSatisfy(uid -> assertThat(uid).matches(UID));
        uids.addAll(all);
        // outbox uids repeat the sent uids; everything else must be unique
        long expectedDistinct = all.size() - 4;
        assertThat(uids).hasSize((int) expectedDistinct);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private String createGroup(String name) {
        Reply r = api.post("/contacts", body("name", name));
        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        return r.data().get("uid").asText();
    }

    private String createContact(String gid, String phone, String firstName, String lastName) {
        Reply r = api.post("/contacts/" + gid + "/store", body("PHONE", phone, "FIRST_NAME", firstName, "LAST_NAME", lastName));
        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        return r.data().get("uid").asText();
    }

    static void assertSuccess(Reply r, String message) {
        assertThat(r.status).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType).startsWith("application/json");
        assertThat(keys(r.json())).as(r.body).containsExactly("status", "message", "data");
        assertThat(r.outcome()).isEqualTo("success");
        if (message == null) {
            assertThat(r.json().get("message").isNull()).as(r.body).isTrue();
        } else {
            assertThat(r.message()).isEqualTo(message);
        }
    }

    /** Page 2 of 2: previous, 1, 2 (active), next (no url), with Laravel 10's labels. */
    static void assertLinksOfPageTwoOfTwo(JsonNode links, String path) {
        assertThat(links).hasSize(4);
        assertThat(keys(links.get(0))).containsExactly("url", "label", "active");
        assertLink(links.get(0), path + "?page=1", "&laquo; Previous", false);
        assertLink(links.get(1), path + "?page=1", "1", false);
        assertLink(links.get(2), path + "?page=2", "2", true);
        assertLink(links.get(3), null, "Next &raquo;", false);
    }

    private static void assertLink(JsonNode link, String url, String label, boolean active) {
        if (url == null) {
            assertThat(link.get("url").isNull()).isTrue();
        } else {
            assertThat(link.get("url").asText()).isEqualTo(url);
        }
        assertThat(link.get("label").asText()).isEqualTo(label);
        assertThat(link.get("active").asBoolean()).isEqualTo(active);
    }

    static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
