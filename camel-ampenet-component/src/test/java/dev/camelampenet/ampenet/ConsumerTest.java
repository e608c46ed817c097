package dev.camelampenet.ampenet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.model.SmsMessage;
import dev.camelampenet.simulator.FaultSettings;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue item 6: from("ampenet:sms/list") emits one exchange per message (NEW) and per status change
 * (STATUS_CHANGED), never the same event twice, through all pages, and keeps running (backing off) while polls fail.
 * The v3.8 simulator lists every tenant's messages (its UNSCOPED_SMS_LIST bug); with one account that is harmless.
 */
class ConsumerTest extends CamelTestSupport {

    private static final String TOKEN = "7|consumer-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private final MemoryIdempotentRepository repo = new MemoryIdempotentRepository();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("repo", repo);
    }

    private static String base() {
        return "apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // started by each test once the simulator holds what it needs
                from("ampenet:sms/list?" + base() + "&delay=200&initialDelay=0&idempotentRepository=#repo")
                        .routeId("poll").autoStartup(false).to("mock:events");
                from("ampenet:sms/list?" + base() + "&delay=200&initialDelay=0&backoffErrorThreshold=1&backoffMultiplier=5")
                        .routeId("backoff").autoStartup(false).to("mock:events");
            }
        };
    }

    private void sendTo(int count, int offset) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(String.format("255712%06d", offset + i));
        }
        Exchange result = template.request("ampenet:sms/send?" + base(), e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, numbers);
        });
        assertThat(result.getException()).isNull();
    }

    private static List<String> uids(MockEndpoint mock) {
        return mock.getExchanges().stream().map(e -> e.getMessage().getBody(SmsMessage.class).uid()).collect(Collectors.toList());
    }

    private static List<String> events(MockEndpoint mock) {
        return mock.getExchanges().stream().map(e -> e.getMessage().getHeader(AmpenetConstants.EVENT, String.class))
                .collect(Collectors.toList());
    }

    @Test
    void emitsNewMessagesThenStatusChangesOnce() throws Exception {
        sendTo(3, 0);
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(3);

        context.getRouteController().startRoute("poll");

        events.assertIsSatisfied(5000);
        List<String> existing = sim.simulator().outbox().stream().map(OutboxMessage::uid).collect(Collectors.toList());
        assertThat(uids(events)).containsExactlyInAnyOrderElementsOf(existing);
        assertThat(events(events)).containsOnly(AmpenetConsumer.NEW);
        assertThat(events.getExchanges()).allSatisfy(e ->
                assertThat(e.getMessage().getHeader(AmpenetConstants.MESSAGE_ID)).isEqualTo(e.getMessage().getBody(SmsMessage.class).uid()));

        // a new message
        events.reset();
        events.expectedMessageCount(1);
        sendTo(1, 100);
        events.assertIsSatisfied(5000);
        assertThat(events(events)).containsExactly(AmpenetConsumer.NEW);
        assertThat(events.getExchanges().get(0).getMessage().getBody(SmsMessage.class).to()).isEqualTo("255712000100");

        // a delivery report changes one message's status
        String changed = existing.get(1);
        events.reset();
        events.expectedMessageCount(1);
        sim.simulator().deliveryReport(changed, "Undelivered");
        events.assertIsSatisfied(5000);
        assertThat(events(events)).containsExactly(AmpenetConsumer.STATUS_CHANGED);
        SmsMessage report = events.getExchanges().get(0).getMessage().getBody(SmsMessage.class);
        assertThat(report.uid()).isEqualTo(changed);
        assertThat(report.status()).isEqualTo("Undelivered");

        // several more polls: nothing is emitted again
        events.reset();
        events.expectedMessageCount(0);
        events.setAssertPeriod(1000);
        events.assertIsSatisfied();
        assertThat(sim.simulator().journal().stream().filter(j -> j.path().endsWith("/sms")).count()).isGreaterThan(5);

        // the route's own repository holds what was emitted
        assertThat(repo.getCache()).containsKeys(existing.get(0), existing.get(0) + ":Delivered", changed + ":Undelivered");
        assertThat(repo.getCacheSize()).isEqualTo(4 * 2 + 1);
    }

    @Test
    void followsPages() throws Exception {
        sendTo(60, 0); // three pages of 25
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(60);

        context.getRouteController().startRoute("poll");

        events.assertIsSatisfied(5000);
        assertThat(uids(events)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sim.simulator().outbox().stream().map(OutboxMessage::uid).collect(Collectors.toList()));
        // oldest first, as they happened
        assertThat(events.getExchanges().get(0).getMessage().getBody(SmsMessage.class).to()).isEqualTo("255712000000");
        assertThat(events.getExchanges().get(59).getMessage().getBody(SmsMessage.class).to()).isEqualTo("255712000059");
        List<JournalEntry> lists = sim.simulator().journal().stream().filter(j -> j.path().endsWith("/sms")).collect(Collectors.toList());
        assertThat(lists.get(0).query()).isEqualTo("page=1");
        assertThat(lists.get(1).query()).isEqualTo("page=2");
        assertThat(lists.get(2).query()).isEqualTo("page=3");

        events.reset();
        events.expectedMessageCount(0);
        events.setAssertPeriod(600);
        events.assertIsSatisfied();
    }

    /**
     * Messages arriving while a poll reads its pages push the older ones down a page, so one message can be on two
     * pages of the same poll; it is still emitted once.
     */
    @Test
    void aMessageSeenOnTwoPagesOfOnePollIsEmittedOnce() throws Exception {
        sendTo(30, 0);
        sim.simulator().setFaults(FaultSettings.NONE.withLatency(500, 0).withPath("/sms"));
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(35);

        context.getRouteController().startRoute("poll");
        // page 1 has been read (the journal records it once answered); page 2 is on its way, read 500 ms later
        waitUntil(() -> sim.simulator().journal().stream().anyMatch(j -> j.path().endsWith("/sms")), Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            sim.simulator().receive(TOKEN, String.format("255754%06d", i), "Inbound " + i);
        }

        events.assertIsSatisfied(8000);
        assertThat(uids(events)).doesNotHaveDuplicates().hasSize(35);
    }

    @Test
    void failingPollsBackOffAndTheConsumerKeepsRunning() throws Exception {
        sendTo(2, 0);
        sim.simulator().revokeAbilities(TOKEN, List.of("view_reports")); // GET /sms answers 403
        MockEndpoint events = getMockEndpoint("mock:events");

        context.getRouteController().startRoute("backoff");
        Thread.sleep(2000);

        // every 200 ms without backoff (about 10 polls); with it, one failed poll then five skipped
        long failedPolls = sim.simulator().journal().stream().filter(j -> j.path().endsWith("/sms")).count();
        assertThat(failedPolls).isBetween(1L, 4L);
        assertThat(events.getReceivedCounter()).isZero();
        assertThat(context.getRouteController().getRouteStatus("backoff").isStarted()).isTrue();

        events.expectedMessageCount(2);
        sim.simulator().revokeAbilities(TOKEN, List.of());
        events.assertIsSatisfied(5000);
        assertThat(events(events)).containsOnly(AmpenetConsumer.NEW);
    }

    @Test
    void aPollWaitsForEveryRetryOfItsCallButNotForever() {
        // defaults: 4 attempts of 30 s, waits of 1 + 2 + 4 s between them, 5 s margin
        assertThat(AmpenetConsumer.longestCallMillis(new AmpenetConfiguration())).isEqualTo(4 * 30_000 + 7_000 + 5_000);
    }

    private static void waitUntil(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition met within " + max).isTrue();
    }
}
