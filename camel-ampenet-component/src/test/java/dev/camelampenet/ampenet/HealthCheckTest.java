package dev.camelampenet.ampenet;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.camelampenet.ampenet.support.Secrets.assertNoToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue item 7: the producer health check (group camel, id producer:ampenet-&lt;resource&gt;-&lt;operation&gt;-&lt;host&gt;)
 * is UP against the API, DOWN with the API's message when the token is refused, and never shows the token; the
 * consumer's built-in scheduled-poll health check goes DOWN after failed polls. Issue 16 item 3: the id names what the
 * check watches and stays the same over a restart.
 */
class HealthCheckTest extends CamelTestSupport {

    private static final String TOKEN = "7|health-token-secret";
    private static final String WRONG_TOKEN = "7|health-wrong-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String goodUri() {
        return "ampenet:sms/send?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl();
    }

    private static String badUri() {
        return "ampenet:sms/send?apiToken=" + WRONG_TOKEN + "&baseUrl=" + sim.baseUrl();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:good").routeId("good").to(goodUri());
                from("direct:bad").routeId("bad").to(badUri());
            }
        };
    }

    /** Producer checks are off by default in Camel (they call out); an application turns them on like this. */
    private HealthCheckRegistry producerChecksOn() {
        WritableHealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers",
                WritableHealthCheckRepository.class);
        assertThat(producers).as("the producer registered its check in the producers repository").isNotNull();
        producers.setEnabled(true);
        return HealthCheckRegistry.get(context);
    }

    private HealthCheck producerCheck(String uri) {
        String id = idOf(uri);
        return producerChecksOn().getCheck(id).orElseThrow(() -> new AssertionError("no health check " + id));
    }

    /** The id of the check of the endpoint of this URI, found through the checks registered. */
    private String idOf(String uri) {
        AmpenetEndpoint endpoint = context.getEndpoint(uri, AmpenetEndpoint.class);
        producerChecksOn(); // a disabled repository lists no checks
        return HealthCheckHelper.getHealthCheckRepository(context, "producers", WritableHealthCheckRepository.class).stream()
                .filter(c -> c instanceof AmpenetProducerHealthCheck && ((AmpenetProducerHealthCheck) c).endpoint() == endpoint)
                .map(HealthCheck::getId).findFirst().orElseThrow(() -> new AssertionError("no health check for " + endpoint));
    }

    @Test
    void checkIdsNameTheResourceOperationAndHostAndStayTheSameOverARestart() {
        producerChecksOn();
        // routes start in order: "good" first, so its check has the plain name; the other token's endpoint of the same
        // operation and host gets a suffix
        assertThat(idOf(goodUri())).isEqualTo("producer:ampenet-sms-send-127.0.0.1");
        assertThat(idOf(badUri())).isEqualTo("producer:ampenet-sms-send-127.0.0.1-2");
        assertThat(HealthCheckRegistry.get(context).getCheck("producer:ampenet-sms-send-127.0.0.1")).isPresent();

        context.stop();
        context.start();

        assertThat(idOf(goodUri())).isEqualTo("producer:ampenet-sms-send-127.0.0.1");
        assertThat(idOf(badUri())).isEqualTo("producer:ampenet-sms-send-127.0.0.1-2");
    }

    private static void assertNoTokenIn(HealthCheck.Result result) {
        assertNoToken(String.valueOf(result.getMessage().orElse("")) + result.getDetails(), TOKEN, WRONG_TOKEN);
        result.getError().ifPresent(e -> assertNoToken(e, TOKEN, WRONG_TOKEN));
    }

    @Test
    void producerCheckIsRegisteredAndUpAgainstTheApi() {
        HealthCheck check = producerCheck(goodUri());

        assertThat(check.getGroup()).isEqualTo("camel");
        assertThat(check.getId()).isEqualTo("producer:ampenet-sms-send-127.0.0.1");
        HealthCheck.Result result = check.call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("balance", "$10,000").containsEntry("baseUrl", sim.baseUrl());
        assertNoTokenIn(result);
    }

    @Test
    void producerCheckIsDownWithTheApisMessageWhenTheTokenIsWrong() {
        HealthCheck.Result result = producerCheck(badUri()).call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("Unauthenticated."));
        assertThat(result.getDetails()).containsEntry(AbstractHealthCheck.SERVICE_STATUS_CODE, 200);
        assertNoTokenIn(result);
    }

    @Test
    void helperInvokeReportsTheDownProducer() {
        producerChecksOn();

        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(context, c -> Map.of(), c -> false, "full");

        assertThat(results).anySatisfy(r -> {
            assertThat(r.getCheck().getId()).isEqualTo(idOf(badUri()));
            assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
        });
        assertThat(results).anySatisfy(r -> {
            assertThat(r.getCheck().getId()).isEqualTo(idOf(goodUri()));
            assertThat(r.getState()).isEqualTo(HealthCheck.State.UP);
        });
        results.forEach(HealthCheckTest::assertNoTokenIn);
    }

    @Test
    void consumerCheckIsDownAfterFailedPolls() throws Exception {
        HealthCheckRepository consumers = HealthCheckHelper.getHealthCheckRepository(context, "consumers");
        assertThat(consumers).isNotNull();
        consumers.setEnabled(true);

        addPollingRoute("badPoll", WRONG_TOKEN);
        HealthCheck check = HealthCheckRegistry.get(context).getCheck("consumer:badPoll").orElseThrow();
        // the poll fails when its answer is in; the check sees it once the consumer has counted the error
        waitUntil(() -> check.call().getMessage().orElse("").contains("failed polling"), Duration.ofSeconds(30));

        HealthCheck.Result result = check.call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("Consumer failed polling").contains("badPoll"));
        assertThat(result.getError()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("Unauthenticated."));
        assertNoTokenIn(result);
    }

    @Test
    void consumerCheckIsUpWhenPollsWork() throws Exception {
        HealthCheckHelper.getHealthCheckRepository(context, "consumers").setEnabled(true);

        addPollingRoute("goodPoll", TOKEN);
        HealthCheck check = HealthCheckRegistry.get(context).getCheck("consumer:goodPoll").orElseThrow();
        waitUntil(() -> sim.simulator().journal().size() >= 2, Duration.ofSeconds(30));

        HealthCheck.Result result = check.call(Map.of(HealthCheck.CHECK_KIND, HealthCheck.Kind.READINESS));
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertNoTokenIn(result);
    }

    /**
     * Adds a polling route to the running context. (Camel skips the consumer check of a route declared with
     * autoStartup=false, so the route is added, and started, by the test that needs it.)
     */
    private void addPollingRoute(String routeId, String token) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("ampenet:sms/list?apiToken=" + token + "&baseUrl=" + sim.baseUrl() + "&delay=100&initialDelay=0")
                        .routeId(routeId).to("mock:events");
            }
        });
    }

    private static void waitUntil(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition met within " + max).isTrue();
    }
}
