package dev.camelampenet.phonebook.alerting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.OutboxMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** (a) What an alert may look like, and where a bad one goes: sms.alerts.invalid, with the reason, body intact. */
class AlertFormatsTest {

    @TempDir
    Path work;

    @Test
    void everyFormatIsSentAndEveryBadMessageIsInvalidWithItsReason() throws Exception {
        try (AmpenetSimulator sim = AmpenetSimulator.builder().start();
             AlertingHarness h = new AlertingHarness(sim, work, Map.of())) {
            h.publish(
                    "{\"to\":\"255712000001\",\"text\":\"one number\"}",
                    "{\"to\":[\"255712000002\",\"+255 712 000 003\"],\"text\":\"a list\"}",
                    "{\"to\":255712000004,\"text\":\"a JSON number\"}",
                    "{\"to\":\"0712 000 005\",\"text\":\"local form\",\"senderId\":\"OPS\"}",
                    "{\"id\":\"sched-1\",\"to\":\"255712000006,255712000007\",\"text\":\"later\",\"scheduleAt\":\"2030-01-02T07:00:00+03:00\"}");
            AlertQueues.publish(h.cf(), "sms.alerts", List.of("plain text alert"),
                    Map.of(AlertHeaders.TO, "255712000008, 255712000009", AlertHeaders.SENDER_ID, "NOC"));

            Map<String, String> bad = new java.util.LinkedHashMap<>();
            bad.put("{not json", "not valid JSON");
            bad.put("[\"a\",\"b\"]", "needs an AlertTo");
            bad.put("{\"to\":\"255712000010\"}", "no text");
            bad.put("{\"to\":\"255712000011\",\"text\":\"  \"}", "no text");
            bad.put("{\"text\":\"nobody\"}", "no recipient");
            bad.put("{\"to\":\"255712000012\",\"group\":\"ops\",\"text\":\"both\"}", "both to and group");
            bad.put("{\"to\":\"12\",\"text\":\"short number\"}", "'12' is not a valid phone number");
            bad.put("{\"to\":\"call me\",\"text\":\"letters\"}", "not a phone number");
            bad.put("{\"to\":\"255712000013\",\"text\":\"t\",\"scheduleAt\":\"tomorrow\"}", "scheduleAt 'tomorrow' is not a time");
            bad.put("{\"to\":\"255712000014\",\"text\":\"t\",\"sender\":\"X\"}", "unknown field 'sender'");
            bad.put("{\"to\":\"255712000015\",\"text\":\"t\",\"senderId\":\"MUCH-TOO-LONG-SENDER\"}", "senderId: sender id");
            bad.put("{\"to\":[],\"text\":\"t\"}", "to is an empty list");
            bad.put("{\"to\":{\"n\":1},\"text\":\"t\"}", "to must be a phone number or a list");
            h.publish(List.copyOf(bad.keySet()));
            AlertQueues.publish(h.cf(), "sms.alerts", List.of(""), Map.of());

            h.awaitSettled(6 + bad.size() + 1, Duration.ofSeconds(30));

            List<AlertQueues.QueuedMessage> invalid = h.queue("sms.alerts.invalid");
            assertThat(invalid).hasSize(bad.size() + 1);
            Map<String, String> reasonByBody = invalid.stream().collect(Collectors.toMap(AlertQueues.QueuedMessage::text,
                    m -> m.property(AlertHeaders.INVALID_REASON)));
            bad.forEach((body, reason) -> assertThat(reasonByBody.get(body)).as(body).contains(reason));
            assertThat(reasonByBody.get("")).contains("the message is empty");
            assertThat(invalid).allSatisfy(m -> {
                assertThat(m.property(AlertHeaders.OUTCOME)).isEqualTo("invalid");
                assertThat(m.property(AlertHeaders.ID)).isNotBlank();
            });

            List<OutboxMessage> outbox = sim.outbox();
            assertThat(outbox).extracting(OutboxMessage::to).containsExactlyInAnyOrder("255712000001", "255712000002",
                    "255712000003", "255712000004", "255712000005", "255712000006", "255712000007", "255712000008", "255712000009");
            assertThat(outbox).filteredOn(m -> m.to().equals("255712000005")).extracting(OutboxMessage::from).containsExactly("OPS");
            assertThat(outbox).filteredOn(m -> m.to().equals("255712000008")).extracting(OutboxMessage::text).containsExactly("plain text alert");
            assertThat(outbox).filteredOn(m -> m.to().equals("255712000006")).extracting(OutboxMessage::status).containsExactly("Scheduled");
            assertThat(h.stats().count(AlertOutcome.SENT)).isEqualTo(6);
            assertThat(h.queue("sms.alerts.failed")).isEmpty();
            assertThat(h.queue("sms.alerts.uncertain")).isEmpty();
            assertThat(h.alerts().ledger().lookup("sched-1").outcome()).isEqualTo(AlertOutcome.SENT);
        }
    }
}
