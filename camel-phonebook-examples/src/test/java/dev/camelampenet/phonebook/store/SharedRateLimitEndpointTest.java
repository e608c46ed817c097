package dev.camelampenet.phonebook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;

import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.simulator.AmpenetSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The component with {@code rateLimiter=#limiter}: an instance's endpoint books its request slots in the shared
 * bucket, so another instance (its own pool, its own limiter) sees them, and a throttle the endpoint meets holds that
 * other instance off too. The limiters' clock stands still: the waits asserted are computed.
 */
class SharedRateLimitEndpointTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final String ENDPOINT = "ampenet:sms/send?rateLimiter=#limiter";
    /** 1000 a minute: a burst of 20, then one every 60.5 s / 981 = 61.7 ms. */
    private static final int LIMIT = 1000;

    private final ManualClock clock = new ManualClock();
    private AmpenetSimulator sim;
    private FlowDatabase instanceA;
    private FlowDatabase instanceB;
    private CamelContext camel;

    private void start(int serverLimit, int maxRetries, long retryDelay) throws SQLException {
        sim = AmpenetSimulator.builder().rateLimit(serverLimit).start();
        StoreSettings settings = POSTGRES.newDatabase("endpoint");
        instanceA = FlowDatabase.open(settings, 2, Duration.ofSeconds(10));
        instanceB = FlowDatabase.open(settings, 2, Duration.ofSeconds(10));

        camel = new DefaultCamelContext();
        AmpenetComponent ampenet = new AmpenetComponent();
        ampenet.getConfiguration().setApiToken(sim.token());
        ampenet.getConfiguration().setBaseUrl(sim.baseUrl());
        ampenet.getConfiguration().setDefaultRegion("TZ");
        ampenet.getConfiguration().setMaxRetries(maxRetries);
        ampenet.getConfiguration().setRetryDelay(retryDelay);
        camel.addComponent("ampenet", ampenet);
        camel.getRegistry().bind("limiter", new PostgresRateLimiter(instanceA.dataSource(), sim.token(), LIMIT, clock));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (instanceA != null) {
            instanceA.close();
        }
        if (instanceB != null) {
            instanceB.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theEndpointBooksItsSlotsInTheSharedBucket() throws Exception {
        start(1000, 0, 20);
        ProducerTemplate template = camel.createProducerTemplate();
        for (int i = 0; i < 5; i++) {
            template.requestBodyAndHeader(ENDPOINT, "Habari " + i, AmpenetConstants.RECIPIENTS, "0712 345 67" + i);
        }
        assertThat(sim.outbox()).hasSize(5);

        // instance B on the same token finds 5 of the burst's 20 slots taken by instance A's endpoint
        PostgresRateLimiter other = new PostgresRateLimiter(instanceB.dataSource(), sim.token(), LIMIT, clock);
        for (int i = 0; i < 15; i++) {
            assertThat(other.reserve()).as("slot %d of the burst left", i).isZero();
        }
        assertThat(other.reserve()).isBetween(61L, 63L);
    }

    @Test
    void aThrottleTheEndpointMeetsHoldsOffTheOtherInstances() throws Exception {
        // the server allows 2 a minute while the instances believe 1000: the third call is refused ("Too Many
        // Attempts."), the client holds the token off by its retry delay and tries once more
        start(2, 1, 300);
        PostgresRateLimiter other = new PostgresRateLimiter(instanceB.dataSource(), sim.token(), LIMIT, clock);
        ProducerTemplate template = camel.createProducerTemplate();
        template.requestBodyAndHeader(ENDPOINT, "Habari", AmpenetConstants.RECIPIENTS, "0712 345 670");
        template.requestBodyAndHeader(ENDPOINT, "Habari", AmpenetConstants.RECIPIENTS, "0712 345 671");

        assertThatThrownBy(() -> template.requestBodyAndHeader(ENDPOINT, "Habari", AmpenetConstants.RECIPIENTS,
                "0712 345 672")).isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(AmpenetRateLimitedException.class);
        assertThat(sim.outbox()).hasSize(2);

        // without the hold-off, instance B would have 16 slots of the burst left; now it waits the retry delay at least
        assertThat(other.reserve()).isGreaterThanOrEqualTo(300L);
    }
}
