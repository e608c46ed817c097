package dev.camelampenet.phonebook.alerting;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.OutboxMessage;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** (b) Each failure class, made by the simulator, ends the alert in exactly one place, and nothing is sent twice. */
class AlertFailuresTest {

    static AmpenetSimulator sim;

    @TempDir
    Path work;

    @BeforeAll
    static void startSimulator() {
        sim = AmpenetSimulator.builder().rateLimit(100_000).start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    private AlertingHarness harness(Map<String, String> overrides) throws Exception {
        return new AlertingHarness(sim, work, overrides);
    }

    private static String alert(String id, String to, String text) {
        return "{\"id\":\"" + id + "\",\"to\":\"" + to + "\",\"text\":\"" + text + "\"}";
    }

    private static long outboxCount(String to) {
        return sim.outbox().stream().filter(m -> m.to().equals(to)).count();
    }

    private static void assertNowhereElse(AlertingHarness h, String... except) {
        for (String q : List.of("sms.alerts.invalid", "sms.alerts.failed", "sms.alerts.uncertain", "sms.alerts.dead")) {
            if (!List.of(except).contains(q)) {
                assertThat(h.depth(q)).as(q).isZero();
            }
        }
    }

    @Test
    void rateLimitedIsRedeliveredByTheBrokerAndSentOnce() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            sim.nextFault(Fault.THROTTLE, 4, null); // the component tries twice per delivery: two rollbacks
            h.publish(alert("t-1", "255712100001", "Throttled first"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            assertThat(h.stats().count(AlertOutcome.SENT)).isEqualTo(1);
            assertThat(h.stats().rollbacks()).isEqualTo(2);
            assertThat(outboxCount("255712100001")).isEqualTo(1);
            assertNowhereElse(h);
        }
    }

    @Test
    void aRetryableFailureThatLastsGoesToFailedOnTheLastAttempt() throws Exception {
        try (AlertingHarness h = harness(Map.of("phonebook.alerts.max-delivery-attempts", "3"))) {
            sim.throttleFor(Duration.ofSeconds(60));
            h.publish(alert("t-2", "255712100002", "Never through"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            List<AlertQueues.QueuedMessage> failed = h.queue("sms.alerts.failed");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).property(AlertHeaders.ERROR)).startsWith("gave up after 3 attempts: Too Many Attempts.");
            assertThat(failed.get(0).property(AlertHeaders.ATTEMPTS)).isEqualTo("3");
            assertThat(failed.get(0).text()).isEqualTo(alert("t-2", "255712100002", "Never through"));
            assertThat(sim.outbox()).isEmpty();
            assertNowhereElse(h, "sms.alerts.failed");
        }
    }

    @Test
    void aBlacklistedNumberFailsWithTheApisMessageWhileItsBatchMatesAreSent() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            sim.blacklist(List.of("255754000111"));
            h.publish(alert("b-1", "255712100003", "Same text"), alert("b-2", "255754000111", "Same text"),
                    alert("b-3", "255712100004", "Same text"));
            h.awaitSettled(3, Duration.ofSeconds(30));
            assertThat(h.sendCalls()).isEqualTo(1);
            List<AlertQueues.QueuedMessage> failed = h.queue("sms.alerts.failed");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).property(AlertHeaders.ID)).isEqualTo("b-2");
            assertThat(failed.get(0).property(AlertHeaders.ERROR)).contains("blacklist");
            assertThat(failed.get(0).property(AlertHeaders.REJECTED)).startsWith("255754000111: ");
            assertThat(sim.outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrder("255712100003", "255712100004");
            assertThat(h.alerts().ledger().lookup("b-1").outcome()).isEqualTo(AlertOutcome.SENT);
            assertNowhereElse(h, "sms.alerts.failed");
        }
    }

    @Test
    void noBalanceFailsWithTheApisMessage() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            sim.setBalance(BigDecimal.ZERO);
            h.publish(alert("m-1", "255712100005", "No money"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            List<AlertQueues.QueuedMessage> failed = h.queue("sms.alerts.failed");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).property(AlertHeaders.ERROR)).isNotBlank();
            assertThat(sim.outbox()).isEmpty();
            assertNowhereElse(h, "sms.alerts.failed");
        }
    }

    @Test
    void aConnectionDroppedAfterTheServerActedIsUncertainAndNotResent() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            sim.nextFault(Fault.DROP_AFTER, 1, "/sms/send");
            h.publish(alert("d-1", "255712100006", "Dropped after"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            List<AlertQueues.QueuedMessage> uncertain = h.queue("sms.alerts.uncertain");
            assertThat(uncertain).hasSize(1);
            assertThat(uncertain.get(0).property(AlertHeaders.ERROR)).contains("answer came back");
            assertThat(uncertain.get(0).property(AlertHeaders.UNCERTAIN)).isEqualTo("255712100006");
            assertThat(outboxCount("255712100006")).isEqualTo(1);
            assertThat(h.sendCalls()).isEqualTo(1);
            assertNowhereElse(h, "sms.alerts.uncertain");
        }
    }

    @Test
    void aConnectionDroppedBeforeLooksTheSameAndIsUncertainToo() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            sim.nextFault(Fault.DROP_BEFORE, 1, "/sms/send");
            h.publish(alert("d-2", "255712100007", "Dropped before"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            assertThat(h.queue("sms.alerts.uncertain")).hasSize(1);
            assertThat(sim.outbox()).isEmpty();
            assertNowhereElse(h, "sms.alerts.uncertain");
        }
    }

    /**
     * An HTML 500 on a send is an answer given after the server may have acted: uncertain, never resent (the flow no
     * longer reads the message list to prove otherwise; docs/alerting.md says why). The simulator's 500 comes before
     * it acts, so the outbox stays empty, and the person looking finds that.
     */
    @Test
    void anHttp500OnASendIsUncertainAndNotResent() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            sim.nextFault(Fault.HTTP_500, 1, "/sms/send");
            h.publish(alert("e-1", "255712100008", "After a 500"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            assertThat(h.queue("sms.alerts.uncertain")).extracting(m -> m.property(AlertHeaders.UNCERTAIN)).containsExactly("255712100008");
            assertThat(h.stats().rollbacks()).isZero();
            assertThat(outboxCount("255712100008")).isZero();
            assertThat(h.sendCalls()).isEqualTo(1);
            assertNowhereElse(h, "sms.alerts.uncertain");
        }
    }

    @Test
    void anHttp500IsUncertainWhenTheNumberIsInTheMessageList() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            h.publish(alert("e-2", "255712100009", "Earlier"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            sim.nextFault(Fault.HTTP_500, 1, "/sms/send");
            h.publish(alert("e-3", "255712100009", "Again"));
            h.awaitSettled(2, Duration.ofSeconds(30));
            assertThat(h.queue("sms.alerts.uncertain")).extracting(m -> m.property(AlertHeaders.ID)).containsExactly("e-3");
            assertThat(outboxCount("255712100009")).isEqualTo(1);
        }
    }

    @Test
    void anAlertIdSentAlreadyIsNotSentAgain() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            h.publish(alert("same-id", "255712100010", "Once"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            h.publish(alert("same-id", "255712100010", "Once"));
            AlertingHarness.await(() -> h.stats().alreadySentCount() == 1, Duration.ofSeconds(30), () -> "not consumed");
            assertThat(outboxCount("255712100010")).isEqualTo(1);
            assertNowhereElse(h);
        }
    }

    @Test
    void anAlertCaughtInACallWhenTheProcessDiedIsUncertain() throws Exception {
        try (SendLedger ledger = SendLedger.open(work.resolve("send.ledger"))) {
            ledger.sending("b-crashed", List.of("mid-call"));
        }
        try (AlertingHarness h = harness(Map.of())) {
            h.publish(alert("mid-call", "255712100011", "Redelivered after a crash"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            List<AlertQueues.QueuedMessage> uncertain = h.queue("sms.alerts.uncertain");
            assertThat(uncertain).hasSize(1);
            assertThat(uncertain.get(0).property(AlertHeaders.ERROR)).contains("application stopped while the call");
            assertThat(sim.outbox()).isEmpty();
        }
    }

    @Test
    void aRecordedOutcomeWhoseCommitWasLostIsRoutedAgain() throws Exception {
        try (SendLedger ledger = SendLedger.open(work.resolve("send.ledger"))) {
            ledger.sending("b-1", List.of("done-1"));
            ledger.results(Map.of("done-1", new AlertResult(AlertOutcome.FAILED, "255754000111 is blacklisted", List.of(),
                    List.of("255754000111: blacklisted"))));
        }
        try (AlertingHarness h = harness(Map.of())) {
            h.publish(alert("done-1", "255754000111", "Decided before"));
            h.awaitSettled(1, Duration.ofSeconds(30));
            List<AlertQueues.QueuedMessage> failed = h.queue("sms.alerts.failed");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).property(AlertHeaders.REJECTED)).isEqualTo("255754000111: blacklisted");
            assertThat(h.sendCalls()).isZero();
        }
    }

    @Test
    void aGroupAlertIsOneCampaignAndAnUnknownGroupFails() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            ProducerTemplate t = h.context.createProducerTemplate();
            ContactGroup group = t.requestBody("ampenet:groups/create", "On call", ContactGroup.class);
            for (String phone : List.of("255712100012", "255712100013")) {
                t.sendBodyAndHeader("ampenet:contacts/store", phone, AmpenetConstants.GROUP_ID, group.uid());
            }
            h.publish("{\"id\":\"g-1\",\"group\":\"on call\",\"text\":\"To the group\"}",
                    "{\"id\":\"g-2\",\"group\":\"" + group.uid() + "\",\"text\":\"By uid\"}",
                    "{\"id\":\"g-3\",\"group\":\"nobody\",\"text\":\"No such group\"}");
            h.awaitSettled(3, Duration.ofSeconds(30));
            assertThat(sim.outbox()).extracting(OutboxMessage::text).containsExactlyInAnyOrder("To the group", "To the group",
                    "By uid", "By uid");
            List<AlertQueues.QueuedMessage> failed = h.queue("sms.alerts.failed");
            // the component resolves the name (CamelAmpenetGroupName) and says there is no such group
            assertThat(failed).singleElement().satisfies(m -> {
                assertThat(m.property(AlertHeaders.ID)).isEqualTo("g-3");
                assertThat(m.property(AlertHeaders.ERROR)).contains("nobody");
            });
            // three sms/campaign exchanges; the component refuses the unknown name before any request
            assertThat(h.stats().campaignCalls()).isEqualTo(3);
            assertThat(sim.journal(0, Integer.MAX_VALUE)).filteredOn(e -> e.path().endsWith("/sms/campaign")).hasSize(2);
        }
    }

    /** "group": "a,b" names two groups: the component sends one SMS per distinct member, and the alert is sent. */
    @Test
    void anAlertToTwoGroupsMessagesEachMemberOnce() throws Exception {
        try (AlertingHarness h = harness(Map.of())) {
            ProducerTemplate t = h.context.createProducerTemplate();
            ContactGroup day = t.requestBody("ampenet:groups/create", "Day shift", ContactGroup.class);
            ContactGroup night = t.requestBody("ampenet:groups/create", "Night shift", ContactGroup.class);
            for (String phone : List.of("255712100021", "255712100022")) {
                t.sendBodyAndHeader("ampenet:contacts/store", phone, AmpenetConstants.GROUP_ID, day.uid());
            }
            for (String phone : List.of("255712100022", "255712100023")) { // 022 is in both
                t.sendBodyAndHeader("ampenet:contacts/store", phone, AmpenetConstants.GROUP_ID, night.uid());
            }
            h.publish("{\"id\":\"g2-1\",\"group\":\"Day shift,Night shift\",\"text\":\"Both shifts\"}");
            h.awaitSettled(1, Duration.ofSeconds(30));
            // counted at the simulator: each member once, the shared one too
            assertThat(sim.outbox()).extracting(OutboxMessage::to)
                    .containsExactlyInAnyOrder("255712100021", "255712100022", "255712100023");
            assertThat(sim.journal(0, Integer.MAX_VALUE)).filteredOn(e -> e.path().endsWith("/sms/campaign")).isEmpty();
            assertThat(h.queue("sms.alerts.failed")).isEmpty();
            assertThat(h.queue("sms.alerts.uncertain")).isEmpty();
            assertThat(h.stats().campaignCalls()).isEqualTo(1);
            // the ledger records the three messages' uids (the send result, not a campaign that is not there)
            assertThat(h.alerts().ledger().entries()).singleElement().satisfies(e -> {
                assertThat(e.outcome()).isEqualTo(AlertOutcome.SENT);
                assertThat(e.result().messageIds()).hasSize(3)
                        .allSatisfy(uid -> assertThat(sim.outbox()).anyMatch(m -> uid.equals(m.uid())));
            });
        }
    }
}
