package dev.camelampenet.phonebook.alerting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import dev.camelampenet.simulator.AmpenetSimulator;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** phonebook.broker.url: the flow uses that broker and starts none of its own. */
class ExternalBrokerTest {

    @TempDir
    Path brokerDir;

    @TempDir
    Path work;

    @Test
    void anExternalBrokerByUrlIsUsedInsteadOfTheEmbeddedOne() throws Exception {
        int port = AlertCrashTest.freePort();
        Properties p = new Properties();
        p.setProperty("phonebook.alerts.work-dir", brokerDir.toString());
        p.setProperty("phonebook.broker.port", Integer.toString(port));
        AlertBroker broker;
        try (DefaultCamelContext settings = new DefaultCamelContext()) {
            settings.getPropertiesComponent().setInitialProperties(p);
            broker = AlertBroker.start(AlertingSettings.from(settings.getPropertiesComponent()));
        }
        try (AmpenetSimulator sim = AmpenetSimulator.builder().start();
             AlertingHarness h = new AlertingHarness(sim, work, Map.of("phonebook.broker.url", "tcp://127.0.0.1:" + port))) {
            h.external = broker;
            assertThat(h.context.getRegistry().lookupByName("alertBroker")).as("no embedded broker").isNull();
            AlertQueues.publish(broker.connectionFactory(), "sms.alerts",
                    java.util.List.of("{\"to\":\"255712200001\",\"text\":\"Through the external broker\"}", "{\"text\":\"bad\"}"));
            h.awaitSettled(2, Duration.ofSeconds(30));
            assertThat(sim.outbox()).extracting(m -> m.to()).containsExactly("255712200001");
            assertThat(AlertQueues.depth(broker.connectionFactory(), "sms.alerts.invalid")).isEqualTo(1);
        } finally {
            broker.stop();
        }
    }
}
