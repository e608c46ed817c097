package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue acceptance: 250 recipients (local and international forms, duplicates, one invalid) become 3 calls of at
 * most 100, each valid number messaged exactly once, the invalid one reported, the message uids in the header.
 */
class SendAcceptanceTest extends CamelTestSupport {

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token("7|acceptance-token-secret"));

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("ampenet:sms/send?apiToken=" + sim.token() + "&baseUrl=" + sim.baseUrl()
                        + "&defaultRegion=TZ&senderId=AMPENET");
            }
        };
    }

    @Test
    void twoHundredFiftyRecipientsBecomeThreeCallsAndEachValidNumberIsMessagedOnce() {
        List<String> recipients = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // international form, without '+', as the API writes them
            String n = String.format("255712%06d", i);
            recipients.add(n);
            expected.add(n);
        }
        for (int i = 0; i < 40; i++) { // local form, read with defaultRegion TZ
            recipients.add(String.format("0713 %03d %03d", i / 1000, i % 1000));
            expected.add(String.format("255713%06d", i));
        }
        for (int i = 0; i < 9; i++) { // duplicates written another way
            recipients.add(String.format("+255 712 %03d %03d", i / 1000, i % 1000));
        }
        recipients.add("12345"); // invalid
        Collections.shuffle(recipients, new java.util.Random(7));
        assertThat(recipients).hasSize(250);

        Exchange result = template.request("direct:a", e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, recipients);
        });

        assertThat(result.getException()).isNull();
        AmpenetSimulator simulator = sim.simulator();
        List<JournalEntry> sends = simulator.journal().stream().filter(j -> j.path().endsWith("/sms/send")).collect(Collectors.toList());
        assertThat(sends).hasSize(3);
        List<OutboxMessage> outbox = simulator.outbox();
        Map<String, Long> perNumber = outbox.stream().collect(Collectors.groupingBy(OutboxMessage::to, Collectors.counting()));
        assertThat(perNumber.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(perNumber.values()).allMatch(count -> count == 1);

        List<String> ids = result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class);
        assertThat(ids).hasSize(240).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(outbox.stream().map(OutboxMessage::uid).collect(Collectors.toList()));
        List<RejectedRecipient> rejected = result.getMessage().getHeader(AmpenetConstants.REJECTED_RECIPIENTS, List.class);
        assertThat(rejected).extracting(RejectedRecipient::recipient).containsExactly("12345");
        assertThat(rejected.get(0).reason()).contains("not a valid phone number");
        SendResult body = result.getMessage().getBody(SendResult.class);
        assertThat(body.calls()).isEqualTo(3);
        assertThat(body.accepted()).isEqualTo(240);
        assertThat(result.getMessage().getHeader(AmpenetConstants.ENCODING)).isEqualTo("GSM_7");
        assertThat(result.getMessage().getHeader(AmpenetConstants.SEGMENTS)).isEqualTo(1);
        Function<OutboxMessage, String> from = OutboxMessage::from;
        assertThat(outbox).extracting(from).containsOnly("AMPENET");
    }
}
