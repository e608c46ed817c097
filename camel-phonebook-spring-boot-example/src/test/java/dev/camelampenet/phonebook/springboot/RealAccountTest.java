package dev.camelampenet.phonebook.springboot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.phonebook.alerting.AlertOutcome;
import dev.camelampenet.phonebook.alerting.AlertStats;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.camelampenet.phonebook.springboot.TestSupport.await;
import static dev.camelampenet.phonebook.springboot.TestSupport.check;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an account configured (what AMPENET_API_TOKEN and AMPENET_BASE_URL do through application.yaml), the
 * application starts no simulator and sends to that account. A simulator started by the test stands in for the real
 * API, so the test can look at what arrived. The alert comes in over HTTP ({@code POST /alerts}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "phonebook.broker.port=-1",
    "phonebook.alerts.consumers=4",
    "logging.level.org.apache.camel=DEBUG",
    "logging.level.dev.camelampenet=DEBUG"
})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class RealAccountTest {

    private static final String TOKEN = "42|real-account-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension api = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    @TempDir
    static Path workDir;

    @DynamicPropertySource
    static void account(DynamicPropertyRegistry registry) {
        registry.add("camel.component.ampenet.api-token", () -> TOKEN);
        registry.add("camel.component.ampenet.base-url", () -> api.baseUrl());
        registry.add("phonebook.alerts.work-dir", () -> workDir.toString());
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    AlertStats stats;
    @Autowired
    TestRestTemplate http;
    @LocalServerPort
    int port;

    @Test
    void sendsToTheConfiguredAccountAndStartsNoSimulator(CapturedOutput output) throws Exception {
        assertThat(context.getBeanNamesForType(AmpenetSimulator.class)).isEmpty();

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> accepted = http.postForEntity(url("/alerts"),
                new HttpEntity<>("{\"id\":\"db1-lag\",\"to\":\"0712 345 678\",\"text\":\"ALERT db1: replication lag 120 s\"}", headers),
                String.class);
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getBody()).contains("\"queue\":\"sms.alerts\"").contains("\"messageId\":\"ID:");

        await(Duration.ofSeconds(30), () -> stats.settled() == 1, stats::toString);
        assertThat(stats.count(AlertOutcome.SENT)).isEqualTo(1);
        assertThat(api.simulator().outbox(TOKEN)).singleElement().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo("255712345678"); // local form read with phonebook.default-region TZ
            assertThat(sms.text()).isEqualTo("ALERT db1: replication lag 120 s");
        });

        JsonNode health = new ObjectMapper().readTree(http.getForObject(url("/actuator/health"), String.class));
        JsonNode details = health.path("components").path("camelHealth").path("details");
        Map.Entry<String, JsonNode> ampenet = check(details, "producer:ampenet-");
        assertThat(ampenet.getValue().asText()).isEqualTo("UP");
        assertThat(details.path(ampenet.getKey() + ".data").path("baseUrl").asText()).isEqualTo(api.baseUrl());

        assertThat(output.getAll()).contains("sms/send").doesNotContain(TOKEN).doesNotContain("real-account-token-secret");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
