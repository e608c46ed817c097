package dev.camelampenet.ampenet.kamelets;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelets as the jar ships them (kamelets/ on the classpath, after the build filled in the version) follow
 * apache/camel-kamelets' conventions, so Kamelet tooling and catalogs read them like Camel's own.
 */
class KameletConventionsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9]+)(:[^}]*)?}}");

    static Stream<Path> kamelets() throws IOException, URISyntaxException {
        Path folder = Path.of(KameletConventionsTest.class.getClassLoader().getResource("kamelets").toURI());
        return Files.list(folder).filter(p -> p.getFileName().toString().endsWith(".kamelet.yaml")).sorted();
    }

    @Test
    void theJarShipsTheThreeKamelets() throws Exception {
        assertThat(kamelets().map(p -> p.getFileName().toString())).containsExactly(
                "ampenet-contact-sink.kamelet.yaml", "ampenet-sms-sink.kamelet.yaml", "ampenet-sms-source.kamelet.yaml");
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            assertThat(current).as(String.join(".", path)).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void followsTheCamelKameletsConventions(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Object kamelet = new Load(LoadSettings.builder().build()).loadFromString(text);
        String name = file.getFileName().toString().replace(".kamelet.yaml", "");

        assertThat((String) at(kamelet, "apiVersion")).isEqualTo("camel.apache.org/v1");
        assertThat((String) at(kamelet, "kind")).isEqualTo("Kamelet");
        assertThat((String) at(kamelet, "metadata", "name")).isEqualTo(name);
        assertThat((String) at(kamelet, "metadata", "labels", "camel.apache.org/kamelet.type"))
                .isEqualTo(name.substring(name.lastIndexOf('-') + 1));
        Map<String, Object> annotations = at(kamelet, "metadata", "annotations");
        assertThat(annotations).containsKeys("camel.apache.org/kamelet.support.level", "camel.apache.org/catalog.version",
                "camel.apache.org/kamelet.icon", "camel.apache.org/provider", "camel.apache.org/kamelet.group");

        Map<String, Object> definition = at(kamelet, "spec", "definition");
        assertThat(definition).containsKeys("title", "description");
        assertThat(definition.get("type")).isEqualTo("object");
        Map<String, Map<String, Object>> properties = at(definition, "properties");
        List<String> required = at(definition, "required");
        assertThat(properties).containsKeys(required.toArray(String[]::new));
        assertThat(required).contains("apiToken");
        properties.forEach((property, schema) -> assertThat(schema).as(property).containsKeys("title", "description", "type"));
        assertThat(properties.get("apiToken")).containsEntry("format", "password");
        assertThat((List<String>) at(properties.get("apiToken"), "x-descriptors")).contains("urn:camel:group:credentials");

        String template = text.substring(text.indexOf("  template:"));
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            assertThat(properties).as("placeholder " + m.group()).containsKey(m.group(1));
        }
        List<String> dependencies = at(kamelet, "spec", "dependencies");
        assertThat(dependencies).contains("camel:kamelet").anySatisfy(d -> assertThat(d)
                .matches("mvn:dev\\.camelampenet:camel-ampenet:\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
    }
}
