package dev.camelampenet.ampenet;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.simulator.FaultSettings;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.camelampenet.ampenet.support.Secrets.assertNoToken;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue item 3: a slow server ends every call within bounds; a read is retried, a send is never repeated. */
class TimeoutTest extends CamelTestSupport {

    private static final String TOKEN = "7|timeout-token-secret";
    private static final long LATENCY = 1200;

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri(String operation) {
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl()
                + "&requestTimeout=250&maxRetries=2&retryDelay=20";
    }

    private static List<JournalEntry> journal(String pathEnd) {
        return sim.simulator().journal().stream().filter(j -> j.path().endsWith(pathEnd)).collect(Collectors.toList());
    }

    @Test
    void slowReadsAreRetriedThenFail() {
        sim.simulator().setFaults(FaultSettings.NONE.withLatency(LATENCY, 0).withPath("/balance"));
        long start = System.nanoTime();

        Exchange result = template.request(uri("profile/balance"), e -> { });

        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        // a read without an answer is a transport failure (safe to repeat), never an "unknown outcome"
        assertThat(result.getException()).isInstanceOf(AmpenetConnectionException.class);
        AmpenetException e = (AmpenetException) result.getException();
        assertThat(e.getApiMessage()).contains("no answer within the requestTimeout of 250 ms");
        assertThat(e.getHttpResponseCode()).isZero();
        assertNoToken(e, TOKEN);
        // three attempts of 250 ms plus 20 + 40 ms between them, well before the server would have answered once
        // (an upper bound would be timing luck on a loaded machine: the timeout exception itself shows the client
        // gave up before the server answered)
        assertThat(tookMillis).isGreaterThanOrEqualTo(750L);
        // the server still sees (and, late, answers) all three
        waitUntil(() -> journal("/balance").size() == 3, Duration.ofSeconds(30));
        assertThat(journal("/balance")).hasSize(3);
    }

    @Test
    void slowSendIsUnknownOutcomeAndNotRepeated() {
        sim.simulator().setFaults(FaultSettings.NONE.withLatency(LATENCY, 0).withPath("/sms/send"));

        Exchange result = template.request(uri("sms/send"), e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, "255712345678");
        });

        assertThat(result.getException()).isInstanceOf(AmpenetUnknownOutcomeException.class);
        assertThat(((AmpenetUnknownOutcomeException) result.getException()).getApiMessage())
                .contains("no answer within the requestTimeout of 250 ms").contains("not repeated");
        // the server acts after its delay: the SMS exists once, and only one request ever arrived
        // (the journal records the request after its answer is written, a moment after the outbox: wait for both)
        waitUntil(() -> sim.simulator().outbox().size() == 1 && journal("/sms/send").size() == 1, Duration.ofSeconds(30));
        assertThat(sim.simulator().outbox()).hasSize(1);
        assertThat(journal("/sms/send")).hasSize(1);
    }

    @Test
    void defaultsAreFinite() {
        AmpenetConfiguration defaults = new AmpenetConfiguration();
        assertThat(defaults.getConnectTimeout()).isBetween(1L, 60_000L);
        assertThat(defaults.getRequestTimeout()).isBetween(1L, 120_000L);
        assertThat(defaults.getMaxRetries()).isBetween(0, 10);
        assertThat(defaults.getRetryDelay()).isBetween(1L, 10_000L);

        AmpenetEndpoint endpoint = context.getEndpoint("ampenet:profile/balance?apiToken=" + TOKEN, AmpenetEndpoint.class);
        assertThat(endpoint.getConfiguration().getConnectTimeout()).isEqualTo(defaults.getConnectTimeout());
        assertThat(endpoint.getConfiguration().getRequestTimeout()).isEqualTo(defaults.getRequestTimeout());
        AmpenetComponent component = context.getComponent("ampenet", AmpenetComponent.class);
        assertThat(component.getConfiguration().getRequestTimeout()).isEqualTo(defaults.getRequestTimeout());
    }

    @Test
    void nonPositiveTimeoutsAreRefusedUpFront() {
        for (String option : List.of("requestTimeout=0", "connectTimeout=-1", "maxRetries=-1", "retryDelay=-5", "rateLimit=0")) {
            Throwable failure;
            try {
                Exchange result = template.request("ampenet:profile/balance?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl()
                        + "&" + option, e -> { });
                failure = result.getException();
            } catch (RuntimeException e) {
                failure = e;
            }
            String name = option.substring(0, option.indexOf('='));
            assertThat(failure).as(option).isNotNull().hasStackTraceContaining(name + " must be");
        }
        assertThat(sim.simulator().journal()).isEmpty();
    }

    private static void waitUntil(BooleanSupplier condition, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
