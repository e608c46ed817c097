package dev.camelampenet.ampenet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetPartialSendException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk send that fails part-way, and the redeliveries that follow, counted from the simulator's outbox: every
 * recipient gets the SMS exactly once, and every attempt's headers (and exception) say where each recipient ended.
 * On the code before the send accounting, the redelivery the component docs recommend sent the whole list again.
 */
class PartialSendTest extends CamelTestSupport {

    private static final String TOKEN = "7|partial-send-token-secret";
    private static final int RECIPIENTS = 1000;

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN).balance(new BigDecimal("100000")));

    /** What the route's error handler does before each redelivery (set per test). */
    private volatile Function<Integer, Void> beforeRedelivery = attempt -> null;

    private static String uri() {
        // the client repeats a throttled call once, quickly: the test is about what happens when that is not enough
        return "ampenet:sms/send?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl() + "&retryDelay=5&maxRetries=1&rateLimit=100000";
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // what the component docs recommend: redeliver on any Ampenet failure the exchange may be repeated for
                onException(AmpenetException.class).maximumRedeliveries(3).redeliveryDelay(0)
                        .onRedelivery(e -> beforeRedelivery.apply(e.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)));
                from("direct:send").to(uri());
                from("direct:campaign").to(uri().replace("sms/send", "sms/campaign"));
            }
        };
    }

    private static List<String> numbers() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            numbers.add(String.format("255712%06d", i));
        }
        return numbers;
    }

    private Exchange send(String endpoint) {
        return template.request(endpoint, e -> {
            e.getMessage().setBody("Habari: the water is back on");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, numbers());
        });
    }

    /** SMS per number in the simulator's outbox. */
    private static Map<String, Long> copiesPerNumber() {
        return sim.simulator().outbox().stream().collect(Collectors.groupingBy(OutboxMessage::to, Collectors.counting()));
    }

    @Test
    void aThrottledBulkSendFailsPartWayAndSaysWhoWasSent() {
        sim.simulator().setRateLimit(5); // calls 1-5 go out, the 6th and its retry meet "Too Many Attempts."

        Exchange result = send(uri());

        assertThat(result.getException()).isInstanceOf(AmpenetPartialSendException.class)
                .hasCauseInstanceOf(AmpenetRateLimitedException.class)
                .hasMessageContaining("500 sent").hasMessageContaining("500 unsent");
        AmpenetException failure = (AmpenetException) result.getException();
        assertThat(failure.isSafeToRetry()).isFalse(); // repeating the whole send would message 500 people twice
        SendResult accounting = failure.getSendResult();
        assertThat(accounting.sent()).hasSize(500).containsExactlyElementsOf(numbers().subList(0, 500));
        assertThat(accounting.unsent()).containsExactlyElementsOf(numbers().subList(500, 1000));
        assertThat(accounting.uncertain()).isEmpty();
        // the same accounting in the headers, as on success
        assertThat(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class)).hasSize(500);
        assertThat(result.getMessage().getHeader(AmpenetConstants.UNSENT_RECIPIENTS, List.class)).hasSize(500);
        assertThat(result.getMessage().getHeader(AmpenetConstants.UNCERTAIN_RECIPIENTS, List.class)).isEmpty();
        assertThat(result.getMessage().getHeader(AmpenetConstants.REJECTED_RECIPIENTS, List.class)).isEmpty();
        // counted on the other side: 500 SMS, one each
        assertThat(copiesPerNumber()).hasSize(500).allSatisfy((number, copies) -> assertThat(copies).isEqualTo(1L));
    }

    @Test
    void aRedeliveryContinuesWithTheUnsentRecipientsOnly() {
        sim.simulator().setRateLimit(5);
        beforeRedelivery = attempt -> {
            sim.simulator().setRateLimit(100_000); // the account's window has room again
            return null;
        };

        Exchange result = template.request("direct:send", e -> {
            e.getMessage().setBody("Habari: the water is back on");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, numbers());
        });

        assertThat(result.getException()).isNull();
        Map<String, Long> copies = copiesPerNumber();
        assertThat(copies).hasSize(RECIPIENTS).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        SendResult body = result.getMessage().getBody(SendResult.class);
        assertThat(body.sent()).hasSize(RECIPIENTS);
        assertThat(body.messages()).hasSize(RECIPIENTS); // the uids of both attempts
        assertThat(body.unsent()).isEmpty();
        assertThat(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class)).hasSize(RECIPIENTS);
        // 5 calls, then the throttled 6th and its retry, then the 5 left
        assertThat(sim.simulator().journal().stream().filter(j -> j.path().endsWith("/sms/send"))).hasSize(12);
    }

    @Test
    void anUncertainCallInTheMiddleIsNeverSentAgainByTheRedeliveries() {
        sim.simulator().setRateLimit(5);
        beforeRedelivery = attempt -> {
            sim.simulator().setRateLimit(100_000);
            if (attempt == 1) {
                // the second attempt's first call (recipients 501-600) is carried out, and its answer lost
                sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/sms/send");
            }
            return null;
        };

        Exchange result = template.request("direct:send", e -> {
            e.getMessage().setBody("Habari: the water is back on");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, numbers());
        });

        // every recipient got exactly one SMS, the uncertain hundred included: none was sent twice by the redeliveries
        assertThat(copiesPerNumber()).hasSize(RECIPIENTS).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        // and the exchange does not end as a success that hides the hundred it cannot vouch for
        assertThat(result.getException()).isInstanceOf(AmpenetPartialSendException.class)
                .hasCauseInstanceOf(AmpenetUnknownOutcomeException.class);
        SendResult accounting = ((AmpenetException) result.getException()).getSendResult();
        assertThat(accounting.uncertain()).containsExactlyElementsOf(numbers().subList(500, 600));
        assertThat(accounting.sent()).hasSize(900);
        assertThat(accounting.unsent()).isEmpty();
        assertThat(result.getMessage().getHeader(AmpenetConstants.UNCERTAIN_RECIPIENTS, List.class)).hasSize(100);
    }

    @Test
    void aNewExchangeForTheSameWorkIsNotARedelivery() {
        // the accounting of one exchange never silences another: the flows' ledgers decide about new exchanges
        List<String> two = List.of("255712000001", "255712000002");
        for (int i = 0; i < 2; i++) {
            Exchange result = template.request(uri(), e -> {
                e.getMessage().setBody("Hi");
                e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, two);
            });
            assertThat(result.getException()).isNull();
        }
        assertThat(copiesPerNumber()).containsEntry("255712000001", 2L).containsEntry("255712000002", 2L);
    }

    @Test
    void aCampaignWhoseOutcomeIsUnknownIsNotSentAgainByTheRedeliveries() {
        String group = template.requestBody(uri().replace("sms/send", "groups/create"), "Customers",
                dev.camelampenet.ampenet.model.ContactGroup.class).uid();
        for (String number : List.of("255712000001", "255712000002", "255712000003")) {
            template.requestBodyAndHeader(uri().replace("sms/send", "contacts/store"), number, AmpenetConstants.GROUP_ID, group);
        }
        sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/sms/campaign");

        Exchange result = template.request("direct:campaign", e -> {
            e.getMessage().setBody("Karibu");
            e.getMessage().setHeader(AmpenetConstants.GROUP_ID, group);
        });

        // the campaign went out once; the three redeliveries recognised it instead of messaging the group again
        assertThat(result.getException()).isInstanceOf(AmpenetUnknownOutcomeException.class);
        assertThat(copiesPerNumber()).hasSize(3).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        assertThat(sim.simulator().journal().stream().filter(j -> j.path().endsWith("/sms/campaign"))).hasSize(1);
    }
}
