package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console's server side: its files, and the control calls its page makes (summary, paged outbox and
 * journal, one entry, one message, a group's contacts). The page itself is tested in a browser by
 * {@link ConsoleBrowserTest}; this test needs none.
 */
@Timeout(30)
class ConsoleApiTest {

    private static final String SECRET = "Hq3Vn8Zr2Lp6Xw9Ty4Kb7Md1Fs5Gc0Je";
    private static final String TOKEN = "4|" + SECRET;
    private static final String OTHER_SECRET = "second-account-secret-value";
    private static final String PHONE = "255747991498";

    @RegisterExtension
    static final AmpenetSimulatorExtension SIM = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private AmpenetSimulator sim;
    private RawApi api;
    private RawApi control;
    private RawApi site;

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new RawApi(sim.baseUrl(), TOKEN);
        control = new RawApi(sim.controlUrl(), null);
        site = new RawApi(sim.url(), null);
    }

    private Reply send(String to, String text) {
        return api.post("/sms/send", body("recipient", to, "message", text));
    }

    // ---- the page and its files ------------------------------------------------------------------------------

    @Test
    void theRootIsTheConsolePage() {
        Reply page = site.get("/");

        assertThat(page.status).isEqualTo(200);
        assertThat(page.contentType).isEqualTo("text/html; charset=UTF-8");
        assertThat(page.body).contains("<title>Ampenet simulator console</title>")
                .contains("/__simulator/console/console.js").contains("/__simulator/console/console.css");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("default-src 'none'");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.header("ETag")).matches("\"[0-9a-f]{24}\"");
        assertThat(sim.consoleUrl()).isEqualTo(sim.url() + "/");
    }

    @Test
    void theFilesAreServedWithTheirTypesAndRevalidatedByETag() throws Exception {
        assertThat(site.get("/__simulator/console/console.js").contentType).isEqualTo("text/javascript; charset=UTF-8");
        assertThat(site.get("/__simulator/console/console.css").contentType).isEqualTo("text/css; charset=UTF-8");
        assertThat(site.get("/__simulator/console/favicon.svg").contentType).isEqualTo("image/svg+xml");
        assertThat(site.get("/__simulator/console/index.html").body).isEqualTo(site.get("/").body);
        Reply js = site.get("/__simulator/console/console.js");
        assertThat(js.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(js.header("X-Content-Type-Options")).isEqualTo("nosniff");

        HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sim.url() + "/__simulator/console/console.js")).header("If-None-Match", js.header("ETag")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void onlyTheConsolesOwnFilesAreServed() {
        assertThat(site.get("/__simulator/console/../pom.xml").status).isIn(400, 404);
        assertThat(site.get("/__simulator/console/secret.txt").status).isEqualTo(404);
        assertThat(site.get("/__simulator/console/AmpenetSimulator.class").status).isEqualTo(404);
        assertThat(site.post("/", null).status).isEqualTo(400);
        assertThat(sim.journal()).as("the console is not an API request").isEmpty();
    }

    // ---- summary and revision --------------------------------------------------------------------------------

    @Test
    void theSummaryHasWhatTheHeaderAndFaultPanelShow() {
        send(PHONE, "hello");
        send("12", "bad number");
        control.post("/faults/next", body("fault", "http-500", "count", 2, "path", "/sms/send"));

        JsonNode s = control.get("/summary").json();

        assertThat(s.path("profile").asText()).isEqualTo("v3.8");
        assertThat(s.path("baseUrl").asText()).isEqualTo(sim.baseUrl());
        assertThat(s.path("messages").asInt()).isEqualTo(1);
        assertThat(s.path("journalSize").asInt()).isEqualTo(2);
        assertThat(s.path("journalErrors").asInt()).isEqualTo(1);
        assertThat(s.path("accounts").get(0).path("balance").asText()).isEqualTo("9999");
        assertThat(s.path("accounts").get(0).path("maskedToken").asText()).isEqualTo("4|****");
        assertThat(s.path("pendingFaults").path("queued").get(0).path("fault").asText()).isEqualTo("http-500");
        assertThat(s.path("pendingFaults").path("queued").get(0).path("remaining").asInt()).isEqualTo(2);
        assertThat(s.path("pendingFaults").path("queued").get(0).path("path").asText()).isEqualTo("/sms/send");
        assertThat(s.path("bugs").path("unscoped-sms-list").asBoolean()).isTrue();
    }

    @Test
    void theRevisionMovesWithApiRequestsAndChangesButNotWithReads() {
        long start = control.get("/summary").json().path("revision").asLong();

        control.get("/outbox");
        control.get("/journal?order=newest");
        assertThat(control.get("/summary").json().path("revision").asLong()).as("reads change nothing").isEqualTo(start);

        api.get("/balance");
        long afterApi = control.get("/summary").json().path("revision").asLong();
        assertThat(afterApi).isGreaterThan(start);

        control.post("/balance", body("balance", 5));
        long afterControl = control.get("/summary").json().path("revision").asLong();
        assertThat(afterControl).isGreaterThan(afterApi);

        sim.receive(TOKEN, PHONE, "STOP");
        assertThat(sim.revision()).as("the embedded API moves it too").isGreaterThan(afterControl);
    }

    // ---- outbox ---------------------------------------------------------------------------------------------

    @Test
    void theOutboxIsPagedNewestFirstWithATotalAndSearchable() {
        IntStream.rangeClosed(1, 7).forEach(i -> send(PHONE, "message " + i));
        send("255754000111", "for Baraka");

        JsonNode page = control.get("/outbox?offset=2&limit=3").json();
        assertThat(page.path("total").asInt()).isEqualTo(8);
        assertThat(texts(page.path("messages"))).containsExactly("message 6", "message 5", "message 4");

        JsonNode found = control.get("/outbox?q=baraka").json();
        assertThat(found.path("total").asInt()).isEqualTo(1);
        assertThat(found.path("messages").get(0).path("to").asText()).isEqualTo("255754000111");
        assertThat(control.get("/outbox?q=754000").json().path("total").asInt()).as("part of a number").isEqualTo(1);
        assertThat(control.get("/outbox?q=MESSAGE&limit=2").json().path("total").asInt()).isEqualTo(7);
        assertThat(control.get("/outbox?account=" + sim.accounts().get(0).id() + "&limit=1").json().path("total").asInt()).isEqualTo(8);
        assertThat(control.get("/outbox?account=99").json().path("total").asInt()).isZero();
    }

    @Test
    void oneMessageAndTheRequestThatCreatedIt() {
        send(PHONE, "where did I come from");
        JsonNode listed = control.get("/outbox").json().path("messages").get(0);

        JsonNode message = control.get("/messages/" + listed.path("uid").asText()).json();
        JsonNode request = control.get("/journal/" + message.path("requestId").asLong()).json();

        assertThat(message.path("text").asText()).isEqualTo("where did I come from");
        assertThat(request.path("method").asText()).isEqualTo("POST");
        assertThat(request.path("path").asText()).isEqualTo("/api/v3/sms/send");
        assertThat(request.path("body").asText()).contains("where did I come from");
        assertThat(request.path("headers").path("Authorization").asText()).isEqualTo("Bearer 4|****");
        assertThat(request.path("responseBody").asText()).contains(listed.path("uid").asText());
        assertThat(control.get("/messages/nosuchuid").status).isEqualTo(404);
        Reply gone = control.get("/journal/999999");
        assertThat(gone.status).isEqualTo(404);
        assertThat(gone.json().path("error").asText()).contains("No journal entry 999999");
        assertThat(control.get("/journal/abc").status).isEqualTo(400);
    }

    // ---- journal --------------------------------------------------------------------------------------------

    @Test
    void theJournalIsPagedNewestFirstAndCanShowOnlyErrors() {
        api.get("/balance");
        send("12", "bad number");
        api.get("/me");
        new RawApi(sim.baseUrl(), "wrong-token").get("/balance");

        JsonNode newest = control.get("/journal?order=newest&limit=2").json();
        assertThat(newest.path("total").asInt()).isEqualTo(4);
        assertThat(paths(newest.path("entries"))).containsExactly("/api/v3/balance", "/api/v3/me");
        assertThat(newest.path("entries").get(0).path("error").asBoolean()).isTrue();

        JsonNode errors = control.get("/journal?order=newest&errors=true").json();
        assertThat(errors.path("total").asInt()).isEqualTo(2);
        assertThat(paths(errors.path("entries"))).containsExactly("/api/v3/balance", "/api/v3/sms/send");

        JsonNode second = control.get("/journal?order=newest&offset=2&limit=2").json();
        assertThat(paths(second.path("entries"))).containsExactly("/api/v3/sms/send", "/api/v3/balance");
        long accountId = sim.accounts().get(0).id();
        assertThat(control.get("/journal?order=newest&account=" + accountId).json().path("total").asInt())
                .as("the unauthenticated request has no account").isEqualTo(3);
        assertThat(control.get("/journal").json().path("entries")).as("the old form still reads oldest first").hasSize(4);
    }

    // ---- groups ---------------------------------------------------------------------------------------------

    @Test
    void aGroupsContactsComeAPageAtATime() {
        String group = api.post("/contacts", body("name", "Customers")).data().path("uid").asText();
        for (int i = 0; i < 5; i++) {
            api.post("/contacts/" + group + "/store", body("PHONE", "25571234560" + i, "FIRST_NAME", "Name" + i));
        }

        JsonNode page = control.get("/groups/" + group + "/contacts?offset=1&limit=2").json();

        assertThat(page.path("name").asText()).isEqualTo("Customers");
        assertThat(page.path("total").asInt()).isEqualTo(5);
        assertThat(page.path("fields").toString()).contains("FIRST_NAME");
        assertThat(page.path("contacts")).hasSize(2);
        assertThat(page.path("contacts").get(0).path("phone").asText()).isEqualTo("255712345601");
        assertThat(page.path("contacts").get(0).path("fields").path("FIRST_NAME").asText()).isEqualTo("Name1");
        assertThat(control.get("/groups?contacts=0").json().get(0).path("size").asInt()).isEqualTo(5);
        assertThat(control.get("/groups/nosuchgroup/contacts").status).isEqualTo(400);
    }

    // ---- no token anywhere --------------------------------------------------------------------------------

    /**
     * The promise, "the token is never shown": a client that leaks its token everywhere it can (query
     * string, body, message text, contact field, another account's request, an unauthenticated request) and
     * every call the page makes afterwards.
     */
    @Test
    void nothingThePageLoadsContainsAToken() {
        String other = "8|" + OTHER_SECRET;
        control.post("/accounts", body("token", other));
        String group = api.post("/contacts", body("name", "Leaky " + TOKEN)).data().path("uid").asText();
        api.post("/contacts/" + group + "/store", body("PHONE", PHONE, "FIRST_NAME", TOKEN));
        send(PHONE, "my token is " + TOKEN + " and the other is " + other);
        api.get("/me");
        api.get("/balance?api_token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        new RawApi(sim.baseUrl(), null).get("/balance?token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        new RawApi(sim.baseUrl(), null).post("/sms/send", body("api_token", TOKEN, "recipient", PHONE, "message", "x"));
        new RawApi(sim.baseUrl(), other).post("/sms/send", body("recipient", PHONE, "message", "copy of " + TOKEN));
        sim.receive(TOKEN, PHONE, "reply with " + TOKEN);
        String uid = control.get("/outbox").json().path("messages").get(1).path("uid").asText();

        List<String> pages = new ArrayList<>(List.of("/", "/__simulator/console/console.js", "/__simulator/console/console.css",
                "/__simulator/console/favicon.svg", "/__simulator", "/__simulator/summary", "/__simulator/outbox",
                "/__simulator/outbox?q=token", "/__simulator/messages/" + uid, "/__simulator/journal?order=newest&limit=500",
                "/__simulator/journal?order=newest&errors=true", "/__simulator/accounts", "/__simulator/faults",
                "/__simulator/groups?contacts=0", "/__simulator/groups?contacts=100", "/__simulator/groups/" + group + "/contacts",
                "/__simulator/balance"));
        sim.journal().forEach(e -> pages.add("/__simulator/journal/" + e.id()));

        for (String page : pages) {
            Reply reply = site.get(page);
            assertThat(reply.status).as(page).isEqualTo(200);
            assertThat(reply.body).as(page).doesNotContain(SECRET).doesNotContain(OTHER_SECRET)
                    .doesNotContain(URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        }
        assertThat(site.get("/__simulator/outbox").body).contains("my token is 4|**** and the other is 8|****");
        assertThat(site.get("/__simulator/groups?contacts=100").body).contains("Leaky 4|****");
    }

    private static List<String> texts(JsonNode messages) {
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.path("text").asText()));
        return out;
    }

    private static List<String> paths(JsonNode entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.path("path").asText()));
        return out;
    }
}
