package dev.camelampenet.ampenet.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful API answer: the envelope's message and data. */
public final class ApiReply {
    private final int httpStatus;
    private final String message;
    private final JsonNode data;

    public ApiReply(int httpStatus, String message, JsonNode data) {
        this.httpStatus = httpStatus;
        this.message = message;
        this.data = data;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The envelope's message; often null (show, view, list, /me). */
    public String message() {
        return message;
    }

    /** The envelope's data: an object, an array, a paginator or a JSON null. */
    public JsonNode data() {
        return data;
    }
}
