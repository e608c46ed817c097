package dev.camelampenet.phonebook.springboot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.phonebook.alerting.AlertHeaders;
import dev.camelampenet.phonebook.alerting.AlertOutcome;
import dev.camelampenet.phonebook.alerting.AlertQueues;
import dev.camelampenet.phonebook.alerting.AlertQueues.QueuedMessage;
import dev.camelampenet.phonebook.alerting.AlertStats;
import dev.camelampenet.phonebook.store.FlowDatabase;
import dev.camelampenet.phonebook.store.SharedStore;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.OutboxMessage;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.camelampenet.phonebook.springboot.TestSupport.await;
import static dev.camelampenet.phonebook.springboot.TestSupport.check;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example as it ships: application.yaml with no Ampenet account, so the application starts the simulator itself.
 * Only what a test must change is set here: a temporary work folder (ledger and broker journal), no TCP port for the
 * broker, fewer consumers, and DEBUG logs for Camel and the project so the token check reads everything they say.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "phonebook.broker.port=-1",
    "phonebook.alerts.consumers=10",
    "logging.level.org.apache.camel=DEBUG",
    "logging.level.dev.camelampenet=DEBUG"
})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class AlertingApplicationTest {

    private static final String QUEUE = "sms.alerts";
    private static final String REFUSED = "255754000111";

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
    ConnectionFactory connectionFactory;
    @Autowired
    AlertStats stats;
    @Autowired
    TestRestTemplate http;
    @Autowired
    Environment environment;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void alertsOnTheQueueBecomeSmsExactlyOnceAndBadOnesEndOnTheirQueuesWithTheReason(CapturedOutput output) throws Exception {
        simulator.blacklist(List.of(REFUSED)); // the API refuses this number: the alert is failed, not retried
        jms.convertAndSend(QUEUE, "{\"id\":\"ops-1\",\"to\":\"255712345601\",\"text\":\"Disk 91% full on web2\"}");
        jms.convertAndSend(QUEUE, "{\"id\":\"ops-2\",\"to\":\"255712345602\",\"text\":\"Disk 91% full on web2\"}");
        jms.convertAndSend(QUEUE, "{\"id\":\"ops-3\",\"to\":\"255712345603\",\"text\":\"Disk 91% full on web2\"}");
        jms.convertAndSend(QUEUE, "{\"id\":\"ops-4\",\"to\":[\"0713 000 111\",\"+255 754 000 222\"],\"text\":\"Checkout errors above 5%\"}");
        jms.convertAndSend(QUEUE, "Backup finished", m -> {
            m.setStringProperty(AlertHeaders.TO, "255712345604");
            m.setStringProperty(AlertHeaders.ID, "ops-5");
            return m;
        });
        jms.convertAndSend(QUEUE, "{\"id\":\"bad-1\",\"to\":\"12345\",\"text\":\"Queue depth high\"}");
        jms.convertAndSend(QUEUE, "{\"id\":\"bad-2\",\"to\":\"255712345605\"}");
        jms.convertAndSend(QUEUE, "{\"id\":\"refused-1\",\"to\":\"" + REFUSED + "\",\"text\":\"Certificate expires in 3 days\"}");

        await(Duration.ofSeconds(30), () -> stats.settled() == 8, stats::toString);
        assertThat(stats.count(AlertOutcome.SENT)).isEqualTo(5);
        assertThat(stats.count(AlertOutcome.INVALID)).isEqualTo(2);
        assertThat(stats.count(AlertOutcome.FAILED)).isEqualTo(1);
        assertThat(stats.count(AlertOutcome.UNCERTAIN)).isZero();

        // the same alert again (a publisher that was unsure its first send arrived): consumed, not sent twice
        jms.convertAndSend(QUEUE, "{\"id\":\"ops-1\",\"to\":\"255712345601\",\"text\":\"Disk 91% full on web2\"}");
        await(Duration.ofSeconds(30), () -> stats.alreadySentCount() == 1, stats::toString);
        await(Duration.ofSeconds(60), () -> depth(QUEUE) == 0, () -> "alerts left on " + QUEUE);

        // every recipient of a sent alert got its SMS exactly once
        Map<String, List<OutboxMessage>> byNumber = simulator.outbox(simulator.token()).stream()
                .collect(Collectors.groupingBy(OutboxMessage::to));
        assertThat(byNumber).containsOnlyKeys("255712345601", "255712345602", "255712345603", "255713000111",
                "255754000222", "255712345604");
        assertThat(byNumber.values()).allSatisfy(sms -> assertThat(sms).hasSize(1));
        assertThat(byNumber.get("255712345602").get(0).text()).isEqualTo("Disk 91% full on web2");
        assertThat(byNumber.get("255713000111").get(0).text()).isEqualTo("Checkout errors above 5%");
        assertThat(byNumber.get("255712345604").get(0).text()).isEqualTo("Backup finished");

        Map<String, QueuedMessage> invalid = byAlertId(AlertQueues.browse(connectionFactory, QUEUE + ".invalid"));
        assertThat(invalid).containsOnlyKeys("bad-1", "bad-2");
        assertThat(invalid.get("bad-1").property(AlertHeaders.INVALID_REASON)).contains("'12345' is not a valid phone number");
        assertThat(invalid.get("bad-1").text()).contains("Queue depth high"); // the original body, for the publisher to fix
        assertThat(invalid.get("bad-2").property(AlertHeaders.INVALID_REASON)).contains("no text");
        assertThat(invalid.values()).allSatisfy(m -> assertThat(m.property(AlertHeaders.OUTCOME)).isEqualTo("invalid"));

        Map<String, QueuedMessage> failed = byAlertId(AlertQueues.browse(connectionFactory, QUEUE + ".failed"));
        assertThat(failed).containsOnlyKeys("refused-1");
        assertThat(failed.get("refused-1").property(AlertHeaders.REJECTED)).contains(REFUSED);

        assertThat(depth(QUEUE + ".uncertain")).isZero();
        assertThat(depth(QUEUE + ".dead")).isZero();

        // the same counts over HTTP, as a person trying the example sees them
        JsonNode status = new ObjectMapper().readTree(http.getForObject(url("/alerts"), String.class));
        assertThat(status.path("alerts").path("sent").asLong()).isEqualTo(5);
        assertThat(status.path("alerts").path("sentAlready").asLong()).isEqualTo(1);
        assertThat(status.path("queues").path(QUEUE + ".invalid").asInt()).isEqualTo(2);

        assertThat(output.getAll()).contains("sms/send").doesNotContain(simulator.token());
    }

    @Test
    void actuatorHealthIsUpWithTheAmpenetCheckAgainstTheSimulator(CapturedOutput output) throws Exception {
        ResponseEntity<String> response = http.getForEntity(url("/actuator/health"), String.class);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(response.getBody());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode camel = health.path("components").path("camelHealth");
        assertThat(camel.path("status").asText()).isEqualTo("UP");
        // there from the start, not only after the first alert
        Map.Entry<String, JsonNode> ampenet = check(camel.path("details"), "producer:ampenet-");
        assertThat(ampenet.getValue().asText()).isEqualTo("UP");
        JsonNode data = camel.path("details").path(ampenet.getKey() + ".data");
        assertThat(data.path("baseUrl").asText()).isEqualTo(simulator.baseUrl());
        assertThat(data.path("balance").asText()).isNotEmpty();
        assertThat(check(camel.path("details"), "route:sms-alerts").getValue().asText()).isEqualTo("UP");
        assertThat(health.path("components").path("jms").path("status").asText()).isEqualTo("UP");

        assertThat(response.getBody()).doesNotContain(simulator.token());
        assertThat(output.getAll()).doesNotContain(simulator.token());
    }

    @Test
    void theSettingsComeFromApplicationYamlNotFromTheCamelMainExamplesProperties() {
        // keys only the Camel Main application's application.properties has (in the camel-phonebook-examples jar)
        assertThat(environment.getProperty("ampenet.rate-limit")).isNull();
        assertThat(environment.getProperty("phonebook.inbox")).isNull();
        // and ours
        assertThat(environment.getProperty("camel.main.name")).isEqualTo("phonebook-alerts");
        assertThat(environment.getProperty("phonebook.alerts.coalesce.window")).isEqualTo("500ms");
    }

    @Test
    void withoutAStoreUrlTheSendLedgerIsTheWorkFoldersFileAndNoDatabaseIsOpened() {
        assertThat(environment.getProperty("phonebook.store.url")).isNullOrEmpty();
        assertThat(context.getBeanNamesForType(SharedStore.class)).isEmpty();
        assertThat(context.getBeanNamesForType(FlowDatabase.class)).isEmpty();
        assertThat(workDir.resolve("send.ledger")).isRegularFile();
    }

    private int depth(String queue) {
        try {
            return AlertQueues.depth(connectionFactory, queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Map<String, QueuedMessage> byAlertId(List<QueuedMessage> messages) {
        return messages.stream().collect(Collectors.toMap(m -> m.property(AlertHeaders.ID), Function.identity()));
    }
}
