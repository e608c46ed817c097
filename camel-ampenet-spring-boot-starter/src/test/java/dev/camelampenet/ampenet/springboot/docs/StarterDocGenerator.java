package dev.camelampenet.ampenet.springboot.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the properties table of {@code docs/spring-boot.md} from the {@code spring-configuration-metadata.json} the
 * configuration processor generated for the starter, between {@code <!-- starter properties: START -->} and
 * {@code <!-- starter properties: END -->}. Run by the build (exec-maven-plugin, process-test-classes, test scope so
 * it never ships); CI fails when the committed document differs from what the build wrote.
 */
public final class StarterDocGenerator {

    static final String START = "<!-- starter properties: START -->\n";
    static final String END = "<!-- starter properties: END -->";

    private StarterDocGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path metadata = Path.of(args[0]);
        Path doc = Path.of(args[1]);
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Files.writeString(doc, replace(text, table(new ObjectMapper().readTree(metadata.toFile()))), StandardCharsets.UTF_8);
    }

    static String table(JsonNode metadata) {
        List<JsonNode> properties = new ArrayList<>();
        metadata.path("properties").forEach(properties::add);
        properties.sort(Comparator.comparing(p -> p.path("name").asText()));
        StringBuilder t = new StringBuilder();
        t.append("| Property | Description | Default | Type |\n|---|---|---|---|\n");
        for (JsonNode p : properties) {
            t.append("| `").append(p.path("name").asText()).append("` | ")
                    .append(cell(p.path("description").asText())).append(" | ")
                    .append(p.has("defaultValue") ? "`" + p.get("defaultValue").asText() + "`" : "").append(" | ")
                    .append(cell(simpleType(p.path("type").asText()))).append(" |\n");
        }
        return t.toString();
    }

    private static String simpleType(String type) {
        return type.replaceAll("\\b(java\\.lang|java\\.time|dev\\.camelampenet\\.ampenet)\\.", "");
    }

    private static String cell(String text) {
        return text.replaceAll("\\s+", " ").trim().replace("|", "\\|");
    }

    static String replace(String doc, String content) {
        int from = doc.indexOf(START);
        int to = doc.indexOf(END);
        if (from < 0 || to < from) {
            throw new IllegalStateException("The document has no '" + START.trim() + "' ... '" + END + "' markers");
        }
        return doc.substring(0, from + START.length()) + content + doc.substring(to);
    }
}
