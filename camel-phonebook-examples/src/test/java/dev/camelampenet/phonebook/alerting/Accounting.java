package dev.camelampenet.phonebook.alerting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.camelampenet.simulator.OutboxMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where each alert of a burst ended: sent (the send ledger says SENT), or on one of the outcome queues. Each alert
 * has its own number, so the outbox shows what really went out.
 */
final class Accounting {

    final Map<String, List<String>> places = new HashMap<>();
    final Map<String, Long> outboxByNumber;

    Accounting(Map<String, List<String>> queueIds, Set<String> ledgerSent, List<OutboxMessage> outbox) {
        queueIds.forEach((queue, ids) -> ids.forEach(id -> places.computeIfAbsent(id, k -> new ArrayList<>()).add(queue)));
        ledgerSent.forEach(id -> places.computeIfAbsent(id, k -> new ArrayList<>()).add("sent"));
        outboxByNumber = outbox.stream().collect(Collectors.groupingBy(OutboxMessage::to, Collectors.counting()));
    }

    long count(String place) {
        return places.values().stream().filter(p -> p.equals(List.of(place))).count();
    }

    /** Every alert in exactly one place; no number twice in the outbox; every sent alert's number in it once. */
    void assertEachAlertInExactlyOnePlace(Map<String, String> numberById) {
        assertThat(places.keySet()).as("alerts accounted for").containsExactlyInAnyOrderElementsOf(numberById.keySet());
        Map<String, List<String>> twice = places.entrySet().stream().filter(e -> e.getValue().size() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(twice).as("alerts in more than one place").isEmpty();
        assertThat(outboxByNumber.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("numbers sent twice").isEmpty();
        Set<String> sentNumbers = new HashSet<>();
        places.forEach((id, p) -> {
            if (p.equals(List.of("sent"))) {
                sentNumbers.add(numberById.get(id));
            }
        });
        assertThat(outboxByNumber.keySet()).as("every sent alert went out").containsAll(sentNumbers);
        places.forEach((id, p) -> {
            if (p.equals(List.of("sms.alerts.failed")) || p.equals(List.of("sms.alerts.invalid"))) {
                assertThat(outboxByNumber).as("failed or invalid alert " + id + " went out").doesNotContainKey(numberById.get(id));
            }
        });
    }

    @Override
    public String toString() {
        return "sent " + count("sent") + ", uncertain " + count("sms.alerts.uncertain") + ", failed " + count("sms.alerts.failed")
                + ", invalid " + count("sms.alerts.invalid") + ", outbox " + outboxByNumber.size();
    }
}
