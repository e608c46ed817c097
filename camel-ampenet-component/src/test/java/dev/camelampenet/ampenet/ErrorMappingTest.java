package dev.camelampenet.ampenet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.error.AmpenetAuthenticationException;
import dev.camelampenet.ampenet.error.AmpenetDuplicateException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetInsufficientBalanceException;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetPermissionException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException;
import dev.camelampenet.ampenet.error.AmpenetUnexpectedResponseException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.support.StubApi;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.HttpResponseAware;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.camelampenet.ampenet.support.Secrets.assertNoToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue item 1: every error of docs/ampenet-api.md (§4 and §8) becomes its own AmpenetException subclass, carrying the
 * API's message, the HTTP status and the operation, and never the token.
 */
class ErrorMappingTest extends CamelTestSupport {

    private static final String TOKEN = "7|error-mapping-token-secret";
    private static final String WRONG_TOKEN = "7|wrong-token-secret-value";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri(String operation, String token, String baseUrl, String options) {
        return "ampenet:" + operation + "?apiToken=" + token + "&baseUrl=" + baseUrl + "&retryDelay=20" + options;
    }

    private static String uri(String operation, String options) {
        return uri(operation, TOKEN, sim.baseUrl(), options);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a route catches each kind separately; the most specific class wins
                onException(AmpenetAuthenticationException.class).handled(true).to("mock:auth");
                onException(AmpenetRecipientRejectedException.class).handled(true).to("mock:rejected");
                onException(AmpenetInsufficientBalanceException.class).handled(true).to("mock:balance");
                onException(AmpenetUnknownOutcomeException.class).handled(true).to("mock:unknown");
                onException(AmpenetException.class).handled(true).to("mock:other");

                from("direct:wrongToken").to(uri("profile/balance", WRONG_TOKEN, sim.baseUrl(), ""));
                from("direct:send").to(uri("sms/send", ""));
            }
        };
    }

    private Exchange call(String uri, Object body, Map<String, Object> headers) {
        return template.request(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    private static <T extends AmpenetException> T failure(Exchange result, Class<T> type) {
        assertThat(result.getException()).as("the exchange must fail with " + type.getSimpleName()).isInstanceOf(type);
        T e = type.cast(result.getException());
        assertThat(e).isInstanceOf(HttpResponseAware.class);
        assertNoToken(e, TOKEN, WRONG_TOKEN);
        return e;
    }

    // ---- acceptance: HTTP 200 "status":"error" and an HTML 401 ----------------------------------------------

    @Test
    void http200UnauthenticatedBecomesAuthenticationExceptionWithStatusAndMessage() {
        Exchange result = call(uri("profile/balance", WRONG_TOKEN, sim.baseUrl(), ""), null, Map.of());

        AmpenetAuthenticationException e = failure(result, AmpenetAuthenticationException.class);
        assertThat(e.getHttpResponseCode()).isEqualTo(200);
        assertThat(e.getApiMessage()).isEqualTo("Unauthenticated.");
        assertThat(e.getOperation()).isEqualTo("profile/balance");
        assertThat(e.getMessage()).contains("profile/balance").contains("HTTP 200").contains("Unauthenticated.");
        // not retried: an authentication failure cannot get better by repeating it
        assertThat(sim.simulator().journal()).hasSize(1);
        assertNoToken(result.getMessage().getHeaders().toString(), TOKEN, WRONG_TOKEN);
    }

    @Test
    void html401BecomesAuthenticationExceptionWithStatusAndMessage() throws Exception {
        try (StubApi stub = StubApi.html401()) {
            Exchange result = call(uri("profile/me", TOKEN, stub.baseUrl(), ""), null, Map.of());

            AmpenetAuthenticationException e = failure(result, AmpenetAuthenticationException.class);
            assertThat(e.getHttpResponseCode()).isEqualTo(401);
            assertThat(e.getApiMessage()).contains("HTTP 401").contains("text/html").contains("token was refused");
            assertThat(e.getOperation()).isEqualTo("profile/me");
            // the component always asks for JSON; the HTML comes from a server that ignored it
            assertThat(stub.requests()).hasSize(1);
            assertThat(stub.requests().get(0).get("Accept")).containsExactly("application/json");
            assertThat(stub.requests().get(0).get("Authorization")).containsExactly("Bearer " + TOKEN);
        }
    }

    // ---- one subclass per kind of error ---------------------------------------------------------------------

    @Test
    void apiAccessSwitchedOffIsPermission() {
        sim.simulator().setApiAccess(TOKEN, false);

        AmpenetPermissionException e = failure(call(uri("profile/balance", ""), null, Map.of()), AmpenetPermissionException.class);
        assertThat(e.getHttpResponseCode()).isEqualTo(403);
        assertThat(e.getApiMessage()).isEqualTo("You do not have permission to access API");
    }

    @Test
    void missingAbilitiesArePermission() {
        sim.simulator().revokeAbilities(TOKEN, List.of("view_reports", "create_contact_group"));

        AmpenetPermissionException list = failure(call(uri("sms/list", ""), null, Map.of()), AmpenetPermissionException.class);
        assertThat(list.getHttpResponseCode()).isEqualTo(403);
        assertThat(list.getApiMessage()).isEqualTo("Sorry, but you do not have permissions to access this page.");

        AmpenetPermissionException create = failure(call(uri("groups/create", ""), "VIP", Map.of()), AmpenetPermissionException.class);
        assertThat(create.getHttpResponseCode()).isEqualTo(200);
        assertThat(create.getApiMessage()).isEqualTo("This action is unauthorized.");
    }

    @Test
    void unknownGroupIsNotFound() {
        Exchange result = call(uri("groups/get", ""), null, Map.of(AmpenetConstants.GROUP_ID, "000000000dead"));

        AmpenetNotFoundException e = failure(result, AmpenetNotFoundException.class);
        assertThat(e.getHttpResponseCode()).isEqualTo(200);
        assertThat(e.getApiMessage()).isEqualTo("No query results for model [App\\Models\\ContactGroups] 000000000dead");
        assertThat(e.getOperation()).isEqualTo("groups/get");
    }

    @Test
    void badSmsTypeIsValidation() {
        Exchange result = call(uri("sms/send", ""), "Hi", Map.of(AmpenetConstants.RECIPIENTS, "255712345678",
                AmpenetConstants.SMS_TYPE, "fax"));

        // refused before any call: the server would say "Please insert valid sms type" (HTTP 404), after a request
        AmpenetValidationException e = failure(result, AmpenetValidationException.class);
        assertThat(e.getHttpResponseCode()).isZero();
        assertThat(e.getMessage()).contains("sms/send").contains("CamelAmpenetSmsType").contains("'fax'");
        assertThat(sim.simulator().journal()).isEmpty();
    }

    @Test
    void contactStoredTwiceIsDuplicate() {
        ContactGroup group = template.requestBody(uri("groups/create", ""), "Customers", ContactGroup.class);
        Map<String, Object> headers = Map.of(AmpenetConstants.GROUP_ID, group.uid());
        Map<String, String> contact = Map.of("phone", "255712345678", "firstName", "Asha");
        assertThat(call(uri("contacts/store", ""), contact, headers).getException()).isNull();

        // AUTO sends both spellings, so the controller's own lower-case check answers first (HTTP 200) ...
        AmpenetDuplicateException auto = failure(call(uri("contacts/store", ""), contact, headers), AmpenetDuplicateException.class);
        assertThat(auto.getHttpResponseCode()).isEqualTo(200);
        assertThat(auto.getApiMessage()).isEqualTo("You have already subscribed to Customers");
        // ... and with upper-case tags only, the unique check of v3.8 answers 422
        AmpenetDuplicateException upper = failure(call(uri("contacts/store", "&contactFieldStyle=UPPER_CASE"), contact, headers),
                AmpenetDuplicateException.class);
        assertThat(upper.getHttpResponseCode()).isEqualTo(422);
        assertThat(upper.getApiMessage()).isEqualTo("The p h o n e has already been taken.");
    }

    @Test
    void throttledBeyondTheRetriesIsRateLimited() {
        sim.simulator().throttleFor(Duration.ofSeconds(3));

        Exchange result = call(uri("profile/balance", "&maxRetries=1"), null, Map.of());

        AmpenetRateLimitedException e = failure(result, AmpenetRateLimitedException.class);
        assertThat(e.getHttpResponseCode()).isEqualTo(200);
        assertThat(e.getApiMessage()).isEqualTo("Too Many Attempts.");
        assertThat(e.isSafeToRetry()).isTrue();
        assertThat(sim.simulator().journal()).hasSize(2); // the first try and maxRetries=1 retry
    }

    @Test
    void zeroBalanceIsInsufficientBalance() {
        sim.simulator().setBalance(BigDecimal.ZERO);

        Exchange result = call(uri("sms/send", ""), "Hi", Map.of(AmpenetConstants.RECIPIENTS, "255712345678"));

        AmpenetInsufficientBalanceException e = failure(result, AmpenetInsufficientBalanceException.class);
        assertThat(e.getHttpResponseCode()).isEqualTo(404);
        assertThat(e.getApiMessage()).contains("You have exceeded your sending limit.");
    }

    @Test
    void balanceBelowThePriceIsInsufficientBalance() {
        sim.simulator().setBalance(new BigDecimal("0.5"));

        Exchange result = call(uri("sms/send", ""), "Hi", Map.of(AmpenetConstants.RECIPIENTS, "255712345678"));

        AmpenetInsufficientBalanceException e = failure(result, AmpenetInsufficientBalanceException.class);
        assertThat(e.getHttpResponseCode()).isEqualTo(403);
        assertThat(e.getApiMessage()).contains("There is not enough balance available to send this message.You have 0.5 of the 1");
    }

    @Test
    void blacklistedNumberIsRecipientRejected() {
        sim.simulator().blacklist(List.of("255754000111"));

        Exchange result = call(uri("sms/send", ""), "Hi", Map.of(AmpenetConstants.RECIPIENTS, "255754000111"));

        AmpenetRecipientRejectedException e = failure(result, AmpenetRecipientRejectedException.class);
        assertThat(e.getHttpResponseCode()).isEqualTo(403);
        assertThat(e.getApiMessage()).contains("Number contains in the blacklist");
        assertThat(sim.simulator().outbox()).isEmpty();
    }

    @Test
    void droppedSendAnswerIsUnknownOutcome() {
        sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/sms/send");

        Exchange result = call(uri("sms/send", ""), "Hi", Map.of(AmpenetConstants.RECIPIENTS, "255712345678"));

        AmpenetUnknownOutcomeException e = failure(result, AmpenetUnknownOutcomeException.class);
        assertThat(e.getHttpResponseCode()).isZero();
        assertThat(e.isSafeToRetry()).isFalse();
        assertThat(sim.simulator().outbox()).hasSize(1);
    }

    @Test
    void htmlPageIsUnexpectedResponse() throws Exception {
        try (StubApi stub = StubApi.answering(200, "text/html", "<html><body>Welcome to our shop</body></html>")) {
            AmpenetUnexpectedResponseException e = failure(call(uri("profile/balance", TOKEN, stub.baseUrl(), ""), null, Map.of()),
                    AmpenetUnexpectedResponseException.class);
            assertThat(e.getHttpResponseCode()).isEqualTo(200);
            assertThat(e.getApiMessage()).contains("text/html").contains("instead of the API's JSON");
            assertThat(stub.requests()).hasSize(1); // a wrong server does not get better by asking again
        }
    }

    @Test
    void redirectIsUnexpectedResponseAndNotFollowed() throws Exception {
        try (StubApi stub = StubApi.answering(301, "text/html", "<html>Moved</html>",
                Map.of("Location", "http://127.0.0.1:1/api/v3/sms/send/"))) {
            Exchange result = call(uri("sms/send", TOKEN, stub.baseUrl(), ""), "Hi", Map.of(AmpenetConstants.RECIPIENTS, "255712345678"));

            AmpenetUnexpectedResponseException e = failure(result, AmpenetUnexpectedResponseException.class);
            assertThat(e.getHttpResponseCode()).isEqualTo(301);
            assertThat(e.getApiMessage()).contains("redirect");
            assertThat(stub.requests()).hasSize(1);
        }
    }

    @Test
    void unknownRouteIsUnexpectedResponse() {
        // a base URL with one path segment too many: every call hits a route the API does not have
        Exchange result = call(uri("profile/balance", TOKEN, sim.baseUrl() + "/v9", ""), null, Map.of());

        AmpenetUnexpectedResponseException e = failure(result, AmpenetUnexpectedResponseException.class);
        assertThat(e.getHttpResponseCode()).isEqualTo(200);
        assertThat(e.getApiMessage()).isEqualTo("The route api/v3/v9/balance could not be found.");
    }

    // ---- routing by class -----------------------------------------------------------------------------------

    @Test
    void routesCatchEachKindSeparately() throws Exception {
        MockEndpoint auth = getMockEndpoint("mock:auth");
        MockEndpoint rejected = getMockEndpoint("mock:rejected");
        MockEndpoint balance = getMockEndpoint("mock:balance");
        MockEndpoint unknown = getMockEndpoint("mock:unknown");
        MockEndpoint other = getMockEndpoint("mock:other");
        auth.expectedMessageCount(1);
        rejected.expectedMessageCount(1);
        balance.expectedMessageCount(1);
        unknown.expectedMessageCount(1);
        other.expectedMessageCount(1);

        template.sendBody("direct:wrongToken", null);

        sim.simulator().blacklist(List.of("255754000111"));
        template.sendBodyAndHeader("direct:send", "Hi", AmpenetConstants.RECIPIENTS, "255754000111");

        sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/sms/send");
        template.sendBodyAndHeader("direct:send", "Hi", AmpenetConstants.RECIPIENTS, "255712345678");

        template.sendBodyAndHeaders("direct:send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, "255712345678",
                AmpenetConstants.SMS_TYPE, "fax"));

        sim.simulator().setBalance(BigDecimal.ZERO);
        template.sendBodyAndHeader("direct:send", "Hi", AmpenetConstants.RECIPIENTS, "255712345678");

        MockEndpoint.assertIsSatisfied(context, 5, java.util.concurrent.TimeUnit.SECONDS);
        Exception caught = other.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertThat(caught).isInstanceOf(AmpenetValidationException.class);
        Exception authCaught = auth.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertThat(((HttpResponseAware) authCaught).getHttpResponseCode()).isEqualTo(200);
        List<String> messages = List.of(auth, rejected, balance, unknown, other).stream()
                .map(m -> m.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).toString())
                .collect(Collectors.toList());
        assertNoToken(messages.toString(), TOKEN, WRONG_TOKEN);
        List<JournalEntry> journal = sim.simulator().journal();
        // the bad sms type is refused before any call
        assertThat(journal.stream().filter(j -> j.path().endsWith("/sms/send"))).hasSize(3);
    }
}
