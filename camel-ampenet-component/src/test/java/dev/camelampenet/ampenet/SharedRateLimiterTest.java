package dev.camelampenet.ampenet;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.camelampenet.ampenet.api.AmpenetRateLimiter;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.BindToRegistry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rateLimiter option: every request of every endpoint that names it books its slot there (so instances sharing
 * one limiter keep the account's limit together), and a throttle from the server holds the shared limiter off.
 */
class SharedRateLimiterTest extends CamelTestSupport {

    private static final String TOKEN = "7|shared-limiter-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    /** Lets every request go, counting them, and remembers the longest hold-off asked for. */
    static final class CountingLimiter implements AmpenetRateLimiter {
        final AtomicInteger reservations = new AtomicInteger();
        final AtomicLong heldOff = new AtomicLong();

        @Override
        public long reserve() {
            reservations.incrementAndGet();
            return 0;
        }

        @Override
        public void holdOff(long millis) {
            heldOff.accumulateAndGet(millis, Math::max);
        }
    }

    @BindToRegistry("sharedLimiter")
    private final CountingLimiter limiter = new CountingLimiter();

    private static String uri(String operation) {
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl()
                + "&rateLimiter=#sharedLimiter&retryDelay=20";
    }

    @Test
    void everyRequestOfEveryEndpointBooksItsSlotInTheSharedLimiter() {
        template.requestBodyAndHeader(uri("sms/send"), "Hi", AmpenetConstants.RECIPIENTS, "255712345678");
        template.requestBodyAndHeader(uri("sms/send"), "Hi", AmpenetConstants.RECIPIENTS, List.of("255754000111", "255765000333"));
        template.requestBody(uri("profile/balance"), (Object) null);

        assertThat(limiter.reservations.get()).isEqualTo(sim.simulator().journal().size()).isEqualTo(3);
    }

    @Test
    void aThrottleHoldsTheSharedLimiterOff() {
        sim.simulator().nextFault(Fault.THROTTLE, 1, "/sms/send");

        template.requestBodyAndHeader(uri("sms/send"), "Hi", AmpenetConstants.RECIPIENTS, "255712345678");

        assertThat(limiter.heldOff.get()).isGreaterThanOrEqualTo(20);
        assertThat(limiter.reservations.get()).isEqualTo(2); // the throttled call and its retry
        assertThat(sim.simulator().outbox()).hasSize(1);
    }
}
