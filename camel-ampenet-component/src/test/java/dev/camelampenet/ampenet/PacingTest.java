package dev.camelampenet.ampenet;

import java.util.List;

import dev.camelampenet.ampenet.client.RequestPacer;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue item 4: client-side pacing per API token, shared by every endpoint of that token in the CamelContext and
 * independent between tokens. The pacer's arithmetic (burst, spacing, never more than the limit in any window) is
 * tested with a clock of its own in {@code client.RequestPacerTest}; here, that calls go through it.
 * <p>
 * Not tested here: a burst of 2N calls against a server limit of N per minute with rateLimit=N. Paced at N per
 * minute, 2N calls take about two minutes whatever N is, far over this suite's budget (the benchmark suite runs it:
 * docs/benchmarks.md, "Pacing").
 */
class PacingTest extends CamelTestSupport {

    private static final String TOKEN = "7|pacing-token-secret";
    private static final String OTHER_TOKEN = "8|other-pacing-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN).token(OTHER_TOKEN));

    private static String uri(String operation, String token, String options) {
        return "ampenet:" + operation + "?apiToken=" + token + "&baseUrl=" + sim.baseUrl() + options;
    }

    private long millisFor(int calls, List<String> uris) {
        // warm up: start the endpoints and the HTTP connection outside the measurement
        for (String uri : uris) {
            context.getEndpoint(uri);
        }
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            Exchange result = template.request(uris.get(i % uris.size()), e -> { });
            assertThat(result.getException()).isNull();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private RequestPacer pacerOf(String uri) {
        context.getEndpoint(uri); // started with the context: that is when it takes its token's pacer
        AmpenetEndpoint endpoint = context.getEndpoint(uri, AmpenetEndpoint.class);
        return context.getComponent("ampenet", AmpenetComponent.class).pacer(endpoint.getConfiguration().getApiToken(),
                endpoint.getConfiguration().getRateLimit());
    }

    @Test
    void endpointsOfOneTokenShareItsPace() {
        // 600 per minute: a burst of 12, then one call per 102.7 ms; 30 calls need at least 18 intervals
        long millis = millisFor(30, List.of(uri("profile/balance", TOKEN, "&rateLimit=600"), uri("profile/me", TOKEN, "&rateLimit=600")));

        assertThat(millis).isGreaterThanOrEqualTo(1800);
        assertThat(sim.simulator().journal()).hasSize(30);
    }

    @Test
    void differentTokensDoNotShareAPacer() {
        RequestPacer one = pacerOf(uri("profile/balance", TOKEN, "&rateLimit=600"));
        RequestPacer other = pacerOf(uri("profile/balance", OTHER_TOKEN, "&rateLimit=600"));
        RequestPacer sameToken = pacerOf(uri("profile/me", TOKEN, "&rateLimit=600"));

        assertThat(one).isNotSameAs(other).isSameAs(sameToken);
    }

    @Test
    void theSlowestRateAskedForATokenWins() {
        // one endpoint may not push the token over a lower limit another endpoint set
        RequestPacer pacer = pacerOf(uri("profile/balance", TOKEN, "&rateLimit=600"));
        pacerOf(uri("profile/me", TOKEN, "&rateLimit=6000"));

        assertThat(pacer.requestsPerMinute()).isEqualTo(600);
        assertThat(pacerOf(uri("sms/list", TOKEN, "&rateLimit=300"))).isSameAs(pacer);
        assertThat(pacer.requestsPerMinute()).isEqualTo(300);
    }

    @Test
    void withoutPacingTheServersOwnLimitAnswersTooManyAttempts() {
        // what pacing prevents: a server limit of 3 per minute and a client that allows itself far more
        sim.simulator().setRateLimit(3);
        String unpaced = uri("profile/balance", TOKEN, "&rateLimit=100000&maxRetries=0");
        for (int i = 0; i < 3; i++) {
            assertThat(template.request(unpaced, e -> { }).getException()).isNull();
        }

        Exchange fourth = template.request(unpaced, e -> { });

        assertThat(fourth.getException()).isInstanceOf(AmpenetRateLimitedException.class);
        assertThat(((AmpenetRateLimitedException) fourth.getException()).getApiMessage()).isEqualTo("Too Many Attempts.");
    }
}
