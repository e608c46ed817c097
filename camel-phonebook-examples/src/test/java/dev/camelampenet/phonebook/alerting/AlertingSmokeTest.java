package dev.camelampenet.phonebook.alerting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.camelampenet.simulator.AmpenetSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AlertingSmokeTest {

    @TempDir
    Path work;

    @Test
    void sendsOneAlert() throws Exception {
        try (AmpenetSimulator sim = AmpenetSimulator.builder().start();
             AlertingHarness h = new AlertingHarness(sim, work, Map.of())) {
            h.publish("{\"to\":\"255712345678\",\"text\":\"Disk full\"}", "{\"text\":\"no recipient\"}",
                    "{\"to\":\"255754000111\",\"text\":\"Disk full\"}");
            h.awaitSettled(3, Duration.ofSeconds(20));
            assertThat(sim.outbox()).hasSize(2);
            assertThat(h.queue("sms.alerts.invalid")).hasSize(1);
            System.out.println(h.queue("sms.alerts.invalid").get(0));
            System.out.println("calls " + h.sendCalls());
        }
    }
}
