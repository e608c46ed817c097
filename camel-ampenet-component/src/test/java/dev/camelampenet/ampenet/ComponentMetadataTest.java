package dev.camelampenet.ampenet;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.spi.UriParam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated component JSON (Camel catalog, tooling, the docs' option tables) lists every option and header of
 * the contract, each with a description, and marks the token secret.
 */
class ComponentMetadataTest {

    private static final String JSON = "META-INF/dev/camelampenet/ampenet/ampenet.json";
    private static final List<String> CONTRACT_OPTIONS = List.of("apiToken", "baseUrl", "senderId", "groupId", "smsType", "defaultRegion");
    private static final List<String> CONTRACT_HEADERS = List.of("CamelAmpenetGroupId", "CamelAmpenetContactId",
            "CamelAmpenetMessageId", "CamelAmpenetCampaignId", "CamelAmpenetRecipients", "CamelAmpenetSenderId",
            "CamelAmpenetSmsType", "CamelAmpenetScheduleTime", "CamelAmpenetPage", "CamelAmpenetMessageIds",
            "CamelAmpenetSegments", "CamelAmpenetEncoding", "CamelAmpenetRejectedRecipients");

    private static JsonNode metadata;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = ComponentMetadataTest.class.getClassLoader().getResourceAsStream(JSON)) {
            assertThat(in).as(JSON + " on the classpath").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void describesTheComponent() {
        JsonNode component = metadata.path("component");
        assertThat(component.path("scheme").asText()).isEqualTo("ampenet");
        assertThat(component.path("syntax").asText()).isEqualTo("ampenet:resource/operation");
        assertThat(component.path("javaType").asText()).isEqualTo(AmpenetComponent.class.getName());
        assertThat(component.path("title").asText()).isNotBlank();
        assertThat(component.path("description").asText()).isNotBlank();
        assertThat(component.path("firstVersion").asText()).isNotBlank();
        assertThat(component.path("artifactId").asText()).isEqualTo("camel-ampenet");
    }

    @Test
    void everyOptionAndHeaderHasADescription() {
        List<String> undescribed = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties", "headers")) {
            assertThat(metadata.path(section).size()).as(section).isPositive();
            metadata.path(section).fields().forEachRemaining(e -> {
                if (e.getValue().path("description").asText().isBlank()) {
                    undescribed.add(section + "." + e.getKey());
                }
            });
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void listsTheContractOptionsOnTheComponentAndTheEndpoint() {
        for (String section : List.of("componentProperties", "properties")) {
            assertThat(names(section)).as(section).containsAll(CONTRACT_OPTIONS);
            JsonNode options = metadata.path(section);
            assertThat(options.path("apiToken").path("secret").asBoolean()).as(section + ".apiToken is secret").isTrue();
            assertThat(options.path("baseUrl").path("defaultValue").asText()).isEqualTo("https://sms.ampenet.com/api/v3");
            assertThat(options.path("smsType").path("defaultValue").asText()).isEqualTo("plain");
            assertThat(options.path("smsType").path("enum")).extracting(JsonNode::asText)
                    .containsExactly("plain", "unicode", "voice", "mms", "whatsapp", "viber", "otp");
        }
        assertThat(secretOptions()).as("only the token and the proxy credentials are secret").containsExactlyInAnyOrder(
                "componentProperties.apiToken", "properties.apiToken", "componentProperties.proxyUsername",
                "properties.proxyUsername", "componentProperties.proxyPassword", "properties.proxyPassword");
    }

    /** Every configuration option, not only the contract's, reaches both tables. */
    @Test
    void listsEveryConfigurationFieldOnTheComponentAndTheEndpoint() {
        List<String> fields = Arrays.stream(AmpenetConfiguration.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(UriParam.class)).map(Field::getName).collect(Collectors.toList());

        assertThat(fields).hasSizeGreaterThanOrEqualTo(CONTRACT_OPTIONS.size());
        assertThat(names("componentProperties")).containsAll(fields);
        assertThat(names("properties")).containsAll(fields);
    }

    @Test
    void theUriPathIsResourceAndOperationWithTheirValues() {
        JsonNode resource = metadata.path("properties").path("resource");
        JsonNode operation = metadata.path("properties").path("operation");

        assertThat(resource.path("kind").asText()).isEqualTo("path");
        assertThat(resource.path("required").asBoolean()).isTrue();
        assertThat(operation.path("kind").asText()).isEqualTo("path");
        assertThat(operation.path("required").asBoolean()).isTrue();
        for (AmpenetOperation op : AmpenetOperation.values()) {
            assertThat(resource.path("enum")).extracting(JsonNode::asText).contains(op.resource());
            assertThat(operation.path("enum")).extracting(JsonNode::asText).contains(op.operation());
        }
    }

    @Test
    void listsEveryHeaderConstant() throws Exception {
        List<String> constants = new ArrayList<>();
        for (Field f : AmpenetConstants.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }

        assertThat(constants).containsAll(CONTRACT_HEADERS);
        assertThat(names("headers")).containsExactlyInAnyOrderElementsOf(constants);
        metadata.path("headers").fields().forEachRemaining(e ->
                assertThat(e.getValue().path("constantName").asText()).startsWith(AmpenetConstants.class.getName() + "#"));
    }

    private static List<String> names(String section) {
        List<String> names = new ArrayList<>();
        metadata.path(section).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> secretOptions() {
        List<String> secret = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties")) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) () -> metadata.path(section).fields()) {
                if (e.getValue().path("secret").asBoolean()) {
                    secret.add(section + "." + e.getKey());
                }
            }
        }
        return secret;
    }
}
