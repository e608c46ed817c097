package dev.camelampenet.ampenet.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful API answer: the envelope's message and data.
 *
 * @param message the envelope's message; often null (show, view, list, /me)
 * @param data the envelope's data: an object, an array, a paginator or a JSON null
 */
public record ApiReply(String message, JsonNode data) {
}
