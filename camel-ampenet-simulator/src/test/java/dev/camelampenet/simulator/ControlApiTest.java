package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP control API under /__simulator/, driven with the JDK HttpClient as a test in another language would. */
@Timeout(30)
class ControlApiTest {

    private static final String SECRET = "Rk2vQ8pXe7LmN4sT1uYw3zA6bC5dF0gH9jK2lM8n";
    private static final String TOKEN = "9|" + SECRET;
    private static final String OTHER = "12|other-account-secret-value";
    private static final String PHONE = "255747991498";

    @RegisterExtension
    static final AmpenetSimulatorExtension SIM = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private AmpenetSimulator sim;
    private RawApi api;
    private RawApi control;

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new RawApi(sim.baseUrl(), TOKEN);
        control = new RawApi(sim.controlUrl(), null);
    }

    private Reply send(RawApi client, String to, String text) {
        return client.post("/sms/send", body("recipient", to, "message", text));
    }

    private String createGroup(String name) {
        Reply created = api.post("/contacts", body("name", name));
        assertThat(created.outcome()).as(created.toString()).isEqualTo("success");
        return created.data().path("uid").asText();
    }

    private static void assertBadRequest(Reply reply, String... fragments) {
        assertThat(reply.status).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType).startsWith("application/json");
        assertThat(reply.json().path("error").asText()).as(reply.toString()).contains(fragments);
    }

    // ---- describe and reset --------------------------------------------------------------------------------

    @Test
    void describeTellsWhatIsRunning() {
        send(api, PHONE, "hello");

        Reply reply = control.get("");

        assertThat(reply.status).isEqualTo(200);
        JsonNode d = reply.json();
        assertThat(d.path("profile").asText()).isEqualTo("v3.8");
        assertThat(d.path("baseUrl").asText()).isEqualTo(sim.baseUrl());
        assertThat(d.path("rateLimitPerMinute").asInt()).isEqualTo(1000);
        assertThat(d.path("messages").asInt()).isEqualTo(1);
        assertThat(d.path("journalSize").asInt()).isEqualTo(1);
        assertThat(d.path("accounts").get(0).path("maskedToken").asText()).isEqualTo("9|****");
        assertThat(d.path("routes").toString()).contains("POST /api/v3/sms/send");
        assertThat(d.path("bugs").toString()).contains("unscoped-sms-list");
        assertThat(reply.body).doesNotContain(SECRET);
        assertThat(control.get("/").json().path("profile").asText()).isEqualTo("v3.8"); // trailing slash too
    }

    @Test
    void theRootIsTheConsole() {
        Reply index = api.get(sim.url() + "/");

        assertThat(index.status).isEqualTo(200);
        assertThat(index.isHtml()).isTrue();
        assertThat(index.body).contains("/__simulator/console/console.js"); // ConsoleApiTest has the rest
    }

    @Test
    void resetForgetsEverythingAndBringsBackTheConfiguredAccount() {
        String group = createGroup("Friends");
        api.post("/contacts/" + group + "/store", body("PHONE", PHONE));
        send(api, PHONE, "hello");
        control.post("/accounts", body("token", OTHER, "balance", 5));
        control.post("/balance", body("balance", 1));
        control.post("/faults", body("http500Rate", 1, "path", "/nothing"));
        control.post("/bugs", body("contact-list-sql-error", true));

        Reply reset = control.post("/reset", null);

        assertThat(reset.status).isEqualTo(200);
        assertThat(sim.outbox()).isEmpty();
        assertThat(sim.journal()).isEmpty();
        assertThat(sim.groups()).isEmpty();
        assertThat(sim.faults()).isEqualTo(FaultSettings.NONE);
        assertThat(sim.bugs()).doesNotContain(ServerBug.CONTACT_LIST_SQL_ERROR);
        assertThat(sim.accounts()).singleElement().satisfies(a -> {
            assertThat(a.maskedToken()).isEqualTo("9|****");
            assertThat(new BigDecimal(a.balance())).isEqualByComparingTo("10000");
        });
        assertThat(api.get("/balance").data().path("remaining_balance").asText()).isEqualTo("$10,000");
        assertThat(api.withToken(OTHER).get("/balance").message()).isEqualTo("Unauthenticated.");
        assertThat(api.post("/contacts/" + group + "/show", null).message()).contains("No query results");
    }

    @Test
    void resetNeedsPost() {
        send(api, PHONE, "hello");

        assertBadRequest(control.get("/reset"), "POST");
        assertThat(sim.outbox()).hasSize(1);
    }

    // ---- outbox --------------------------------------------------------------------------------------------

    @Test
    void theOutboxListsMessagesNewestFirstWithTheirEncodingAndCost() {
        send(api, PHONE, "plain text");
        send(api, PHONE, "Habari, ṁambo?"); // needs UCS-2
        send(api, PHONE, "x".repeat(161)); // two GSM-7 segments

        Reply reply = control.get("/outbox");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json().path("total").asInt()).isEqualTo(3);
        JsonNode messages = reply.json().path("messages");
        assertThat(messages).hasSize(3);
        JsonNode newest = messages.get(0);
        assertThat(newest.path("text").asText()).hasSize(161);
        assertThat(newest.path("encoding").asText()).isEqualTo("GSM_7");
        assertThat(newest.path("segments").asInt()).isEqualTo(2);
        assertThat(newest.path("cost").asText()).isEqualTo("2");
        assertThat(newest.path("status").asText()).isEqualTo("Delivered");
        assertThat(newest.path("to").asText()).isEqualTo(PHONE);
        assertThat(newest.path("direction").asText()).isEqualTo("outgoing");
        JsonNode unicode = messages.get(1);
        assertThat(unicode.path("encoding").asText()).isEqualTo("UCS_2");
        assertThat(unicode.path("type").asText()).isEqualTo("unicode");
        assertThat(unicode.path("segments").asInt()).isEqualTo(1);
        assertThat(unicode.path("cost").asText()).isEqualTo("1");
        assertThat(messages.get(2).path("text").asText()).isEqualTo("plain text");
        assertThat(messages.get(2).path("uid").asText()).matches("[0-9a-f]{13}");
    }

    @Test
    void theOutboxCanBeFilteredByAccountAndPaged() {
        control.post("/accounts", body("token", OTHER, "balance", 100));
        long otherId = sim.accounts().get(1).id();
        send(api, PHONE, "mine 1");
        send(api.withToken(OTHER), PHONE, "theirs 1");
        send(api, PHONE, "mine 2");
        send(api.withToken(OTHER), PHONE, "theirs 2");

        Reply theirs = control.get("/outbox?account=" + otherId);
        Reply page = control.get("/outbox?offset=1&limit=2");

        assertThat(theirs.json().path("messages")).extracting(m -> m.path("text").asText()).containsExactly("theirs 2", "theirs 1");
        assertThat(theirs.json().path("messages")).allSatisfy(m -> assertThat(m.path("accountId").asLong()).isEqualTo(otherId));
        assertThat(theirs.json().path("total").asInt()).isEqualTo(2);
        assertThat(page.json().path("messages")).extracting(m -> m.path("text").asText()).containsExactly("mine 2", "theirs 1");
        assertThat(page.json().path("total").asInt()).isEqualTo(4);
    }

    // ---- journal -------------------------------------------------------------------------------------------

    @Test
    void theJournalRecordsMethodPathQueryHeadersAndBody() {
        api.get("/sms?page=2");
        send(api, PHONE, "journaled text");

        List<JsonNode> entries = list(control.get("/journal").json().path("entries"));

        assertThat(entries).hasSize(2);
        JsonNode list = entries.get(0);
        assertThat(list.path("method").asText()).isEqualTo("GET");
        assertThat(list.path("path").asText()).isEqualTo("/api/v3/sms");
        assertThat(list.path("query").asText()).isEqualTo("page=2");
        assertThat(list.path("status").asInt()).isEqualTo(200);
        assertThat(list.path("headers").path("Accept").asText()).isEqualTo("application/json");
        assertThat(list.path("headers").path("Authorization").asText()).isEqualTo("Bearer 9|****");
        JsonNode sent = entries.get(1);
        assertThat(sent.path("method").asText()).isEqualTo("POST");
        assertThat(sent.path("path").asText()).isEqualTo("/api/v3/sms/send");
        assertThat(sent.path("body").asText()).contains("\"recipient\":\"" + PHONE + "\"").contains("journaled text");
        assertThat(sent.path("responseBody").asText()).contains("Your message was successfully delivered");
        assertThat(sent.path("accountId").asLong()).isEqualTo(sim.accounts().get(0).id());
        assertThat(sent.path("id").asLong()).isGreaterThan(list.path("id").asLong());
    }

    @Test
    void theTokenAppearsNowhereInTheJournal() {
        Reply me = api.get("/me");
        assertThat(me.data().path("api_token").asText()).isEqualTo(TOKEN); // the real /me hands the token out
        send(api, PHONE, "my token is " + TOKEN);
        api.get("/balance?api_token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        api.withoutJsonAccept().get("/balance");

        Reply journal = control.get("/journal");

        assertThat(journal.json().path("entries")).hasSize(4);
        assertThat(journal.body).doesNotContain(TOKEN).doesNotContain(SECRET);
        assertThat(journal.body).contains("9|****");
        assertThat(sim.journal().toString()).doesNotContain(SECRET);
        JsonNode meEntry = journal.json().path("entries").get(0);
        assertThat(meEntry.path("responseBody").asText()).contains("\"api_token\":\"9|****\"");
    }

    @Test
    void theJournalCanBeReadIncrementallyAndCleared() {
        api.get("/balance");
        api.get("/me");
        api.get("/sms");
        long firstId = sim.journal().get(0).id();

        Reply after = control.get("/journal?after=" + firstId + "&limit=1");

        assertThat(list(after.json().path("entries"))).extracting(e -> e.path("path").asText()).containsExactly("/api/v3/me");
        assertThat(control.delete("/journal").status).isEqualTo(200);
        assertThat(control.get("/journal").json().path("entries")).isEmpty();
    }

    @Test
    void controlCallsAreNotJournaled() {
        control.get("");
        control.get("/outbox");

        assertThat(sim.journal()).isEmpty();
    }

    // ---- accounts and balance ------------------------------------------------------------------------------

    @Test
    void accountsCanBeAddedAndListedWithoutTheirTokens() {
        Reply added = control.post("/accounts", body("token", OTHER, "balance", 50));

        assertThat(added.status).isEqualTo(201);
        assertThat(added.json().path("maskedToken").asText()).isEqualTo("12|****");
        Reply balance = api.withToken(OTHER).get("/balance");
        assertThat(balance.data().path("remaining_balance").asText()).isEqualTo("$50");
        Reply accounts = control.get("/accounts");
        assertThat(accounts.json()).hasSize(2);
        assertThat(accounts.json().get(1).path("id").asLong()).isEqualTo(added.json().path("id").asLong());
        assertThat(accounts.body).doesNotContain(SECRET).doesNotContain("other-account-secret-value");
    }

    @Test
    void anAddedAccountWithoutABalanceGetsTheDefault() {
        control.post("/accounts", body("token", OTHER));

        assertThat(sim.balance(OTHER)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE);
    }

    @Test
    void balancesCanBeReadAndSetPerAccount() {
        control.post("/accounts", body("token", OTHER, "balance", 50));
        long otherId = sim.accounts().get(1).id();

        Reply first = control.post("/balance", body("balance", 12.5));
        Reply other = control.post("/balance", body("account", otherId, "balance", 3));
        Reply byToken = control.post("/balance", body("token", OTHER, "balance", 4));
        Reply read = control.get("/balance?account=" + otherId);

        assertThat(first.json().path("balance").asText()).isEqualTo("12.5");
        assertThat(other.json().path("balance").asText()).isEqualTo("3");
        assertThat(byToken.json().path("account").asLong()).isEqualTo(otherId);
        assertThat(read.json().path("balance").asText()).isEqualTo("4");
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo("12.5");
        assertThat(api.get("/balance").data().path("remaining_balance").asText()).isEqualTo("$12.50");
        assertThat(control.post("/balance", body("balance", -1)).json().path("balance").asText()).isEqualTo("-1");
        assertThat(api.get("/balance").data().path("remaining_balance").asText()).isEqualTo("Unlimited");
    }

    // ---- bugs ----------------------------------------------------------------------------------------------

    @Test
    void bugsCanBeReadAndSwitched() {
        Reply before = control.get("/bugs");
        assertThat(before.json().path("unscoped-sms-list").asBoolean()).isTrue();
        assertThat(before.json().path("contact-list-sql-error").asBoolean()).isFalse();
        String group = createGroup("Friends");
        api.post("/contacts/" + group + "/store", body("PHONE", PHONE));
        assertThat(api.post("/contacts/" + group + "/all", null).outcome()).isEqualTo("success");

        Reply after = control.post("/bugs", body("contact-list-sql-error", true, "unscoped-sms-list", false));

        assertThat(after.json().path("contact-list-sql-error").asBoolean()).isTrue();
        assertThat(after.json().path("unscoped-sms-list").asBoolean()).isFalse();
        assertThat(sim.bugs()).contains(ServerBug.CONTACT_LIST_SQL_ERROR).doesNotContain(ServerBug.UNSCOPED_SMS_LIST);
        assertThat(api.post("/contacts/" + group + "/all", null).message()).startsWith("SQLSTATE[42S22]");
    }

    @Test
    void anUnknownBugIsRefused() {
        assertBadRequest(control.post("/bugs", body("no-such-bug", true)), "'no-such-bug'", "unscoped-sms-list");
    }

    // ---- messages and inbound ------------------------------------------------------------------------------

    @Test
    void aDeliveryReportChangesTheCustomerStatusTheApiShows() {
        String uid = send(api, PHONE, "hello").data().path("uid").asText();

        Reply dlr = control.post("/messages/" + uid + "/status", body("status", "Undelivered"));

        assertThat(dlr.status).isEqualTo(200);
        assertThat(api.get("/sms/" + uid).data().path("customer_status").asText()).isEqualTo("Undelivered");
        assertThat(sim.outbox().get(0).status()).isEqualTo("Undelivered");
        assertBadRequest(control.post("/messages/ffffffffffff0/status", body("status", "Delivered")), "ffffffffffff0");
        assertBadRequest(control.post("/messages/" + uid + "/status", body()), "status");
    }

    @Test
    void anInboundMessageArrives() {
        Reply inbound = control.post("/inbound", body("from", "255712345678", "message", "STOP"));

        assertThat(inbound.status).isEqualTo(201);
        assertThat(inbound.json().path("direction").asText()).isEqualTo("incoming");
        assertThat(inbound.json().path("from").asText()).isEqualTo("255712345678");
        assertThat(sim.outbox()).singleElement().satisfies(m -> {
            assertThat(m.direction()).isEqualTo("incoming");
            assertThat(m.text()).isEqualTo("STOP");
            assertThat(m.cost()).isEqualTo("0");
        });
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE);
        assertBadRequest(control.post("/inbound", body("message", "no sender")), "from");
    }

    // ---- groups and contacts -------------------------------------------------------------------------------

    @Test
    void groupsAreListedWithTheirContacts() {
        String group = createGroup("Friends");
        api.post("/contacts/" + group + "/store", body("PHONE", PHONE, "FIRST_NAME", "Asha"));

        JsonNode groups = control.get("/groups").json();

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).path("uid").asText()).isEqualTo(group);
        assertThat(groups.get(0).path("name").asText()).isEqualTo("Friends");
        assertThat(groups.get(0).path("size").asInt()).isEqualTo(1);
        assertThat(groups.get(0).path("contacts").get(0).path("phone").asText()).isEqualTo(PHONE);
        assertThat(groups.get(0).path("contacts").get(0).path("fields").path("FIRST_NAME").asText()).isEqualTo("Asha");
    }

    @Test
    void aDefinedFieldIsStoredByTheApi() {
        String group = createGroup("Customers");

        Reply defined = control.post("/groups/" + group + "/fields", body("tag", "EMAIL"));
        Reply stored = api.post("/contacts/" + group + "/store", body("PHONE", PHONE, "EMAIL", "asha@example.com"));

        assertThat(defined.status).isEqualTo(200);
        assertThat(stored.outcome()).as(stored.toString()).isEqualTo("success");
        assertThat(stored.data().path("custom_fields").path("EMAIL").asText()).isEqualTo("asha@example.com");
        assertThat(sim.group(TOKEN, "Customers").contacts().get(0).fields()).containsEntry("EMAIL", "asha@example.com");
    }

    @Test
    void aRequiredFieldIsEnforcedByTheApi() {
        String group = createGroup("Customers");

        control.post("/groups/" + group + "/fields", body("tag", "COMPANY", "required", true));
        Reply missing = api.post("/contacts/" + group + "/store", body("PHONE", PHONE));
        Reply given = api.post("/contacts/" + group + "/store", body("PHONE", PHONE, "COMPANY", "Ampenet"));

        assertThat(missing.status).isEqualTo(422);
        assertThat(missing.message()).isEqualTo("The c o m p a n y field is required.");
        assertThat(given.outcome()).isEqualTo("success");
    }

    @Test
    void aContactCanBeUnsubscribed() {
        String group = createGroup("Friends");
        String contact = api.post("/contacts/" + group + "/store", body("PHONE", PHONE)).data().path("uid").asText();

        Reply changed = control.post("/contacts/" + contact + "/status", body("status", "unsubscribe"));

        assertThat(changed.status).isEqualTo(200);
        assertThat(api.post("/contacts/" + group + "/search/" + contact, null).data().path("status").asText()).isEqualTo("unsubscribe");
        assertBadRequest(control.post("/contacts/" + contact + "/status", body("status", "gone")), "subscribe or unsubscribe");
        assertBadRequest(control.post("/contacts/ffffffffffff1/status", body("status", "subscribe")), "ffffffffffff1");
    }

    // ---- account policies ----------------------------------------------------------------------------------

    @Test
    void blacklistedNumbersAreRefused() {
        Reply listed = control.post("/blacklist", body("numbers", List.of(PHONE)));
        control.post("/blacklist", body("numbers", "255712345678, 255712345679"));

        assertThat(listed.json().path("numbers").toString()).contains(PHONE);
        assertThat(control.get("/blacklist").json().path("numbers")).hasSize(3);
        Reply refused = send(api, PHONE, "hello");
        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.message()).isEqualTo("Number contains in the blacklist");
        assertThat(send(api, "255712345679", "hello").status).isEqualTo(403);
        assertThat(sim.outbox()).isEmpty();
    }

    @Test
    void coverageSetsPricesAndRefusesOtherCountries() {
        Reply set = control.post("/coverage", body("prices", Map.of("255", 2)));

        assertThat(set.status).isEqualTo(200);
        Reply sent = send(api, PHONE, "hello");
        assertThat(sent.data().path("cost").asText()).isEqualTo("2");
        Reply refused = send(api, "447911123456", "hello");
        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.message()).startsWith("Permission to send an SMS has not been enabled for the region");

        control.post("/coverage", body("prices", Map.of("255", 2), "elsewhere", 3));
        assertThat(send(api, "447911123456", "hello").data().path("cost").asText()).isEqualTo("3");
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE.subtract(BigDecimal.valueOf(5)));
    }

    @Test
    void apiAccessCanBeTakenAndGivenBack() {
        Reply off = control.post("/api-access", body("allowed", false));

        assertThat(off.status).isEqualTo(200);
        Reply refused = api.get("/balance");
        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.message()).isEqualTo("You do not have permission to access API");

        control.post("/api-access", body("allowed", true));
        assertThat(api.get("/balance").outcome()).isEqualTo("success");
        control.post("/api-access", body("allowed", "false"));
        assertThat(api.get("/balance").status).isEqualTo(403);
        control.post("/api-access", body("allowed", "true"));
        assertThat(api.get("/balance").outcome()).isEqualTo("success");
        assertBadRequest(control.post("/api-access", body()), "allowed");
    }

    @Test
    void abilitiesCanBeRevoked() {
        String uid = send(api, PHONE, "hello").data().path("uid").asText();

        Reply revoked = control.post("/abilities", body("revoked", List.of("view_reports")));

        assertThat(revoked.json().path("revoked").toString()).contains("view_reports");
        Reply refused = api.get("/sms/" + uid);
        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.message()).isEqualTo("Sorry, but you do not have permissions to access this page.");
        assertThat(control.get("/abilities").json().path("revoked")).hasSize(1);

        control.post("/abilities", body("revoked", List.of()));
        assertThat(api.get("/sms/" + uid).outcome()).isEqualTo("success");
    }

    @Test
    void senderIdVerificationAllowsOnlyApprovedSenders() {
        Reply set = control.post("/sender-ids", body("verification", true, "approved", List.of("INFO")));

        assertThat(set.status).isEqualTo(200);
        Reply refused = api.post("/sms/send", body("recipient", PHONE, "message", "hi", "sender_id", "PROMO"));
        assertThat(refused.status).isEqualTo(404);
        assertThat(refused.message()).isEqualTo("Originator PROMO is not authorized to send this message");
        Reply approved = api.post("/sms/send", body("recipient", PHONE, "message", "hi", "sender_id", "INFO"));
        assertThat(approved.outcome()).isEqualTo("success");

        control.post("/sender-ids", body("verification", false));
        assertThat(api.post("/sms/send", body("recipient", PHONE, "message", "hi", "sender_id", "PROMO")).outcome()).isEqualTo("success");
    }

    // ---- errors --------------------------------------------------------------------------------------------

    @Test
    void badInputIsA400WithAClearError() {
        assertBadRequest(control.post("/accounts", body("balance", 5)), "Missing 'token'");
        assertBadRequest(control.post("/balance", body("balance", "plenty")), "balance", "plenty");
        assertBadRequest(control.post("/balance", body()), "Missing 'balance'");
        assertBadRequest(control.post("/balance", body("account", 999, "balance", 1)), "999");
        assertBadRequest(control.post("/balance", body("token", "nobody", "balance", 1)), "token");
        assertBadRequest(control.get("/outbox?account=me"), "account", "me");
        assertBadRequest(control.post("/throttle", body("requests", "many")), "requests", "many");
        assertBadRequest(control.post("/faults", body("latencyMillis", -5)), "latencyMillis");
        assertBadRequest(control.post("/groups/ffffffffffff2/fields", body("tag", "EMAIL")), "ffffffffffff2");
        assertBadRequest(control.send("POST", "/faults", "{\"http500Rate\": 1", "application/json"), "JSON");
        assertBadRequest(control.send("POST", "/faults", "[1, 2]", "application/json"), "JSON");
        assertBadRequest(control.post("/inbound", body("from", "255712345678")), "Missing 'message'");
        assertThat(sim.faults()).isEqualTo(FaultSettings.NONE);
    }

    @Test
    void anUnknownControlPathIs404() {
        Reply unknown = control.get("/nothing-here");
        Reply wrongShape = control.post("/messages/abc", body("status", "Delivered"));

        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("/__simulator/nothing-here").contains("GET /__simulator");
        assertThat(wrongShape.status).isEqualTo(404);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
