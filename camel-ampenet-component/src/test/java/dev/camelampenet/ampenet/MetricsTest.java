package dev.camelampenet.ampenet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException;
import dev.camelampenet.ampenet.metrics.MeterNames;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 3: the component's Micrometer meters, with a MeterRegistry in the Camel registry. Every figure is
 * checked against what the simulator counted on its side (the outbox for SMS, parts and units; the journal for calls
 * and throttles), including a real throttle (the simulator's rate limit), a refused recipient, and a bulk send cut by
 * the throttle and finished by Camel's redelivery (each SMS counted once).
 */
class MetricsTest extends CamelTestSupport {

    private static final String TOKEN = "7|metrics-token-secret";
    private static final String BLACKLISTED = "255754000111";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    /** Found by type, as in a Spring Boot application (camel-micrometer's "metricsRegistry" name also works). */
    @BindToRegistry("meters")
    private final MeterRegistry meters = new SimpleMeterRegistry();

    private static String uri(String operation, String options) {
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl() + "&retryDelay=5&maxRetries=1" + options;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the redelivery the component docs recommend; the account's window has room again before it
                onException(AmpenetException.class).maximumRedeliveries(2).redeliveryDelay(0)
                        .onRedelivery(e -> sim.simulator().setRateLimit(100_000));
                from("direct:send").to(uri("sms/send", "&rateLimit=100000"));
            }
        };
    }

    private double counter(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private static List<JournalEntry> sends() {
        return sim.simulator().journal().stream().filter(j -> j.path().endsWith("/sms/send")).collect(Collectors.toList());
    }

    private static long answered(String text) {
        return sends().stream().filter(j -> j.responseBody() != null && j.responseBody().contains(text)).count();
    }

    @Test
    void aBulkSendCutByTheThrottleAndRedeliveredCountsEverySmsOnceAsTheSimulatorDid() {
        sim.simulator().blacklist(List.of(BLACKLISTED));
        sim.simulator().setRateLimit(2); // calls 1-2 go out, the 3rd and its retry meet "Too Many Attempts."
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 249; i++) {
            numbers.add(String.format("255712%06d", i));
        }
        numbers.add(1, BLACKLISTED);

        Exchange result = template.request("direct:send", e -> {
            e.getMessage().setBody("Habari: the water is back on at 18:00, sorry for the long wait today. ".repeat(3)); // 2 parts
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, numbers);
        });

        assertThat(result.getException()).isNull();
        List<OutboxMessage> outbox = sim.simulator().outbox();
        assertThat(outbox).hasSize(249);
        assertThat(counter(MeterNames.SMS_SENT)).isEqualTo(outbox.size());
        assertThat(counter(MeterNames.SMS_SEGMENTS)).isEqualTo(outbox.stream().mapToInt(OutboxMessage::segments).sum())
                .isEqualTo(2 * 249);
        BigDecimal units = outbox.stream().map(m -> new BigDecimal(m.cost())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(counter(MeterNames.SMS_UNITS)).isEqualTo(units.doubleValue()).isPositive();
        assertThat(counter(MeterNames.RECIPIENTS_REFUSED)).isEqualTo(numbers.size() - outbox.size()).isEqualTo(1);
        // calls as the simulator journalled them: 4 answered (2, then 2 on redelivery), 2 throttled
        long throttled = answered("Too Many Attempts.");
        assertThat(throttled).isEqualTo(2);
        assertThat(counter(MeterNames.CALLS, "operation", "sms/send", "outcome", "throttled")).isEqualTo(throttled);
        assertThat(counter(MeterNames.THROTTLES, "operation", "sms/send")).isEqualTo(throttled);
        assertThat(counter(MeterNames.CALLS, "operation", "sms/send", "outcome", "ok"))
                .isEqualTo(sends().stream().filter(j -> j.status() == 200 && !j.isError()).count()).isEqualTo(3);
        assertThat(counter(MeterNames.RETRIES, "operation", "sms/send")).isEqualTo(1); // the client's own, not Camel's
        Timer pacer = meters.find(MeterNames.PACER_WAIT).timer();
        assertThat(pacer).isNotNull();
        assertThat(pacer.count()).isEqualTo(sends().size());
        assertNoSecretInAnyMeter();
    }

    @Test
    void aRefusedRecipientIsARefusedCallAndNoSms() {
        sim.simulator().blacklist(List.of(BLACKLISTED));

        Exchange result = template.request(uri("sms/send", ""), e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, BLACKLISTED + ",12345");
        });

        assertThat(result.getException()).isInstanceOf(AmpenetRecipientRejectedException.class);
        assertThat(sim.simulator().outbox()).isEmpty();
        assertThat(counter(MeterNames.SMS_SENT)).isZero();
        // the blacklisted number refused by the server (one journalled error), the invalid one by the component
        assertThat(sends()).hasSize(1).allSatisfy(j -> assertThat(j.isError()).isTrue());
        assertThat(counter(MeterNames.CALLS, "operation", "sms/send", "outcome", "refused")).isEqualTo(1);
        assertThat(counter(MeterNames.RECIPIENTS_REFUSED)).isEqualTo(2);
        assertNoSecretInAnyMeter();
    }

    @Test
    void callsOfEveryOperationAreCountedByOutcome() {
        template.request(uri("profile/balance", ""), e -> { });
        template.request(uri("profile/me", ""), e -> { });
        Exchange bad = template.request("ampenet:profile/me?apiToken=7|not-the-token&baseUrl=" + sim.baseUrl(), e -> { });

        assertThat(bad.getException()).isInstanceOf(AmpenetException.class);
        assertThat(sim.simulator().journal()).hasSize(3);
        assertThat(counter(MeterNames.CALLS, "operation", "profile/balance", "outcome", "ok")).isEqualTo(1);
        assertThat(counter(MeterNames.CALLS, "operation", "profile/me", "outcome", "ok")).isEqualTo(1);
        assertThat(counter(MeterNames.CALLS, "operation", "profile/me", "outcome", "authentication")).isEqualTo(1);
        assertNoSecretInAnyMeter();
    }

    @Test
    void thePacerWaitIsTimed() {
        // 60 a minute: a burst of one, then a call about every second; the second call waits for its slot
        String uri = uri("profile/balance", "&rateLimit=60");
        template.request(uri, e -> { });
        template.request(uri, e -> { });

        assertThat(sim.simulator().journal()).hasSize(2);
        Timer pacer = meters.find(MeterNames.PACER_WAIT).timer();
        assertThat(pacer.count()).isEqualTo(2);
        assertThat(pacer.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThan(500);
    }

    /** Tags are operation and outcome words only: no token, no number, no URL. */
    private void assertNoSecretInAnyMeter() {
        for (Meter meter : meters.getMeters()) {
            assertThat(meter.getId().getName()).startsWith("ampenet.");
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getKey()).isIn(MeterNames.TAG_OPERATION, MeterNames.TAG_OUTCOME);
                assertThat(tag.getValue()).doesNotContain("secret").doesNotContain("255").doesNotContain("http");
            }
        }
    }
}
