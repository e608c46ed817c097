package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.FaultSettings;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * (5) Crash safety: the application (and its embedded broker) is killed in the middle of a burst and started again
 * on the same folder. Every alert ends sent exactly once or in one of the queues; no number gets two SMS.
 */
class AlertCrashTest {

    @TempDir
    Path work;

    @Test
    void killedMidBurstAndRestartedEveryAlertIsSentOnceOrQueued() throws Exception {
        int port = freePort();
        try (AmpenetSimulator sim = AmpenetSimulator.builder().rateLimit(1_000_000).balance(-1).start()) {
            sim.setFaults(FaultSettings.NONE.withLatency(100, 100).withPath("/sms/send"));
            List<String> args = List.of(
                    "--ampenet.api-token=" + sim.token(), "--ampenet.base-url=" + sim.baseUrl(), "--ampenet.rate-limit=1000000",
                    "--phonebook.inbox=" + work.resolve("inbox"), "--phonebook.alerts.work-dir=" + work.resolve("alerts"),
                    "--phonebook.broker.port=" + port, "--phonebook.alerts.coalesce.window=0", "--phonebook.alerts.consumers=20");
            Map<String, String> alerts = new LinkedHashMap<>();
            for (int i = 1; i <= 1000; i++) {
                alerts.put("k-" + i, AlertBurstTest.number(i));
            }

            ChildApp first = ChildApp.start(work.resolve("first.log"), args);
            first.awaitLog("Started sms-alerts", Duration.ofSeconds(60));
            ConnectionFactory tcp = AlertBroker.connectionFactory("tcp://127.0.0.1:" + port, null, null);
            AlertQueues.publish(tcp, "sms.alerts", AlertBurstTest.json(alerts, i -> "Crash burst " + (i % 5)));
            AlertingHarness.await(() -> sim.outboxSize() >= 250, Duration.ofSeconds(60), () -> "outbox " + sim.outboxSize());
            first.kill();
            int sentBeforeKill = sim.outboxSize();
            assertThat(sentBeforeKill).as("killed mid-burst").isLessThan(1000);

            ChildApp second = ChildApp.start(work.resolve("second.log"), args);
            second.awaitLog("Started sms-alerts", Duration.ofSeconds(60));
            awaitQuiet(tcp, sim, Duration.ofSeconds(120));
            assertThat(second.stop(Duration.ofSeconds(60))).as("SIGTERM, graceful").isIn(0, 143);
            assertThat(second.output()).contains("Embedded broker stopped");

            Accounting a = account(work.resolve("alerts"), sim);
            System.out.println("killed after " + sentBeforeKill + " SMS; " + a);
            a.assertEachAlertInExactlyOnePlace(alerts);
            assertThat(a.count("sent") + a.count("sms.alerts.uncertain")).isEqualTo(1000);
        }
    }

    /** sms.alerts empty and the outbox unchanged for two seconds in a row. */
    private static void awaitQuiet(ConnectionFactory tcp, AmpenetSimulator sim, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        int lastOutbox = -1;
        while (quiet < 20) {
            if (System.nanoTime() > end) {
                throw new AssertionError("still busy after " + timeout + ": outbox " + sim.outboxSize());
            }
            int outbox = sim.outboxSize();
            quiet = AlertQueues.depth(tcp, "sms.alerts") == 0 && outbox == lastOutbox ? quiet + 1 : 0;
            lastOutbox = outbox;
            Thread.sleep(100);
        }
    }

    /** Opens the stopped application's broker journal and ledger in this JVM to see where every alert is. */
    static Accounting account(Path alertsDir, AmpenetSimulator sim) throws Exception {
        Properties p = new Properties();
        p.setProperty("phonebook.alerts.work-dir", alertsDir.toString());
        p.setProperty("phonebook.broker.port", "-1");
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            ctx.getPropertiesComponent().setInitialProperties(p);
            AlertBroker broker = AlertBroker.start(AlertingSettings.from(ctx.getPropertiesComponent()));
            try {
                ConnectionFactory cf = broker.connectionFactory();
                assertThat(AlertQueues.depth(cf, "sms.alerts")).as("alerts never processed").isZero();
                Map<String, List<String>> queues = new LinkedHashMap<>();
                for (String q : List.of("sms.alerts.invalid", "sms.alerts.failed", "sms.alerts.uncertain", "sms.alerts.dead")) {
                    queues.put(q, AlertQueues.browse(cf, q).stream().map(m -> m.property(AlertHeaders.ID)).collect(Collectors.toList()));
                }
                Set<String> sent;
                try (SendLedger ledger = SendLedger.open(alertsDir.resolve("send.ledger"))) {
                    sent = ledger.entries().stream().filter(e -> e.outcome() == AlertOutcome.SENT)
                            .map(SendLedger.Entry::alertId).collect(Collectors.toSet());
                }
                return new Accounting(queues, sent, sim.outbox());
            } finally {
                broker.stop();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
