package dev.camelampenet.ampenet.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With show-values=always, actuator would print every configuration value in clear; the token stays "******" in
 * configprops and env, whether it is written directly, comes through a placeholder from another property, or is
 * on the command line. Over HTTP, as a client of the endpoints sees it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "management.endpoints.web.exposure.include=configprops,env,health",
    "management.endpoint.configprops.show-values=always",
    "management.endpoint.env.show-values=always",
    "sms.secrets.ampenet=" + TokenMaskingTest.TOKEN,
    "camel.component.ampenet.api-token=${sms.secrets.ampenet}",
    "camel.component.ampenet.baseUrl=http://127.0.0.1:9/api/v3",
    "camel.component.ampenet.sender-id=VISIBLE",
    "app.launch.command=java -jar app.jar --camel.component.ampenet.api-token=" + TokenMaskingTest.TOKEN
})
@DirtiesContext
class TokenMaskingTest {

    static final String TOKEN = "7|mask-me-token-secret";
    private static final String MASK = "******";

    @SpringBootApplication
    static class App {
    }

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camelContext;

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void configpropsShowsTheOtherValuesButMasksTheToken() throws Exception {
        camelContext.getComponent("ampenet"); // the component exists too, with the token on it

        String body = get("/actuator/configprops");

        assertThat(body).doesNotContain(TOKEN).doesNotContain("mask-me-token");
        JsonNode ampenet = new ObjectMapper().readTree(body).path("contexts").elements().next().path("beans")
                .path(AmpenetComponentConfiguration.PREFIX + "-" + AmpenetComponentConfiguration.class.getName());
        assertThat(ampenet.path("prefix").asText()).isEqualTo(AmpenetComponentConfiguration.PREFIX);
        assertThat(ampenet.path("properties").path("apiToken").asText()).isEqualTo(MASK);
        assertThat(ampenet.path("properties").path("senderId").asText()).isEqualTo("VISIBLE"); // show-values works
        assertThat(ampenet.path("inputs").path("apiToken").path("value").asText()).isEqualTo(MASK);
    }

    @Test
    void envMasksTheTokenWhereverItAppears() throws Exception {
        String body = get("/actuator/env");

        assertThat(body).doesNotContain(TOKEN).doesNotContain("mask-me-token");
        assertThat(body).contains("VISIBLE"); // show-values works
        JsonNode env = new ObjectMapper().readTree(body);
        assertThat(property(env, "camel.component.ampenet.api-token")).isEqualTo(MASK);
        assertThat(property(env, "sms.secrets.ampenet")).isEqualTo(MASK);
        assertThat(property(env, "app.launch.command")).isEqualTo(MASK);
    }

    @Test
    void envMasksASingleTokenPropertyAskedForByName() throws Exception {
        JsonNode one = new ObjectMapper().readTree(get("/actuator/env/camel.component.ampenet.api-token"));

        assertThat(one.path("property").path("value").asText()).isEqualTo(MASK);
    }

    private static String property(JsonNode env, String name) {
        for (JsonNode source : env.path("propertySources")) {
            JsonNode property = source.path("properties").path(name);
            if (!property.isMissingNode()) {
                return property.path("value").asText();
            }
        }
        throw new AssertionError(name + " is not in /actuator/env");
    }
}
