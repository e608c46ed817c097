package dev.camelampenet.ampenet.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The component JSON that camel-package-maven-plugin generates into the camel-ampenet jar: the options' source. */
final class ComponentJson {

    static final String LOCATION = "META-INF/dev/camelampenet/ampenet/ampenet.json";

    private ComponentJson() {
    }

    static JsonNode componentProperties() {
        return read(LOCATION).path("componentProperties");
    }

    static List<String> optionNames() {
        List<String> names = new ArrayList<>();
        componentProperties().fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** This starter's spring-configuration-metadata.json (every Spring Boot jar has one, the classpath order decides none). */
    static JsonNode starterMetadata() {
        try {
            var urls = ComponentJson.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
            while (urls.hasMoreElements()) {
                try (InputStream in = urls.nextElement().openStream()) {
                    JsonNode metadata = new ObjectMapper().readTree(in);
                    for (JsonNode group : metadata.path("groups")) {
                        if (AmpenetComponentConfiguration.PREFIX.equals(group.path("name").asText())) {
                            return metadata;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no spring-configuration-metadata.json with the group "
                + AmpenetComponentConfiguration.PREFIX + " on the test classpath");
    }

    static JsonNode read(String resource) {
        try (InputStream in = ComponentJson.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
