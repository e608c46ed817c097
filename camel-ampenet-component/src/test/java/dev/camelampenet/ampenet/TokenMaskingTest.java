package dev.camelampenet.ampenet;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.camelampenet.ampenet.error.AmpenetAuthenticationException;
import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetMissingRouteException;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.support.LogCapture;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token appears in no log line, exception message or console output, whatever happens: routes whose endpoint
 * URIs carry apiToken (plain and RAW) run successful and failing calls with Camel and the component logging at
 * DEBUG, message history and tracing on, and Camel's error handler logging every failure with its stack trace.
 */
class TokenMaskingTest extends CamelTestSupport {

    private static final String TOKEN = "58|TokenMaskingSecret9f8e7d6c5b4a3921";
    private static final String WRONG_TOKEN = "59|WrongTokenSecret0a1b2c3d4e5f6071";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static LogCapture logs;
    private static final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private static PrintStream out;
    private static PrintStream err;

    private final List<Throwable> failures = new ArrayList<>();

    @BeforeAll
    static void captureEverything() {
        logs = LogCapture.open();
        out = System.out;
        err = System.err;
        System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void release() {
        System.setOut(out);
        System.setErr(err);
        logs.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.setMessageHistory(true);
        context.setTracing(true); // the tracer prints every exchange and endpoint at each step
        // the consumer's token, set as camel.component.ampenet.apiToken would be
        context.getComponent("ampenet", AmpenetComponent.class).getConfiguration().setApiToken(TOKEN);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String api = "&baseUrl=" + sim.baseUrl();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("ampenet:sms/send?apiToken=" + TOKEN + api + "&senderId=AMPENET");
                from("direct:sendRaw").to("ampenet:sms/send?apiToken=RAW(" + TOKEN + ")" + api);
                from("direct:me").to("ampenet:profile/me?apiToken=RAW(" + TOKEN + ")" + api).log("profile: ${body}");
                from("direct:group").to("ampenet:groups/create?apiToken=" + TOKEN + api);
                from("direct:groupGet").to("ampenet:groups/get?apiToken=" + TOKEN + api);
                from("direct:wrongToken").to("ampenet:profile/balance?apiToken=" + WRONG_TOKEN + api);
                from("direct:down").to("ampenet:profile/balance?apiToken=" + TOKEN + "&baseUrl=http://127.0.0.1:1/api/v3"
                        + "&maxRetries=1&retryDelay=10&connectTimeout=500");
                from("direct:noRoute").to("ampenet:profile/balance?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl().replace("/v3", "/v9"));
                // Camel itself prints a route's from() URI unmasked (FromDefinition.toString, logged at DEBUG while
                // routes are added), and a resolved property placeholder's value too: a consumer takes its token from
                // the component's configuration
                from("ampenet:sms/list?baseUrl=" + sim.baseUrl() + "&initialDelay=0&delay=100")
                        .routeId("poll").to("mock:polled");
            }
        };
    }

    @Test
    void noTokenInLogsExceptionsOrOutputForSuccessfulCalls() throws Exception {
        Exchange sent = run("direct:send", "Habari", Map.of(AmpenetConstants.RECIPIENTS, "255712345678"));
        run("direct:sendRaw", "Habari tena", Map.of(AmpenetConstants.RECIPIENTS, List.of("255712345678", "255754000111")));
        Exchange me = run("direct:me", null, Map.of());
        getMockEndpoint("mock:polled").expectedMinimumMessageCount(1);
        getMockEndpoint("mock:polled").assertIsSatisfied(5000);

        assertThat(sent.getException()).isNull();
        assertThat(me.getException()).isNull();
        assertThat(logs.text()).as("the component logged at DEBUG").contains("Ampenet sms/send POST /api/v3/sms/send")
                .contains("apiToken=xxxxxx");
        assertNoTokenAnywhere();
    }

    @Test
    void noTokenInLogsExceptionsOrOutputForFailingCalls() throws Exception {
        ContactGroup group = run("direct:group", "Customers", Map.of()).getMessage().getBody(ContactGroup.class);
        sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/sms/send");

        expect(run("direct:wrongToken", null, Map.of()), AmpenetAuthenticationException.class);
        expect(run("direct:groupGet", null, Map.of(AmpenetConstants.GROUP_ID, "000000000dead")), AmpenetNotFoundException.class);
        expect(run("direct:send", "Habari", Map.of(AmpenetConstants.RECIPIENTS, "255712345678")), AmpenetUnknownOutcomeException.class);
        expect(run("direct:send", "Habari", Map.of(AmpenetConstants.RECIPIENTS, "9991234567")), AmpenetRecipientRejectedException.class);
        expect(run("direct:down", null, Map.of()), AmpenetConnectionException.class);
        expect(run("direct:noRoute", null, Map.of()), AmpenetMissingRouteException.class);
        expect(run("direct:group", "Customers", Map.of()), AmpenetException.class); // duplicate name
        expect(run("direct:groupGet", null, Map.of()), dev.camelampenet.ampenet.error.AmpenetValidationException.class); // no group id
        assertThat(group.uid()).isNotNull();

        assertThat(logs.text()).as("Camel's error handler logged the failures").contains("AmpenetAuthenticationException")
                .contains("AmpenetConnectionException").contains("Message History");
        assertNoTokenAnywhere();
    }

    @Test
    void endpointsPrintTheirUriMasked() {
        for (org.apache.camel.Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof AmpenetEndpoint && endpoint.getEndpointUri().contains("apiToken=")) {
                assertThat(endpoint.toString()).contains("apiToken=xxxxxx");
            }
            assertThat(allSecrets()).noneMatch(endpoint.toString()::contains);
        }
        assertThat(((AmpenetEndpoint) context.getRoute("poll").getEndpoint()).getConfiguration().getApiToken()).isEqualTo(TOKEN);
        assertNoTokenAnywhere();
    }

    private Exchange run(String uri, Object body, Map<String, Object> headers) {
        Exchange result = template.request(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
        if (result.getException() != null) {
            failures.add(result.getException());
        }
        return result;
    }

    private static void expect(Exchange result, Class<? extends Exception> type) {
        assertThat(result.getException()).isInstanceOf(type);
    }

    private void assertNoTokenAnywhere() {
        StringBuilder everything = new StringBuilder(logs.text()).append(console.toString(StandardCharsets.UTF_8));
        for (Throwable failure : failures) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            everything.append(trace);
            for (Throwable t = failure; t != null; t = t.getCause()) {
                everything.append(t.getMessage()).append(t);
            }
        }
        String text = everything.toString();
        assertThat(text).isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (allSecrets().stream().anyMatch(line::contains)) {
                leaks.add(line);
            }
        }
        assertThat(leaks).as("lines that show a token").isEmpty();
    }

    /** The token as written, URL-encoded, and its secret half alone. */
    private static List<String> forms(String token) {
        return List.of(token, URLEncoder.encode(token, StandardCharsets.UTF_8), token.substring(token.indexOf('|') + 1));
    }

    private static List<String> allSecrets() {
        List<String> all = new ArrayList<>(forms(TOKEN));
        all.addAll(forms(WRONG_TOKEN));
        return all;
    }

    /** Copies console output to the capture while it still reaches the console. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
