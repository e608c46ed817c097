package dev.camelampenet.ampenet.springboot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's properties are written by hand (camel-spring-boot's generator only knows Camel's own source tree), so
 * this test keeps them from drifting from the component: every option of the component JSON must be a property in
 * the generated META-INF/spring-configuration-metadata.json with the option's description and its default, and
 * the metadata must have no property the component does not know.
 */
class ConfigurationMetadataTest {

    private static final String PREFIX = AmpenetComponentConfiguration.PREFIX + ".";
    /** The starter's own switches, not component options. */
    private static final List<String> STARTER_ONLY = List.of("enabled", "customizer.enabled");

    private static Map<String, JsonNode> metadata() {
        Map<String, JsonNode> byName = new HashMap<>();
        ComponentJson.starterMetadata().path("properties")
                .forEach(p -> byName.put(p.path("name").asText(), p));
        return byName;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String words(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    @Test
    void everyComponentOptionIsAPropertyWithItsDescriptionAndDefault() {
        Map<String, JsonNode> metadata = metadata();
        List<String> problems = new ArrayList<>();
        ComponentJson.componentProperties().properties().forEach(e -> {
            String property = PREFIX + kebab(e.getKey());
            JsonNode option = e.getValue();
            JsonNode meta = metadata.get(property);
            if (meta == null) {
                problems.add(property + " is missing");
                return;
            }
            String description = words(meta.path("description").asText());
            if (!description.startsWith(words(option.path("description").asText())) || description.isEmpty()) {
                problems.add(property + " description '" + description + "' does not start with the component's '"
                        + option.path("description").asText() + "'");
            }
            String expected = option.has("defaultValue") ? option.get("defaultValue").asText() : null;
            String actual = meta.has("defaultValue") ? meta.get("defaultValue").asText() : null;
            if (!sameDefault(option, expected, actual)) {
                problems.add(property + " default " + actual + " differs from the component's " + expected);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theMetadataHasNoPropertyTheComponentDoesNotKnow() {
        List<String> options = ComponentJson.optionNames().stream().map(ConfigurationMetadataTest::kebab).toList();
        assertThat(metadata().keySet()).allSatisfy(name -> {
            assertThat(name).startsWith(PREFIX);
            String option = name.substring(PREFIX.length());
            assertThat(STARTER_ONLY.contains(option) || options.contains(option)).as(name).isTrue();
        });
        assertThat(metadata().get(PREFIX + "enabled").path("description").asText()).isNotBlank();
        assertThat(metadata().get(PREFIX + "customizer.enabled").path("description").asText()).isNotBlank();
    }

    @Test
    void theTokenIsDocumentedAsMasked() {
        assertThat(metadata().get(PREFIX + "api-token").path("description").asText()).contains("Masked in the actuator");
    }

    /** Durations compare as lengths of time, enums ignoring case and dashes; everything else as written. */
    private static boolean sameDefault(JsonNode option, String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if ("duration".equals(option.path("type").asText())) {
            return Duration.ofMillis(Long.parseLong(expected)).equals(DurationStyle.detectAndParse(actual));
        }
        if (option.has("enum")) {
            return expected.replace("_", "-").equalsIgnoreCase(actual.replace("_", "-"));
        }
        return expected.equals(actual);
    }
}
