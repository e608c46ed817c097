package dev.camelampenet.phonebook.springboot;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.simulator.AmpenetSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.camelampenet.phonebook.springboot.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Ampenet component's meters on {@code /actuator/metrics}, as application.yaml exposes them: after an alert went
 * out, {@code ampenet.sms.sent} is what the simulator's outbox holds. An application of its own, so the SMS sent here
 * do not change what the other tests count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "phonebook.broker.port=-1",
    "phonebook.alerts.consumers=2"
})
@DirtiesContext
class ActuatorMetricsTest {

    @TempDir
    static Path workDir;

    @DynamicPropertySource
    static void workDir(DynamicPropertyRegistry registry) {
        registry.add("phonebook.alerts.work-dir", () -> workDir.toString());
    }

    @Autowired
    AmpenetSimulator simulator;
    @Autowired
    JmsTemplate jms;
    @Autowired
    TestRestTemplate http;
    @LocalServerPort
    int port;

    @Test
    void actuatorMetricsListTheAmpenetMetersAsTheSimulatorCounted() throws Exception {
        jms.convertAndSend("sms.alerts", "{\"id\":\"metrics-1\",\"to\":[\"255712345698\",\"255712345699\"],\"text\":\"Load average above 8\"}");
        await(Duration.ofSeconds(60), () -> simulator.outbox(simulator.token()).size() == 2, () -> "the alert's 2 SMS in the outbox");

        JsonNode names = new ObjectMapper().readTree(http.getForObject(url("/actuator/metrics"), String.class)).path("names");
        assertThat(names.toString()).contains("\"ampenet.sms.sent\"").contains("\"ampenet.calls\"");
        // counted on the simulator's side: the SMS are in the outbox a moment before the answer is counted
        await(Duration.ofSeconds(30), () -> meter("ampenet.sms.sent") == 2.0, () -> "ampenet.sms.sent " + meter("ampenet.sms.sent"));
        long sendCalls = simulator.journal().stream().filter(j -> j.path().endsWith("/sms/send") && !j.isError()).count();
        assertThat(meter("ampenet.calls?tag=operation:sms/send&tag=outcome:ok")).isEqualTo(sendCalls).isEqualTo(1.0);
        assertThat(http.getForObject(url("/actuator/metrics/ampenet.calls"), String.class)).doesNotContain(simulator.token());
    }

    private double meter(String nameAndTags) {
        try {
            JsonNode meter = new ObjectMapper().readTree(http.getForObject(url("/actuator/metrics/" + nameAndTags), String.class));
            return meter.path("measurements").get(0).path("value").asDouble();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
