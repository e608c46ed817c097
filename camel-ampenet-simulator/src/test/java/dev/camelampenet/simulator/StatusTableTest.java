package dev.camelampenet.simulator;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status table of docs/ampenet-api.md §4.2, every row the simulator reproduces, in both columns: a client that
 * sends {@code Accept: application/json} and one that does not. Each row is checked for HTTP status, content type and
 * message. Then the transport rows of docs/ampenet-api.md §2: trailing slash, form bodies, wrong Content-Type,
 * query merge.
 */
class StatusTableTest {

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token("T"));

    /** A well-formed uid that matches no row. */
    static final String UNKNOWN = "0123456789abc";
    static final String NOT_FOUND_PAGE = "Sorry, but the page you were trying to view does not exist.";
    static final String NO_PERMISSION = "Sorry, but you do not have permissions to access this page.";

    /**
     * One row of the table. {@code htmlStatus} is what a client without a JSON Accept header gets as an HTML
     * page; 0 means "the same JSON answer" (the failure comes after the json.response middleware).
     */
    record Row(String situation, Function<Ctx, Reply> call, int status, String message, boolean prefix, int htmlStatus) {
        @Override
        public String toString() {
            return situation;
        }
    }

    static Row row(String situation, int status, String message, int htmlStatus, Function<Ctx, Reply> call) {
        return new Row(situation, call, status, message, false, htmlStatus);
    }

    static Row prefixRow(String situation, int status, String messageStart, int htmlStatus, Function<Ctx, Reply> call) {
        return new Row(situation, call, status, messageStart, true, htmlStatus);
    }

    static Stream<Row> rows() {
        return Stream.of(
                // ---- failures before json.response: the client's Accept header decides ----
                row("missing token", 200, "Unauthenticated.", 401, c -> c.api.withToken(null).get("/me")),
                row("invalid token", 200, "Unauthenticated.", 401, c -> c.api.withToken("9|wrong").get("/balance")),
                row("invalid token on a POST route", 200, "Unauthenticated.", 401,
                        c -> c.api.withToken("9|wrong").post("/sms/send", body("recipient", "255712345678", "message", "x"))),
                row("unknown group uid (show)", 200, "No query results for model [App\\Models\\ContactGroups] " + UNKNOWN, 500,
                        c -> c.api.post("/contacts/" + UNKNOWN + "/show", null)),
                row("unknown group uid (update)", 200, "No query results for model [App\\Models\\ContactGroups] " + UNKNOWN, 500,
                        c -> c.api.patch("/contacts/" + UNKNOWN, body("name", "x"))),
                row("unknown group uid (delete)", 200, "No query results for model [App\\Models\\ContactGroups] " + UNKNOWN, 500,
                        c -> c.api.delete("/contacts/" + UNKNOWN)),
                row("unknown group uid (store)", 200, "No query results for model [App\\Models\\ContactGroups] " + UNKNOWN, 500,
                        c -> c.api.post("/contacts/" + UNKNOWN + "/store", body("PHONE", "255712345678"))),
                row("unknown group uid (all)", 200, "No query results for model [App\\Models\\ContactGroups] " + UNKNOWN, 500,
                        c -> c.api.post("/contacts/" + UNKNOWN + "/all", null)),
                row("unknown contact uid", 200, "No query results for model [App\\Models\\Contacts] " + UNKNOWN, 500,
                        c -> c.api.post("/contacts/" + c.group("G") + "/search/" + UNKNOWN, null)),
                row("unknown sms uid", 200, "No query results for model [App\\Models\\Reports] " + UNKNOWN, 500,
                        c -> c.api.get("/sms/" + UNKNOWN)),
                row("unknown campaign uid", 200, "No query results for model [App\\Models\\Campaigns] " + UNKNOWN, 500,
                        c -> c.api.get("/campaign/" + UNKNOWN + "/view")),
                row("wrong method: GET contacts/{id}/all", 200,
                        "The GET method is not supported for route api/v3/contacts/" + UNKNOWN + "/all. Supported methods: POST.", 404,
                        c -> c.api.get("/contacts/" + UNKNOWN + "/all")),
                row("wrong method: GET contacts/{id}/show", 200,
                        "The GET method is not supported for route api/v3/contacts/" + UNKNOWN + "/show. Supported methods: POST.", 404,
                        c -> c.api.get("/contacts/" + UNKNOWN + "/show")),
                row("wrong method: POST sms/{uid}", 200,
                        "The POST method is not supported for route api/v3/sms/" + UNKNOWN + ". Supported methods: GET, HEAD.", 404,
                        c -> c.api.post("/sms/" + UNKNOWN, null)),
                // GET sms/send is no wrong-method error: Laravel matches GET routes only, and sms/{uid} takes "send"
                row("GET sms/send binds \"send\" as an sms uid", 200, "No query results for model [App\\Models\\Reports] send", 500,
                        c -> c.api.get("/sms/send")),
                row("wrong method: DELETE me", 200,
                        "The DELETE method is not supported for route api/v3/me. Supported methods: GET, HEAD.", 404,
                        c -> c.api.delete("/me")),
                row("wrong method without a token", 200,
                        "The GET method is not supported for route api/v3/contacts/" + UNKNOWN + "/all. Supported methods: POST.", 404,
                        c -> c.api.withToken(null).get("/contacts/" + UNKNOWN + "/all")),
                row("unknown path", 200, "The route api/v3/xyz could not be found.", 404, c -> c.api.get("/xyz")),
                row("campaign view without /view", 200, "The route api/v3/campaign/" + UNKNOWN + " could not be found.", 404,
                        c -> c.api.get("/campaign/" + UNKNOWN)),

                // ---- FormRequest validation and authorisation: after json.response, HTTP 200 both ways ----
                row("validation: send without body", 200, "The recipient field is required. (and 1 more error)", 0,
                        c -> c.api.post("/sms/send", null)),
                row("validation: send without message", 200, "The message field is required.", 0,
                        c -> c.api.post("/sms/send", body("recipient", "255712345678"))),
                row("validation: lower-case phone to v3.8", 200, "The p h o n e field is required.", 0,
                        c -> c.api.post("/contacts/" + c.group("G") + "/store", body("phone", "255712345678"))),
                row("validation: contact phone fails the Phone rule", 200, "12345 is a invalid phone number", 0,
                        c -> c.api.post("/contacts/" + c.group("G") + "/store", body("PHONE", "12345"))),
                row("validation: contact update phone not a number", 200, "The p h o n e must be a number.", 0,
                        c -> {
                            String gid = c.group("G");
                            return c.api.patch("/contacts/" + gid + "/update/" + c.contact(gid, "255712345678"),
                                    body("PHONE", "+255712345678"));
                        }),
                row("validation: group without name", 200, "The name field is required.", 0,
                        c -> c.api.post("/contacts", body("title", "x"))),
                row("validation: duplicate group name", 200, "Customers already available as your contact group.", 0,
                        c -> {
                            c.group("Customers");
                            return c.api.post("/contacts", body("name", "Customers"));
                        }),
                row("validation: campaign docs send recipient", 200, "The contact list id field is required.", 0,
                        c -> c.api.post("/sms/campaign", body("recipient", "255712345678", "message", "x"))),
                row("FormRequest authorize() false", 200, "This action is unauthorized.", 0,
                        c -> {
                            c.sim.revokeAbilities("T", List.of("create_contact_group"));
                            return c.api.post("/contacts", body("name", "x"));
                        }),

                // ---- permissions: 403 ----
                row("no developers permission", 403, "You do not have permission to access API", 0,
                        c -> {
                            c.sim.setApiAccess("T", false);
                            return c.api.get("/me");
                        }),
                row("token lacks view_reports (list)", 403, NO_PERMISSION, 0,
                        c -> {
                            c.sim.revokeAbilities("T", List.of("view_reports"));
                            return c.api.get("/sms");
                        }),
                row("token lacks view_reports (view)", 403, NO_PERMISSION, 0,
                        c -> {
                            String uid = c.sent("255712345678");
                            c.sim.revokeAbilities("T", List.of("view_reports"));
                            return c.api.get("/sms/" + uid);
                        }),
                row("token lacks view_contact_group", 403, NO_PERMISSION, 0,
                        c -> {
                            c.sim.revokeAbilities("T", List.of("view_contact_group"));
                            return c.api.get("/contacts");
                        }),
                row("token lacks view_contact", 403, NO_PERMISSION, 0,
                        c -> {
                            String gid = c.group("G");
                            c.sim.revokeAbilities("T", List.of("view_contact"));
                            return c.api.post("/contacts/" + gid + "/all", null);
                        }),
                row("token lacks delete_contact", 403, NO_PERMISSION, 0,
                        c -> {
                            String gid = c.group("G");
                            String cid = c.contact(gid, "255712345678");
                            c.sim.revokeAbilities("T", List.of("delete_contact"));
                            return c.api.delete("/contacts/" + gid + "/delete/" + cid);
                        }),
                row("token lacks delete_contact_group", 403, NO_PERMISSION, 0,
                        c -> {
                            String gid = c.group("G");
                            c.sim.revokeAbilities("T", List.of("delete_contact_group"));
                            return c.api.delete("/contacts/" + gid);
                        }),

                // ---- sms/send pre-checks: 404 ----
                row("send: bad type", 404, "Please insert valid sms type called plain, unicode, voice, mms, viber, OTP and whatsapp.", 0,
                        c -> c.api.post("/sms/send", body("recipient", "255712345678", "message", "x", "type", "fax"))),
                row("send: voice without language and gender", 404, "Language and gender parameters are required", 0,
                        c -> c.api.post("/sms/send", body("recipient", "255712345678", "message", "x", "type", "voice"))),
                row("send: voice without gender", 404, "Language and gender parameters are required", 0,
                        c -> c.api.post("/sms/send", body("recipient", "255712345678", "message", "x", "type", "voice",
                                "language", "en-gb"))),
                row("send: mms without media_url", 404, "media_url parameter is required", 0,
                        c -> c.api.post("/sms/send", body("recipient", "255712345678", "message", "x", "type", "mms"))),
                row("send: mms with a bad media_url", 404, "Valid media url is required.", 0,
                        c -> c.api.post("/sms/send", body("recipient", "255712345678", "message", "x", "type", "mms",
                                "media_url", "not a url"))),
                row("send: sender not authorised", 404, "Originator NOTMINE is not authorized to send this message", 0,
                        c -> {
                            c.sim.setSenderIdVerification("T", true, List.of("AMPENET"));
                            return c.api.post("/sms/send", body("recipient", "255712345678", "message", "x", "sender_id", "NOTMINE"));
                        }),
                row("send: zero balance", 404, "You have exceeded your sending limit.", 0,
                        c -> {
                            c.sim.setBalance(BigDecimal.ZERO);
                            return c.api.post("/sms/send", body("recipient", "255712345678", "message", "x"));
                        }),

                // ---- sms/send delivery stage: 403 ----
                row("send: invalid number", 403, "12345 is a invalid phone number", 0,
                        c -> c.api.post("/sms/send", body("recipient", "12345", "message", "x"))),
                row("send: region not enabled", 403,
                        "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: 31612345678", 0,
                        c -> {
                            c.sim.setCoverage("T", Map.of(255, BigDecimal.ONE), null);
                            return c.api.post("/sms/send", body("recipient", "31612345678", "message", "x"));
                        }),
                row("send: insufficient balance", 403,
                        "There is not enough balance available to send this message.You have 1 of the 2", 0,
                        c -> {
                            c.sim.setBalance(BigDecimal.ONE);
                            return c.api.post("/sms/send", body("recipient", "255712345678", "message", "x".repeat(161)));
                        }),
                row("send: blacklisted number", 403, "Number contains in the blacklist", 0,
                        c -> {
                            c.sim.blacklist(List.of("255712345678"));
                            return c.api.post("/sms/send", body("recipient", "255712345678", "message", "x"));
                        }),
                row("send: more than 100 recipients", 403, "You cannot send more than 100 SMS in a single request.", 0,
                        c -> c.api.post("/sms/send", body("recipient", numbers(101), "message", "x"))),

                // ---- sms/campaign business errors: 404 ----
                row("campaign: unknown group", 404, "locale.campaign.invalid_group", 0,
                        c -> c.api.post("/sms/campaign", body("contact_list_id", UNKNOWN, "message", "x"))),
                row("campaign: another tenant's group", 404, "locale.campaign.invalid_group", 0,
                        c -> {
                            c.sim.addAccount("OTHER", BigDecimal.TEN);
                            Ctx other = c.as("OTHER");
                            String gid = other.group("Theirs");
                            other.contact(gid, "255712345678");
                            return c.api.post("/sms/campaign", body("contact_list_id", gid, "message", "x"));
                        }),
                row("campaign: empty group", 404, "Valid phone number not found. Please insert at least one valid phone number", 0,
                        c -> c.api.post("/sms/campaign", body("contact_list_id", c.group("Empty"), "message", "x"))),
                row("campaign: only unsubscribed contacts", 404,
                        "Valid phone number not found. Please insert at least one valid phone number", 0,
                        c -> {
                            String gid = c.group("G");
                            c.sim.setContactStatus(c.contact(gid, "255712345678"), "unsubscribe");
                            return c.api.post("/sms/campaign", body("contact_list_id", gid, "message", "x"));
                        }),

                row("campaign: bad type", 404, "Invalid SMS type: fax", 0,
                        c -> c.api.post("/sms/campaign", body("contact_list_id", UNKNOWN, "message", "x", "type", "fax"))),
                row("campaign: sender not authorised", 404, "Originator NOTMINE is not authorized to send this message", 0,
                        c -> {
                            c.sim.setSenderIdVerification("T", true, List.of("AMPENET"));
                            return c.api.post("/sms/campaign", body("contact_list_id", UNKNOWN, "message", "x",
                                    "sender_id", "NOTMINE"));
                        }),
                row("campaign: insufficient balance", 404,
                        "There is not enough balance available to send this message.You have 1 of the 2", 0,
                        c -> {
                            String gid = c.group("G");
                            c.contact(gid, "255712345678");
                            c.contact(gid, "255712345679");
                            c.sim.setBalance(BigDecimal.ONE);
                            return c.api.post("/sms/campaign", body("contact_list_id", gid, "message", "x"));
                        }),

                // ---- contacts ----
                row("contact store: duplicate phone", 422, "The p h o n e has already been taken.", 0,
                        c -> {
                            String gid = c.group("G");
                            c.contact(gid, "255712345678");
                            return c.api.post("/contacts/" + gid + "/store", body("PHONE", "255712345678"));
                        }),
                row("contact update: duplicate phone (validation, so 200)", 200, "The p h o n e has already been taken.", 0,
                        c -> {
                            String gid = c.group("G");
                            c.contact(gid, "255712345678");
                            String second = c.contact(gid, "255712345679");
                            return c.api.patch("/contacts/" + gid + "/update/" + second, body("PHONE", "255712345678"));
                        }),
                row("contact store: lower-case phone also sent, already subscribed", 200, "You have already subscribed to G", 0,
                        c -> {
                            String gid = c.group("G");
                            c.contact(gid, "255712345678");
                            return c.api.post("/contacts/" + gid + "/store", body("PHONE", "255712345678", "phone", "255712345678"));
                        }),
                row("contact search: contact in another group", 404, NOT_FOUND_PAGE, 0,
                        c -> {
                            String cid = c.contact(c.group("A"), "255712345678");
                            return c.api.post("/contacts/" + c.group("B") + "/search/" + cid, null);
                        }),
                // docs/ampenet-api.md §4.2 lists "any other exception (for example SQL)" as 500/HTML without a JSON
                // Accept, but this one is thrown in the controller, after json.response forced Accept to JSON
                // (docs/ampenet-api.md §4.3, the request pipeline), so it is JSON both ways, like validation. The
                // simulator's choice.
                prefixRow("contact list SQL error (bug on, non-empty group)", 200,
                        "SQLSTATE[42S22]: Column not found: 1054 Unknown column 'first_name'", 0,
                        c -> {
                            String gid = c.group("G");
                            c.contact(gid, "255712345678");
                            c.sim.setBug(ServerBug.CONTACT_LIST_SQL_ERROR, true);
                            return c.api.post("/contacts/" + gid + "/all", null);
                        }));
    }

    static Stream<Arguments> table() {
        return rows().flatMap(r -> Stream.of(Arguments.of(r, true), Arguments.of(r, false)));
    }

    RawApi jsonClient;

    @BeforeEach
    void client() {
        jsonClient = new RawApi(sim.baseUrl(), "T");
    }

    @ParameterizedTest(name = "{0} / JSON Accept: {1}")
    @MethodSource("table")
    void status_table_row(Row row, boolean acceptJson) {
        Ctx ctx = new Ctx(sim.simulator(), jsonClient, acceptJson ? jsonClient : jsonClient.withoutJsonAccept());

        Reply r = row.call.apply(ctx);

        if (!acceptJson && row.htmlStatus != 0) {
            assertThat(r.status).as(r.toString()).isEqualTo(row.htmlStatus);
            assertThat(r.contentType).as(r.toString()).startsWith("text/html");
            assertThat(r.body).contains("<html");
            return;
        }
        assertThat(r.status).as(r.toString()).isEqualTo(row.status);
        assertThat(r.contentType).as(r.toString()).startsWith("application/json");
        // all three error producers of v3.8 send status and message only (docs/ampenet-api.md §3)
        assertThat(EndpointsV38Test.keys(r.json())).as(r.body).containsExactly("status", "message");
        assertThat(r.outcome()).isEqualTo("error");
        if (row.prefix) {
            assertThat(r.message()).startsWith(row.message);
        } else {
            assertThat(r.message()).isEqualTo(row.message);
        }
    }

    @Test
    void binding_message_has_single_backslashes_decoded_and_escaped_ones_on_the_wire() {
        Reply r = jsonClient.post("/contacts/" + UNKNOWN + "/show", null);

        assertThat(r.message()).isEqualTo("No query results for model [App\\Models\\ContactGroups] " + UNKNOWN);
        assertThat(r.message()).contains("App\\Models").doesNotContain("\\\\");
        assertThat(r.body).contains("[App\\\\Models\\\\ContactGroups]");
    }

    @Test
    void the_group_binding_has_no_owner_check() {
        sim.simulator().addAccount("OTHER", BigDecimal.TEN);
        String theirs = new RawApi(sim.baseUrl(), "OTHER").post("/contacts", body("name", "Theirs")).data().get("uid").asText();

        Reply r = jsonClient.post("/contacts/" + theirs + "/show", null);

        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.data().get("name").asText()).isEqualTo("Theirs");
    }

    @Test
    void contact_list_sql_error_bug_spares_an_empty_group() {
        sim.simulator().setBug(ServerBug.CONTACT_LIST_SQL_ERROR, true);
        String gid = jsonClient.post("/contacts", body("name", "Empty")).data().get("uid").asText();

        Reply r = jsonClient.post("/contacts/" + gid + "/all", null);

        EndpointsV38Test.assertSuccess(r, null);
        assertThat(r.data().get("total").asInt()).isZero();
        assertThat(r.data().get("data")).isEmpty();
    }

    @Test
    void contact_list_sql_error_is_off_by_default() {
        String gid = jsonClient.post("/contacts", body("name", "G")).data().get("uid").asText();
        jsonClient.post("/contacts/" + gid + "/store", body("PHONE", "255712345678"));

        assertThat(jsonClient.post("/contacts/" + gid + "/all", null).data().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void wants_json_reads_the_accept_header_by_quality_like_symfony() throws Exception {
        // JSON preferred by quality, though listed second: the handler answers JSON
        HttpResponse<String> json = unauthenticated("text/html;q=0.9, application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json.body()).isEqualTo("{\"status\":\"error\",\"message\":\"Unauthenticated.\"}");

        // JSON listed first but with a lower quality: an HTML page
        HttpResponse<String> html = unauthenticated("application/json;q=0.5, text/html");
        assertThat(html.statusCode()).isEqualTo(401);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");

        // a browser-like */* is no JSON; a +json type is
        assertThat(unauthenticated("*/*").statusCode()).isEqualTo(401);
        assertThat(unauthenticated("application/vnd.api+json").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> unauthenticated(String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/me")).header("Accept", accept).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rate_limit_exceeded_is_too_many_attempts_as_json_or_a_404_page() {
        try (AmpenetSimulator limited = AmpenetSimulator.builder().token("T").rateLimit(3).start()) {
            RawApi api = new RawApi(limited.baseUrl(), "T");
            for (int i = 1; i <= 3; i++) {
                Reply ok = api.get("/me");
                assertThat(ok.outcome()).isEqualTo("success");
                assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("3");
                assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(3 - i));
            }

            Reply json = api.get("/me");
            assertThat(json.status).isEqualTo(200);
            assertThat(json.contentType).startsWith("application/json");
            assertThat(EndpointsV38Test.keys(json.json())).containsExactly("status", "message");
            assertThat(json.outcome()).isEqualTo("error");
            assertThat(json.message()).isEqualTo("Too Many Attempts.");
            assertThat(json.header("Retry-After")).isNull(); // lost by the handler

            Reply html = api.withoutJsonAccept().get("/me");
            assertThat(html.status).isEqualTo(404);
            assertThat(html.isHtml()).isTrue();

            // the throttle is per user: another token still gets through
            limited.addAccount("OTHER", BigDecimal.TEN);
            assertThat(api.withToken("OTHER").get("/me").outcome()).isEqualTo("success");
        }
    }

    // ---- docs/ampenet-api.md §2: transport -----------------------------------------------------------------------

    @Test
    void trailing_slash_is_a_301_to_the_path_without_it() {
        Reply r = jsonClient.post("/contacts/", body("name", "Never created"));

        assertThat(r.status).isEqualTo(301);
        assertThat(r.header("Location")).isEqualTo(sim.baseUrl() + "/contacts");
        assertThat(r.isHtml()).isTrue();
        assertThat(sim.simulator().groups()).isEmpty();

        Reply withQuery = jsonClient.get("/sms/?page=2");
        assertThat(withQuery.status).isEqualTo(301);
        assertThat(withQuery.header("Location")).isEqualTo(sim.baseUrl() + "/sms?page=2");

        Reply unauthenticated = jsonClient.withToken(null).withoutJsonAccept().get("/me/");
        assertThat(unauthenticated.status).isEqualTo(301);
        assertThat(unauthenticated.header("Location")).isEqualTo(sim.baseUrl() + "/me");
    }

    @Test
    void form_encoded_send_is_ignored_and_fails_validation() {
        Reply r = jsonClient.send("POST", "/sms/send", "recipient=255712345678&message=Habari",
                "application/x-www-form-urlencoded");

        assertThat(r.status).isEqualTo(200);
        assertThat(r.contentType).startsWith("application/json");
        assertThat(r.outcome()).isEqualTo("error");
        assertThat(r.message()).isEqualTo("The recipient field is required. (and 1 more error)");
        assertThat(sim.simulator().outbox()).isEmpty();
    }

    @Test
    void form_encoded_body_with_query_string_params_sends_from_the_query() {
        Reply r = jsonClient.send("POST", "/sms/send?recipient=255712345678&message=From%20the%20query",
                "recipient=255700000000&message=ignored", "application/x-www-form-urlencoded");

        EndpointsV38Test.assertSuccess(r, "Your message was successfully delivered");
        assertThat(r.data().get("to").asText()).isEqualTo("255712345678");
        assertThat(r.data().get("message").asText()).isEqualTo("From the query");
    }

    @Test
    void raw_json_with_a_wrong_or_missing_content_type_still_works() {
        String json = "{\"recipient\":\"255712345678\",\"message\":\"Habari\"}";

        Reply textPlain = jsonClient.send("POST", "/sms/send", json, "text/plain");
        EndpointsV38Test.assertSuccess(textPlain, "Your message was successfully delivered");

        Reply formType = jsonClient.send("POST", "/sms/send", json, "application/x-www-form-urlencoded");
        EndpointsV38Test.assertSuccess(formType, "Your message was successfully delivered");

        Reply none = jsonClient.send("POST", "/sms/send", json, null);
        EndpointsV38Test.assertSuccess(none, "Your message was successfully delivered");

        assertThat(sim.simulator().outbox()).hasSize(3);
    }

    @Test
    void query_string_params_are_merged_into_post_routes() {
        String gid = jsonClient.post("/contacts", body("name", "G")).data().get("uid").asText();
        for (int i = 0; i < 27; i++) {
            jsonClient.post("/contacts/" + gid + "/store", body("PHONE", String.valueOf(255712000100L + i)));
        }

        Reply r = jsonClient.post("/contacts/" + gid + "/all?page=2", null);

        EndpointsV38Test.assertSuccess(r, null);
        assertThat(r.data().get("current_page").asInt()).isEqualTo(2);
        assertThat(r.data().get("data")).hasSize(2);
        // the body wins over the query string, as in Laravel's input()
        Reply both = jsonClient.post("/contacts/" + gid + "/all?page=2", body("page", 1));
        assertThat(both.data().get("current_page").asInt()).isEqualTo(1);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static String numbers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.valueOf(255712000000L + i)).collect(Collectors.joining(","));
    }

    /** What a row needs: the simulator, a JSON client for set-up, and the client of the column under test. */
    static final class Ctx {
        final AmpenetSimulator sim;
        final RawApi setup;
        final RawApi api;

        Ctx(AmpenetSimulator sim, RawApi setup, RawApi api) {
            this.sim = sim;
            this.setup = setup;
            this.api = api;
        }

        /** The same context for another account's token. */
        Ctx as(String token) {
            return new Ctx(sim, setup.withToken(token), api.withToken(token));
        }

        String group(String name) {
            Reply r = setup.post("/contacts", body("name", name));
            assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
            return r.data().get("uid").asText();
        }

        String contact(String gid, String phone) {
            Reply r = setup.post("/contacts/" + gid + "/store", body("PHONE", phone));
            assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
            return r.data().get("uid").asText();
        }

        String sent(String number) {
            Reply r = setup.post("/sms/send", body("recipient", number, "message", "x"));
            assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
            return r.data().get("uid").asText();
        }
    }
}
