package dev.camelampenet.phonebook.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.camelampenet.phonebook.store.FlowDatabase;
import dev.camelampenet.phonebook.store.PostgresServer;
import dev.camelampenet.phonebook.store.StoreSettings;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.OutboxMessage;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several active instances: two alerting CamelContexts in this JVM, each with its own connection pool, competing
 * consumers on one external Artemis broker (started here, as an operator runs one) and sharing the send ledger in one
 * PostgreSQL database. Every wait is on a condition, bounded.
 */
class AlertActiveActiveTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    /** Consumers per instance: fewer than the default, so two instances and the broker share two cores calmly. */
    private static final int CONSUMERS = 25;

    @TempDir
    Path brokerDir;
    @TempDir
    Path workA;
    @TempDir
    Path workB;

    private AlertBroker broker;
    private String brokerUrl;
    private StoreSettings storeSettings;
    private final List<FlowDatabase> stores = new ArrayList<>();
    private final List<AlertingHarness> instances = new ArrayList<>();
    private AmpenetSimulator sim;

    @BeforeEach
    void startBrokerAndDatabase() throws Exception {
        int port = AlertCrashTest.freePort();
        Properties p = new Properties();
        p.setProperty("phonebook.alerts.work-dir", brokerDir.toString());
        p.setProperty("phonebook.broker.port", Integer.toString(port));
        // the broker's own backoff for rolled-back alerts, short for a test
        p.setProperty("phonebook.alerts.redelivery-delay", "100");
        p.setProperty("phonebook.alerts.max-redelivery-delay", "1000");
        try (DefaultCamelContext settings = new DefaultCamelContext()) {
            settings.getPropertiesComponent().setInitialProperties(p);
            broker = AlertBroker.start(AlertingSettings.from(settings.getPropertiesComponent()));
        }
        brokerUrl = "tcp://127.0.0.1:" + port;
        storeSettings = POSTGRES.newDatabase("active");
        sim = AmpenetSimulator.builder().host("127.0.0.1").start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AlertingHarness h : instances) {
            h.close();
        }
        stores.forEach(FlowDatabase::close);
        if (sim != null) {
            sim.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    /** One instance: its own pool on the shared database, its own work folder, the shared broker. */
    private AlertingHarness instance(Path work) throws Exception {
        FlowDatabase store = FlowDatabase.open(storeSettings, 10, Duration.ofSeconds(10));
        stores.add(store);
        AlertingHarness h = new AlertingHarness(sim, work, Map.of("phonebook.broker.url", brokerUrl,
                "phonebook.alerts.consumers", Integer.toString(CONSUMERS)), store, c -> { });
        h.external = broker;
        instances.add(h);
        return h;
    }

    private ConnectionFactory cf() {
        return broker.connectionFactory();
    }

    @Test
    void aBurstOnTwoInstancesSendsEveryNumberOnceAndSettlesEveryAlertOnce() throws Exception {
        AlertingHarness a = instance(workA);
        AlertingHarness b = instance(workB);
        assertThat(a.alerts().ledger()).isInstanceOf(PostgresSendLedger.class);
        // both instances listen before the burst, so the broker has both to hand it to
        AlertingHarness.await(() -> broker.consumerCount("sms.alerts") >= 2 * CONSUMERS, Duration.ofSeconds(30),
                () -> "consumers on sms.alerts: " + broker.consumerCount("sms.alerts"));

        int alerts = 500;
        List<String> numbers = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            String number = "2557124" + String.format("%05d", i);
            numbers.add(number);
            bodies.add("{\"id\":\"burst-" + i + "\",\"to\":\"" + number + "\",\"text\":\"Power cut in your area at 18:00\"}");
        }
        // and one the flow cannot send: the outcome queues work as on one instance
        bodies.add(250, "{\"id\":\"burst-invalid\",\"text\":\"No recipient\"}");
        AlertQueues.publish(cf(), "sms.alerts", bodies);

        AlertingHarness.await(() -> a.stats().settled() + b.stats().settled() + a.stats().alreadySentCount()
                        + b.stats().alreadySentCount() >= alerts + 1 && broker.messageCount("sms.alerts") == 0
                        && broker.messageCount("sms.alerts.invalid") == 1,
                Duration.ofSeconds(120), () -> "settled A " + a.stats() + ", B " + b.stats() + ", on sms.alerts "
                        + broker.messageCount("sms.alerts"));

        // each number exactly one SMS, counted from what the API received
        Map<String, Long> perNumber = sim.outbox().stream().collect(Collectors.groupingBy(OutboxMessage::to, Collectors.counting()));
        assertThat(perNumber.keySet()).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(perNumber.values()).allMatch(n -> n == 1L);
        // every alert settled once, across both instances, and both took part
        assertThat(a.stats().count(AlertOutcome.SENT) + b.stats().count(AlertOutcome.SENT)).isEqualTo(alerts);
        assertThat(a.stats().settled() + b.stats().settled()).isEqualTo(alerts + 1);
        assertThat(a.stats().count(AlertOutcome.INVALID) + b.stats().count(AlertOutcome.INVALID)).isEqualTo(1);
        // coalesced on each instance: batches of up to CONSUMERS numbers, not one call per alert
        assertThat(a.sendCalls()).as("sms/send calls of both instances").isLessThanOrEqualTo(alerts / 5);
        assertThat(a.stats().alreadySentCount() + b.stats().alreadySentCount()).isZero();
        assertThat(a.stats().settled()).as("instance A's share").isPositive();
        assertThat(b.stats().settled()).as("instance B's share").isPositive();
        assertThat(AlertQueues.browse(cf(), "sms.alerts.invalid")).extracting(m -> m.property(AlertHeaders.ID))
                .containsExactly("burst-invalid");
        for (String q : List.of("sms.alerts.failed", "sms.alerts.uncertain", "sms.alerts.dead")) {
            assertThat(broker.messageCount(q)).as(q).isZero();
        }
        // the shared ledger: every alert sent, no number left in a call, and both instances wrote
        SendLedger ledger = a.alerts().ledger();
        assertThat(ledger.counts()).containsEntry(AlertOutcome.SENT, (long) alerts);
        assertThat(ledger.entries()).hasSize(alerts).allMatch(e -> e.outcome() == AlertOutcome.SENT);
        Map<String, Long> rows = query("SELECT state, count(*) FROM alert_recipient GROUP BY state");
        assertThat(rows).containsExactly(Map.entry("sent", (long) alerts));
        assertThat(query("SELECT instance, count(*) FROM alert_send GROUP BY instance")).hasSize(2);
    }

    /**
     * Instance A claimed an alert's recipient and a group alert's campaign (its S records) and died before the calls
     * ended; the alerts come to instance B, which finds A's records still 'sending': uncertain, nothing sent.
     */
    @Test
    void anAlertRedeliveredAfterItsInstanceDiedMidCallIsUncertainAndNotResent() throws Exception {
        AlertingHarness a = instance(workA);
        SendLedger ledgerOfA = a.alerts().ledger();
        assertThat(ledgerOfA.sendingRecipients("b-of-a", Map.of("t-1", List.of("255712500001")))).containsKey("t-1");
        assertThat(ledgerOfA.sending("c-of-a", List.of("g-1"))).containsExactly("g-1");
        // A dies: its consumers are gone, its calls never record their end
        a.close();
        instances.remove(a);

        AlertingHarness b = instance(workB);
        AlertQueues.publish(cf(), "sms.alerts", List.of(
                "{\"id\":\"t-1\",\"to\":\"255712500001\",\"text\":\"Taken over\"}",
                "{\"id\":\"g-1\",\"group\":\"on-call\",\"text\":\"Taken over too\"}",
                // a new alert beside them still goes out: B is not stuck
                "{\"id\":\"t-2\",\"to\":\"255712500002\",\"text\":\"Fresh\"}"));

        AlertingHarness.await(() -> b.stats().settled() >= 3 && broker.messageCount("sms.alerts") == 0
                        && broker.messageCount("sms.alerts.uncertain") >= 2,
                Duration.ofSeconds(60), () -> "settled B " + b.stats() + ", uncertain " + broker.messageCount("sms.alerts.uncertain"));

        assertThat(sim.outbox()).extracting(OutboxMessage::to).containsExactly("255712500002");
        assertThat(sim.journal(0, Integer.MAX_VALUE)).noneMatch(e -> e.path().endsWith("/sms/campaign"));
        Map<String, AlertQueues.QueuedMessage> uncertain = AlertQueues.browse(cf(), "sms.alerts.uncertain").stream()
                .collect(Collectors.toMap(m -> m.property(AlertHeaders.ID), Function.identity()));
        assertThat(uncertain.keySet()).containsExactlyInAnyOrder("t-1", "g-1");
        assertThat(uncertain.get("t-1").property(AlertHeaders.UNCERTAIN)).isEqualTo("255712500001");
        assertThat(uncertain.get("t-1").property(AlertHeaders.ERROR)).contains("b-of-a");
        assertThat(uncertain.get("g-1").property(AlertHeaders.ERROR)).contains("c-of-a");

        SendLedger.Entry t1 = b.alerts().ledger().lookup("t-1");
        assertThat(t1.outcome()).isEqualTo(AlertOutcome.UNCERTAIN);
        assertThat(t1.recipient("255712500001").standing()).isEqualTo(SendLedger.Standing.UNCERTAIN);
        assertThat(b.alerts().ledger().lookup("g-1").outcome()).isEqualTo(AlertOutcome.UNCERTAIN);
        assertThat(b.alerts().ledger().lookup("t-2").outcome()).isEqualTo(AlertOutcome.SENT);

        // published again (or redelivered once more): decided, still nothing sent
        AlertQueues.publish(cf(), "sms.alerts", List.of("{\"id\":\"t-1\",\"to\":\"255712500001\",\"text\":\"Taken over\"}"));
        AlertingHarness.await(() -> b.stats().settled() >= 4 && broker.messageCount("sms.alerts") == 0,
                Duration.ofSeconds(60), () -> "settled B " + b.stats());
        assertThat(sim.outbox()).hasSize(1);
    }

    private Map<String, Long> query(String sql) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = stores.get(0).connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
