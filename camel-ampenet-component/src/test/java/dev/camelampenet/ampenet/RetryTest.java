package dev.camelampenet.ampenet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.Balance;
import dev.camelampenet.ampenet.model.Profile;
import dev.camelampenet.ampenet.support.CountingHttpClient;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.camelampenet.ampenet.support.Secrets.assertNoToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue item 2: retries only where they cannot duplicate an SMS. The simulator's journal shows every request that
 * reached it and the outbox every SMS it sent, so "nothing was sent twice" is checked, not assumed.
 */
class RetryTest extends CamelTestSupport {

    private static final String TOKEN = "7|retry-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri(String operation, String options) {
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl() + "&retryDelay=20&maxRetries=3" + options;
    }

    private Exchange send(String uri) {
        return template.request(uri, e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, "255712345678");
        });
    }

    private static List<JournalEntry> journal(String pathEnd) {
        return sim.simulator().journal().stream().filter(j -> j.path().endsWith(pathEnd)).collect(Collectors.toList());
    }

    @Test
    void throttledSendIsRetriedAndSentOnce() {
        sim.simulator().nextFault(Fault.THROTTLE, 1, "/sms/send");

        Exchange result = send(uri("sms/send", ""));

        assertThat(result.getException()).isNull();
        assertThat(sim.simulator().outbox()).hasSize(1);
        List<JournalEntry> sends = journal("/sms/send");
        assertThat(sends).hasSize(2);
        assertThat(sends.get(0).responseBody()).contains("Too Many Attempts.");
        assertThat(sends.get(1).status()).isEqualTo(200);
        assertThat(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class))
                .containsExactly(sim.simulator().outbox().get(0).uid());
    }

    /** Acceptance: the server acted, the answer was lost: unknown outcome, and the SMS exists exactly once. */
    @Test
    void dropAfterActingIsUnknownOutcomeAndNeverRepeated() {
        sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/sms/send");

        Exchange result = send(uri("sms/send", ""));

        assertThat(result.getException()).isInstanceOf(AmpenetUnknownOutcomeException.class);
        assertNoToken(result.getException(), TOKEN);
        assertThat(sim.simulator().outbox()).hasSize(1);
        List<JournalEntry> sends = journal("/sms/send");
        assertThat(sends).hasSize(1);
        assertThat(sends.get(0).fault()).isEqualTo("drop-after");
    }

    /**
     * The server did not act, but the client cannot tell this drop from the one above (both are a connection closed
     * without an answer), so a write must end the same way: unknown outcome, not repeated, nothing sent twice.
     */
    @Test
    void dropBeforeActingOnASendIsAlsoUnknownOutcome() {
        sim.simulator().nextFault(Fault.DROP_BEFORE, 1, "/sms/send");

        Exchange result = send(uri("sms/send", ""));

        assertThat(result.getException()).isInstanceOf(AmpenetUnknownOutcomeException.class);
        assertThat(((AmpenetUnknownOutcomeException) result.getException()).getApiMessage()).contains("not repeated");
        assertThat(sim.simulator().outbox()).isEmpty();
        List<JournalEntry> sends = journal("/sms/send");
        assertThat(sends).hasSize(1);
        assertThat(sends.get(0).fault()).isEqualTo("drop-before");
    }

    @Test
    void anUnknownOutcomeStopsABulkSendBeforeItsNextChunk() {
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            numbers.add(String.format("255712%06d", i));
        }
        sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/sms/send");

        Exchange result = template.request(uri("sms/send", ""), e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, numbers);
        });

        // the first 100 went out unseen; the other 50 are not sent on top of an unknown state, and the exchange says
        // which are which
        assertThat(result.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetPartialSendException.class)
                .hasCauseInstanceOf(AmpenetUnknownOutcomeException.class);
        assertThat(result.getMessage().getHeader(AmpenetConstants.UNCERTAIN_RECIPIENTS, List.class)).hasSize(100);
        assertThat(result.getMessage().getHeader(AmpenetConstants.UNSENT_RECIPIENTS, List.class)).hasSize(50)
                .containsExactlyElementsOf(numbers.subList(100, 150));
        assertThat(journal("/sms/send")).hasSize(1);
        assertThat(sim.simulator().outbox()).hasSize(100);
    }

    @Test
    void droppedReadsAreRetried() {
        sim.simulator().nextFault(Fault.DROP_BEFORE, 1, "/balance");
        sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/balance");

        Exchange result = template.request(uri("profile/balance", ""), e -> { });

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody()).isInstanceOf(Balance.class);
        assertThat(journal("/balance")).extracting(JournalEntry::fault).containsExactly("drop-before", "drop-after", null);
    }

    @Test
    void http500OnReadsIsRetriedAndSucceeds() {
        AmpenetSimulator simulator = sim.simulator();
        simulator.nextFault(Fault.HTTP_500, 2, "/balance");
        simulator.nextFault(Fault.HTTP_500, 1, "/me");

        Exchange balance = template.request(uri("profile/balance", ""), e -> { });
        Exchange me = template.request(uri("profile/me", ""), e -> { });

        assertThat(balance.getException()).isNull();
        assertThat(balance.getMessage().getBody()).isInstanceOf(Balance.class);
        assertThat(journal("/balance")).extracting(JournalEntry::status).containsExactly(500, 500, 200);
        assertThat(me.getException()).isNull();
        assertThat(me.getMessage().getBody()).isInstanceOf(Profile.class);
        assertThat(journal("/me")).extracting(JournalEntry::status).containsExactly(500, 200);
    }

    @Test
    void http500OnASendIsUnknownOutcomeAndNotRetried() {
        sim.simulator().nextFault(Fault.HTTP_500, 1, "/sms/send");

        Exchange result = send(uri("sms/send", ""));

        assertThat(result.getException()).isInstanceOf(AmpenetUnknownOutcomeException.class);
        assertThat(((AmpenetUnknownOutcomeException) result.getException()).getHttpResponseCode()).isEqualTo(500);
        assertThat(journal("/sms/send")).hasSize(1);
        assertThat(sim.simulator().outbox()).isEmpty(); // this simulator's 500 comes before it acts; a real one may not
    }

    @Test
    void connectionRefusedIsConnectionExceptionAfterMaxRetriesPlusOneAttempts() throws Exception {
        CountingHttpClient counting = CountingHttpClient.create();
        context.getRegistry().bind("counting", counting);
        String closed = "http://127.0.0.1:" + closedPort() + "/api/v3";

        Exchange read = template.request("ampenet:profile/balance?apiToken=" + TOKEN + "&baseUrl=" + closed
                + "&maxRetries=2&retryDelay=20&httpClient=#counting", e -> { });

        assertThat(read.getException()).isInstanceOf(AmpenetConnectionException.class);
        assertThat(((AmpenetConnectionException) read.getException()).getHttpResponseCode()).isZero();
        assertNoToken(read.getException(), TOKEN);
        assertThat(counting.requests()).isEqualTo(3);

        // nothing reached a server, so even a send may be repeated
        Exchange write = template.request("ampenet:sms/send?apiToken=" + TOKEN + "&baseUrl=" + closed
                + "&maxRetries=2&retryDelay=20&httpClient=#counting", e -> {
                    e.getMessage().setBody("Habari");
                    e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, "255712345678");
                });
        assertThat(write.getException()).isInstanceOf(AmpenetConnectionException.class);
        assertThat(counting.requests()).isEqualTo(6);
    }

    @Test
    void connectionRefusedWithTheComponentsOwnClient() throws Exception {
        String closed = "http://127.0.0.1:" + closedPort() + "/api/v3";
        long start = System.nanoTime();

        Exchange read = template.request("ampenet:profile/me?apiToken=" + TOKEN + "&baseUrl=" + closed
                + "&maxRetries=2&retryDelay=100", e -> { });

        assertThat(read.getException()).isInstanceOf(AmpenetConnectionException.class);
        // two retries waited 100 ms and 200 ms: proof the attempts happened, without a counting client
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> none() {
        return Map.of();
    }
}
