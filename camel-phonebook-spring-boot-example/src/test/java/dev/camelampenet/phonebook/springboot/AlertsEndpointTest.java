package dev.camelampenet.phonebook.springboot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.phonebook.alerting.AlertHeaders;
import dev.camelampenet.phonebook.alerting.AlertOutcome;
import dev.camelampenet.phonebook.alerting.AlertQueues;
import dev.camelampenet.phonebook.alerting.AlertQueues.QueuedMessage;
import dev.camelampenet.phonebook.alerting.AlertStats;
import dev.camelampenet.simulator.AmpenetSimulator;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.camelampenet.phonebook.springboot.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /alerts} over HTTP: a body meant as JSON that does not parse is answered 400 with "malformed JSON" and
 * where it broke, and never reaches the queue; well-formed JSON and plain text are queued as they are, 202.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "phonebook.broker.port=-1",
    "phonebook.alerts.consumers=4"
})
@DirtiesContext
class AlertsEndpointTest {

    private static final String QUEUE = "sms.alerts";

    @TempDir
    static Path workDir;

    @DynamicPropertySource
    static void workDir(DynamicPropertyRegistry registry) {
        registry.add("phonebook.alerts.work-dir", () -> workDir.toString());
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    AlertStats stats;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    AmpenetSimulator simulator;
    @LocalServerPort
    int port;

    @Test
    void malformedJsonIsRefusedWithWhereItBrokeAndNothingIsQueued() throws Exception {
        // cut off inside a string
        assertMalformed("{\"to\":\"2557", 1, 12, 11, "end-of-input");
        // a member without a value
        assertMalformed("{\"to\": }", 1, 8, 7, "Unexpected character ('}'");
        // on the second line, after leading white space (the position is in the body as sent)
        assertMalformed("  {\"to\": \"255712345678\",\n   \"text\": \"Disk full\" \"id\": \"x\"}", 2, 24, 48, "was expecting comma");
        // an array cut off, and a well-formed object followed by more
        assertMalformed("[{\"to\":\"255712345678\"", 1, 22, 21, "end-of-input");
        assertMalformed("{\"to\":\"255712345678\",\"text\":\"Disk full\"} {}", 1, 42, 41, "more after the end of the JSON value");

        // a well-formed alert and a plain-text one still go on the queue as they are
        ResponseEntity<String> json = post("{\"id\":\"ok-1\",\"to\":\"255712345601\",\"text\":\"Disk 91% full on web2\"}");
        ResponseEntity<String> plain = post("Backup finished");
        assertThat(json.getStatusCode().value()).as(json.getBody()).isEqualTo(202);
        assertThat(plain.getStatusCode().value()).as(plain.getBody()).isEqualTo(202);
        assertThat(plain.getBody()).contains("\"queue\":\"sms.alerts\"").contains("\"messageId\":\"ID:");

        await(Duration.ofSeconds(30), () -> stats.settled() == 2, stats::toString);
        assertThat(stats.count(AlertOutcome.SENT)).isEqualTo(1);
        assertThat(simulator.outbox(simulator.token())).singleElement()
                .satisfies(sms -> assertThat(sms.text()).isEqualTo("Disk 91% full on web2"));
        // the plain text without an AlertTo header ends invalid, with the flow's reason, as before; nothing else
        List<QueuedMessage> invalid = AlertQueues.browse(connectionFactory, QUEUE + ".invalid");
        assertThat(invalid).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Backup finished");
            assertThat(m.property(AlertHeaders.INVALID_REASON)).isNotBlank();
        });
        assertThat(AlertQueues.depth(connectionFactory, QUEUE)).isZero();
        assertThat(stats.settled()).isEqualTo(2);
    }

    private void assertMalformed(String body, int line, int column, long offset, String reason) throws Exception {
        ResponseEntity<String> response = post(body);

        assertThat(response.getStatusCode().value()).as(body + " -> " + response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as(String.valueOf(response.getHeaders().getContentType())).isTrue();
        JsonNode problem = new ObjectMapper().readTree(response.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asText()).isEqualTo("Malformed JSON");
        assertThat(problem.path("detail").asText())
                .startsWith("malformed JSON at line " + line + ", column " + column + " (character " + offset + "): ")
                .contains(reason);
        assertThat(problem.path("line").asInt()).isEqualTo(line);
        assertThat(problem.path("column").asInt()).isEqualTo(column);
        assertThat(problem.path("offset").asLong()).isEqualTo(offset);
        assertThat(problem.path("instance").asText()).isEqualTo("/alerts");
    }

    private ResponseEntity<String> post(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("http://127.0.0.1:" + port + "/alerts", new HttpEntity<>(body, headers), String.class);
    }
}
