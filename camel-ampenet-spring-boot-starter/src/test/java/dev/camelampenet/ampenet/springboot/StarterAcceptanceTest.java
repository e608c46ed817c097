package dev.camelampenet.ampenet.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue acceptance: an application whose only Ampenet settings are camel.component.ampenet.api-token and base-url
 * sends an SMS through ampenet:sms/send to the simulator, and /actuator/health (over HTTP) reports the Ampenet
 * producer check. The other properties are Spring Boot's and Camel's own switches: actuator shows health details
 * only when asked to, Camel runs producer checks only when camel.health.producers-enabled is true, and lists each
 * check that is UP only at exposure level full (at the default level it lists only the checks that are DOWN).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "management.endpoint.health.show-details=always",
    "camel.health.producers-enabled=true",
    "camel.health.exposure-level=full",
    "logging.level.org.apache.camel=DEBUG",
    "logging.level.dev.camelampenet=DEBUG"
})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class StarterAcceptanceTest {

    private static final String TOKEN = "7|starter-acceptance-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    @DynamicPropertySource
    static void ampenet(DynamicPropertyRegistry registry) {
        registry.add("camel.component.ampenet.api-token", () -> TOKEN);
        registry.add("camel.component.ampenet.base-url", () -> sim.baseUrl());
    }

    @SpringBootApplication
    static class AlertingApp {
        @Bean
        RouteBuilder alerts() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:alert").routeId("alert").to("ampenet:sms/send?senderId=AMPENET");
                }
            };
        }
    }

    @Autowired
    ProducerTemplate template;

    @LocalServerPort
    int port;

    private static List<String> strings(List<?> values) {
        return values.stream().map(String::valueOf).toList();
    }

    @Test
    void sendsAnSmsWithTheTokenAndBaseUrlFromTheProperties(CapturedOutput output) {
        Exchange result = template.request("direct:alert", e -> {
            e.getMessage().setBody("Disk almost full on db-1");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, "255712345678");
        });

        assertThat(result.getException()).isNull();
        List<OutboxMessage> outbox = sim.simulator().outbox(TOKEN);
        assertThat(outbox).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("255712345678");
            assertThat(m.from()).isEqualTo("AMPENET");
            assertThat(m.text()).isEqualTo("Disk almost full on db-1");
        });
        assertThat(strings(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class)))
                .containsExactly(outbox.get(0).uid());
        // Spring Boot and Camel logged the start-up and the send at DEBUG: the token is in none of it
        assertThat(output.getAll()).contains("ampenet://sms/send").doesNotContain(TOKEN).doesNotContain("acceptance-token-secret");
    }

    private HttpResponse<String> health() throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void actuatorHealthReportsTheAmpenetProducerCheck() throws Exception {
        HttpResponse<String> response = health();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(TOKEN);
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode camel = health.path("components").path("camelHealth");
        assertThat(camel.path("status").asText()).as(response.body()).isEqualTo("UP");
        Map.Entry<String, JsonNode> check = entry(camel.path("details"), "producer:ampenet-");
        assertThat(check.getValue().asText()).isEqualTo("UP");
        JsonNode data = camel.path("details").path(check.getKey() + ".data");
        assertThat(data.path("baseUrl").asText()).isEqualTo(sim.baseUrl());
        assertThat(data.path("balance").asText()).isNotEmpty();
    }

    @Test
    void actuatorHealthIsDownWithTheApisReasonWhenTheTokenIsRefused() throws Exception {
        sim.simulator().setApiAccess(TOKEN, false);

        HttpResponse<String> response = health();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).doesNotContain(TOKEN);
        JsonNode components = new ObjectMapper().readTree(response.body()).path("components");
        JsonNode camel = components.path("camelHealth");
        assertThat(camel.path("status").asText()).isEqualTo("DOWN");
        // the producer check is a readiness check: the application stops accepting traffic
        assertThat(components.path("camelReadinessState").path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        Map.Entry<String, JsonNode> check = entry(camel.path("details"), "producer:ampenet-");
        assertThat(check.getValue().asText()).isEqualTo("DOWN");
        assertThat(camel.path("details").path("error.message").asText())
                .contains("You do not have permission to access API");
    }

    private static Map.Entry<String, JsonNode> entry(JsonNode details, String prefix) {
        for (Map.Entry<String, JsonNode> e : details.properties()) {
            if (e.getKey().startsWith(prefix) && !e.getKey().endsWith(".data")) {
                return e;
            }
        }
        throw new AssertionError("no health check " + prefix + "* in " + details);
    }
}
