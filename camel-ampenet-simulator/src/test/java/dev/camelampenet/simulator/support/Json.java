package dev.camelampenet.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Small helpers for asserting wire shapes: key order matters to byte-comparing clients. */
public final class Json {

    private Json() {
    }

    /** The keys of a JSON object, in the order the server wrote them. */
    public static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The "label" of every entry of a paginator's "links". */
    public static List<String> linkLabels(JsonNode page) {
        List<String> labels = new ArrayList<>();
        page.path("links").forEach(l -> labels.add(l.path("label").asText()));
        return labels;
    }
}
