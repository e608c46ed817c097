package dev.camelampenet.ampenet.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the option and header tables of {@code src/main/docs/ampenet-component.adoc} from the component JSON that
 * camel-package-maven-plugin generates, between {@code // <name>: START} and {@code // <name>: END} markers. Run by
 * the build (exec-maven-plugin, process-test-classes), so the tables are rewritten on every build and CI fails if
 * the committed document differs: the docs cannot drift from the code.
 */
public final class DocTablesGenerator {

    private DocTablesGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path json = Path.of(args[0]);
        Path adoc = Path.of(args[1]);
        JsonNode model = new ObjectMapper().readTree(json.toFile());
        String doc = Files.readString(adoc, StandardCharsets.UTF_8);
        doc = replace(doc, "component options", table(model.path("componentProperties"), "Component option"));
        doc = replace(doc, "endpoint path options", table(filter(model.path("properties"), "path"), "Path parameter"));
        doc = replace(doc, "endpoint query options", table(filter(model.path("properties"), "parameter"), "Endpoint option"));
        doc = replace(doc, "message headers", headers(model.path("headers")));
        Files.writeString(adoc, doc, StandardCharsets.UTF_8);
    }

    private static JsonNode filter(JsonNode properties, String kind) {
        var out = new ObjectMapper().createObjectNode();
        properties.fields().forEachRemaining(e -> {
            if (kind.equals(e.getValue().path("kind").asText())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private static String table(JsonNode options, String what) {
        StringBuilder t = new StringBuilder();
        t.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n| ").append(what)
                .append(" | Description | Default | Type\n");
        Iterator<Map.Entry<String, JsonNode>> it = options.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            String description = o.path("description").asText();
            if (o.path("secret").asBoolean()) {
                description += " (secret: masked wherever Camel prints the URI)";
            }
            if (o.has("enum")) {
                StringBuilder values = new StringBuilder();
                o.get("enum").forEach(v -> values.append(values.length() == 0 ? "" : ", ").append(v.asText()));
                description += " One of: " + values + ".";
            }
            t.append("| *").append(e.getKey()).append("* (").append(o.path("group").asText()).append(") | ")
                    .append(escape(description)).append(" | ").append(escape(o.path("defaultValue").asText(""))).append(" | ")
                    .append(escape(simpleType(o.path("javaType").asText()))).append('\n');
        }
        return t.append("|===\n").toString();
    }

    private static String headers(JsonNode headers) {
        StringBuilder t = new StringBuilder();
        t.append("[width=\"100%\",cols=\"2,5,1,2\",options=\"header\"]\n|===\n| Header | Description | Used by | Type\n");
        headers.fields().forEachRemaining(e -> {
            JsonNode h = e.getValue();
            t.append("| *").append(e.getKey()).append("* | ").append(escape(h.path("description").asText())).append(" | ")
                    .append(h.path("label").asText()).append(" | ").append(escape(simpleType(h.path("javaType").asText()))).append('\n');
        });
        return t.append("|===\n").toString();
    }

    private static String simpleType(String javaType) {
        return javaType.replaceAll("\\b(java\\.lang|java\\.util|java\\.time|dev\\.camelampenet\\.ampenet\\.model)\\.", "");
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    private static String replace(String doc, String name, String content) {
        String start = "// " + name + ": START\n";
        String end = "// " + name + ": END";
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("The document has no '" + start.trim() + "' ... '" + end + "' markers");
        }
        return doc.substring(0, from + start.length()) + content + doc.substring(to);
    }
}
