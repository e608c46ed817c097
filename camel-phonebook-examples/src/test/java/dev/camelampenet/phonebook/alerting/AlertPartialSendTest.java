package dev.camelampenet.phonebook.alerting;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.FaultSettings;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.OutboxMessage;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once per recipient: an alert to several numbers that fails part-way records who got it, sends only the
 * others on the broker's redelivery, never resends an uncertain recipient, and says on its outcome message where each
 * recipient ended. Counted from the simulator's side: its outbox per number.
 */
class AlertPartialSendTest {

    @TempDir
    Path work;

    static List<String> numbers(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(String.format("255713%06d", i));
        }
        return out;
    }

    static String alert(String id, List<String> to, String text) {
        return "{\"id\":\"" + id + "\",\"to\":[" + to.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","))
                + "],\"text\":\"" + text + "\"}";
    }

    static Map<String, Long> outboxByNumber(AmpenetSimulator sim) {
        return sim.outbox().stream().collect(Collectors.groupingBy(OutboxMessage::to, Collectors.counting()));
    }

    static long ledgerCount(AlertingHarness h, String alertId, SendLedger.Standing standing) {
        SendLedger.Entry e = h.alerts().ledger().lookup(alertId);
        return e == null ? 0 : e.recipients().values().stream().filter(r -> r.standing() == standing).count();
    }

    static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of() : Arrays.asList(commaSeparated.split(","));
    }

    private static void assertNowhereElse(AlertingHarness h, String... except) {
        for (String q : List.of("sms.alerts.invalid", "sms.alerts.failed", "sms.alerts.uncertain", "sms.alerts.dead")) {
            if (!List.of(except).contains(q)) {
                assertThat(h.depth(q)).as(q).isZero();
            }
        }
    }

    /**
     * (a) 300 recipients are three calls of 100. The simulator allows one request a minute on a clock only the test
     * moves, so the second call is throttled through the component's retries, and so is the third once the minute
     * has moved for the second. Each rollback sends only the recipients not sent yet: every number gets exactly one
     * SMS, and no line claims nothing was sent.
     */
    @Test
    void aLargeAlertThrottledPartWayIsFinishedByRedeliveriesWithEachNumberOnce() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-04T09:00:00Z"));
        List<String> numbers = numbers(300);
        try (AmpenetSimulator sim = AmpenetSimulator.builder().clock(clock).rateLimit(1).balance(-1).start();
             LogCapture log = new LogCapture();
             // generous attempts: a redelivery may come before the test moves the clock, and is throttled again
             AlertingHarness h = new AlertingHarness(sim, work, Map.of("phonebook.alerts.max-delivery-attempts", "30"))) {
            h.publish(alert("big-1", numbers, "Throttled part-way"));

            // the first call used the minute's one request; the second met "Too Many Attempts." every time
            AlertingHarness.await(() -> ledgerCount(h, "big-1", SendLedger.Standing.SENT) == 100, Duration.ofSeconds(30),
                    () -> "sent " + ledgerCount(h, "big-1", SendLedger.Standing.SENT));
            AlertingHarness.await(() -> h.stats().rollbacks() >= 1, Duration.ofSeconds(30), () -> "no rollback");
            clock.advance(Duration.ofSeconds(61));
            // a new minute: the second hundred goes, the third is throttled
            AlertingHarness.await(() -> ledgerCount(h, "big-1", SendLedger.Standing.SENT) == 200, Duration.ofSeconds(30),
                    () -> "sent " + ledgerCount(h, "big-1", SendLedger.Standing.SENT));
            clock.advance(Duration.ofSeconds(61));
            h.awaitSettled(1, Duration.ofSeconds(60));

            Map<String, Long> outbox = outboxByNumber(sim);
            assertThat(outbox.keySet()).as("missing").containsExactlyInAnyOrderElementsOf(numbers);
            assertThat(outbox.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList())
                    .as("numbers with more than one SMS").isEmpty();
            assertThat(h.stats().count(AlertOutcome.SENT)).isEqualTo(1);
            assertThat(h.stats().rollbacks()).isGreaterThanOrEqualTo(2);
            SendLedger.Entry entry = h.alerts().ledger().lookup("big-1");
            assertThat(entry.outcome()).isEqualTo(AlertOutcome.SENT);
            assertThat(entry.result().sent()).hasSize(300);
            assertThat(entry.result().messageIds()).hasSize(300).doesNotHaveDuplicates();
            assertNowhereElse(h);

            List<String> lines = log.lines();
            assertThat(lines).as("the log never says nothing was sent")
                    .noneMatch(l -> l.contains("nothing was sent") || l.contains("none of"));
            assertThat(lines).anyMatch(l -> l.contains("Alert big-1: 100 of 300 recipient(s) sent, 200 not sent yet (Too Many Attempts.)"));
            assertThat(lines).anyMatch(l -> l.contains("Alert big-1: 200 of 300 recipient(s) sent, 100 not sent yet (Too Many Attempts.)"));
            assertThat(lines).anyMatch(l -> l.contains("Alert big-1: 200 of its 300 recipient(s) are in the send ledger already; sending the other 100"));
        }
    }

    /**
     * (b) The second of three calls is dropped after the simulator acted: its 100 numbers got the SMS, but the flow
     * cannot know. They are never resent and are named on sms.alerts.uncertain; the third hundred, which never went
     * out, is sent on the redelivery. Choice: an alert with uncertain recipients still sends the ones that provably
     * did not go, then ends on sms.alerts.uncertain with every recipient's place.
     */
    @Test
    void aLostAnswerMakesItsHundredUncertainWhileTheRestIsSentOnce() throws Exception {
        List<String> numbers = numbers(300);
        try (AmpenetSimulator sim = AmpenetSimulator.builder().balance(-1).start();
             AlertingHarness h = new AlertingHarness(sim, work, Map.of())) {
            sim.setFaults(new FaultSettings(0, 0, 0, 0, 0.5, "/sms/send", seedFor(0.5, false, true, false, false, false, false)));
            h.publish(alert("lost-1", numbers, "Second answer lost"));
            h.awaitSettled(1, Duration.ofSeconds(60));

            List<JournalEntry> sends = sim.journal(0, Integer.MAX_VALUE).stream()
                    .filter(e -> e.path().endsWith("/sms/send")).toList();
            assertThat(sends).as("three calls: the answer of the second lost").extracting(JournalEntry::fault)
                    .containsExactly(null, "drop-after", null);

            Map<String, Long> outbox = outboxByNumber(sim);
            assertThat(outbox.keySet()).containsExactlyInAnyOrderElementsOf(numbers);
            assertThat(outbox.values()).as("one SMS each, the uncertain ones included (the simulator did send them)")
                    .allMatch(c -> c == 1);

            List<AlertQueues.QueuedMessage> uncertain = h.queue("sms.alerts.uncertain");
            assertThat(uncertain).hasSize(1);
            AlertQueues.QueuedMessage m = uncertain.get(0);
            assertThat(m.property(AlertHeaders.ID)).isEqualTo("lost-1");
            assertThat(list(m.property(AlertHeaders.UNCERTAIN))).containsExactlyElementsOf(numbers.subList(100, 200));
            List<String> sentNumbers = list(m.property(AlertHeaders.SENT)).stream().map(s -> s.substring(0, s.indexOf(':'))).toList();
            assertThat(sentNumbers).containsExactlyInAnyOrderElementsOf(concat(numbers.subList(0, 100), numbers.subList(200, 300)));
            assertThat(list(m.property(AlertHeaders.MESSAGE_IDS))).hasSize(200);
            assertThat(m.property(AlertHeaders.UNSENT)).isNull();
            assertThat(m.property(AlertHeaders.ERROR)).startsWith("100 of 300 recipient(s) may have been sent: ");
            assertThat(m.text()).isEqualTo(alert("lost-1", numbers, "Second answer lost"));
            assertThat(h.stats().rollbacks()).isEqualTo(1);
            assertNowhereElse(h, "sms.alerts.uncertain");
        }
    }

    /**
     * (c) A group alert names its group; the component resolves a name ({@code CamelAmpenetGroupName}), a 13-hex uid
     * goes as {@code CamelAmpenetGroupId}. The flow itself never lists the groups.
     */
    @Test
    void aGroupAlertByNameGoesAsCamelAmpenetGroupName() throws Exception {
        List<Map<String, Object>> campaignCalls = new CopyOnWriteArrayList<>();
        try (AmpenetSimulator sim = AmpenetSimulator.builder().start();
             AlertingHarness h = new AlertingHarness(sim, work, Map.of(), c -> AdviceWith.adviceWith(c, "sms-alert-campaign",
                     a -> a.weaveByToUri("ampenet:sms/campaign").before()
                             .process(e -> campaignCalls.add(new HashMap<>(e.getMessage().getHeaders())))))) {
            ProducerTemplate t = h.context.createProducerTemplate();
            ContactGroup group = t.requestBody("ampenet:groups/create", "Night shift", ContactGroup.class);
            for (String phone : List.of("255713900001", "255713900002")) {
                t.sendBodyAndHeader("ampenet:contacts/store", phone, AmpenetConstants.GROUP_ID, group.uid());
            }
            h.publish("{\"id\":\"n-1\",\"group\":\"Night shift\",\"text\":\"By name\"}");
            h.awaitSettled(1, Duration.ofSeconds(30));
            h.publish("{\"id\":\"n-2\",\"group\":\"" + group.uid() + "\",\"text\":\"By uid\"}");
            h.awaitSettled(2, Duration.ofSeconds(30));

            assertThat(campaignCalls).hasSize(2);
            assertThat(campaignCalls.get(0)).containsEntry(AmpenetConstants.GROUP_NAME, "Night shift")
                    .doesNotContainKey(AmpenetConstants.GROUP_ID);
            assertThat(campaignCalls.get(1)).containsEntry(AmpenetConstants.GROUP_ID, group.uid())
                    .doesNotContainKey(AmpenetConstants.GROUP_NAME);
            assertThat(sim.outbox()).extracting(OutboxMessage::text).containsExactlyInAnyOrder("By name", "By name", "By uid", "By uid");
            assertThat(h.alerts().ledger().lookup("n-1").outcome()).isEqualTo(AlertOutcome.SENT);
            assertNowhereElse(h);
        }
    }

    /**
     * A redelivery after a crash: the ledger shows the first recipient sent and the other two in a call that never
     * ended. Those two are uncertain, never resent; nothing is sent at all.
     */
    @Test
    void aRedeliveryAfterACrashMidCallNamesTheCaughtRecipientsUncertainAndSendsNothing() throws Exception {
        List<String> numbers = numbers(3);
        try (SendLedger ledger = SendLedger.open(work.resolve("send.ledger"))) {
            ledger.sendingRecipients("b-1", Map.of("crash-1", numbers));
            ledger.called("b-1", Map.of("crash-1", new SendLedger.CallRecord(Map.of(numbers.get(0), "6b02a82f1df6f"), Map.of(),
                    List.of(), null)));
            ledger.sendingRecipients("b-2", Map.of("crash-1", numbers.subList(1, 3)));
        }
        try (AmpenetSimulator sim = AmpenetSimulator.builder().start();
             AlertingHarness h = new AlertingHarness(sim, work, Map.of())) {
            h.publish(alert("crash-1", numbers, "Crashed mid-call"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            AlertQueues.QueuedMessage m = h.queue("sms.alerts.uncertain").get(0);
            assertThat(list(m.property(AlertHeaders.UNCERTAIN))).containsExactlyElementsOf(numbers.subList(1, 3));
            assertThat(m.property(AlertHeaders.SENT)).isEqualTo(numbers.get(0) + ":6b02a82f1df6f");
            assertThat(m.property(AlertHeaders.ERROR)).contains("application stopped while the call").contains("b-2");
            assertThat(h.sendCalls()).isZero();
        }
    }

    /**
     * A redelivery whose first recipient the ledger shows sent (the rollback, or the crash, came after the call's
     * record): only the other two are sent, and the alert is sent in full.
     */
    @Test
    void aRedeliveryWithRecipientsInTheLedgerSendsOnlyTheRest() throws Exception {
        List<String> numbers = numbers(3);
        try (SendLedger ledger = SendLedger.open(work.resolve("send.ledger"))) {
            ledger.sendingRecipients("b-1", Map.of("rest-1", numbers));
            ledger.called("b-1", Map.of("rest-1", new SendLedger.CallRecord(Map.of(numbers.get(0), "6b02a82f1df6f"), Map.of(),
                    List.of(), null)));
        }
        try (AmpenetSimulator sim = AmpenetSimulator.builder().start();
             AlertingHarness h = new AlertingHarness(sim, work, Map.of())) {
            h.publish(alert("rest-1", numbers, "Only the rest"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            assertThat(sim.outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrderElementsOf(numbers.subList(1, 3));
            SendLedger.Entry entry = h.alerts().ledger().lookup("rest-1");
            assertThat(entry.outcome()).isEqualTo(AlertOutcome.SENT);
            assertThat(entry.result().sent()).hasSize(3).contains(numbers.get(0) + ":6b02a82f1df6f");
            assertNowhereElse(h);
        }
    }

    /** The ledger keeps every recipient's place across a restart (its records read back as written). */
    @Test
    void theLedgerReadsBackEveryRecipientsPlace() throws Exception {
        List<String> numbers = numbers(4);
        try (SendLedger ledger = SendLedger.open(work.resolve("send.ledger"))) {
            ledger.sendingRecipients("b-1", Map.of("x 1", numbers));
            ledger.called("b-1", Map.of("x 1", new SendLedger.CallRecord(Map.of(numbers.get(0), "6b02a82f1df6f"),
                    Map.of(numbers.get(1), "Number contains in the blacklist: yes, really"), List.of(numbers.get(2)), "no answer, came back")));
        }
        try (SendLedger ledger = SendLedger.open(work.resolve("send.ledger"))) {
            SendLedger.Entry e = ledger.lookup("x 1");
            assertThat(e.sending()).isFalse();
            assertThat(e.recipient(numbers.get(0))).isEqualTo(new SendLedger.Recipient(SendLedger.Standing.SENT, "6b02a82f1df6f"));
            assertThat(e.recipient(numbers.get(1))).isEqualTo(new SendLedger.Recipient(SendLedger.Standing.REJECTED,
                    "Number contains in the blacklist: yes, really"));
            assertThat(e.recipient(numbers.get(2))).isEqualTo(new SendLedger.Recipient(SendLedger.Standing.UNCERTAIN, "no answer, came back"));
            assertThat(e.recipient(numbers.get(3))).as("not named by the call: never went out").isNull();
        }
    }

    /**
     * A seed for the simulator's random faults whose draws give this pattern of drops for the first /sms/send calls:
     * the simulator draws one number per request under the fault's path (no latency or jitter set), from
     * {@code new Random(seed)}, and drops the request when the draw is under the rate. The test checks the journal
     * for the pattern, so a change in the simulator shows as a clear failure.
     */
    static long seedFor(double rate, boolean... drops) {
        for (long seed = 1; ; seed++) {
            Random r = new Random(seed);
            boolean match = true;
            for (boolean drop : drops) {
                match &= (r.nextDouble() < rate) == drop;
            }
            if (match) {
                return seed;
            }
        }
    }

    @SafeVarargs
    static <T> List<T> concat(List<T>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).collect(Collectors.toList());
    }
}
