package dev.camelampenet.simulator.http;

/**
 * An error answer, carrying which of the server's three error producers made it (docs/ampenet-api.md §3), because that
 * decides the HTTP status and the envelope.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Producer {
        /** {@code ApiResponser::error($msg, $code)}: the given status; up to v3.1 the body also has "data": null. */
        RESPONDER,
        /** The global exception handler or an ad-hoc response()->json: always HTTP 200, status and message only. */
        HANDLER
    }

    public final Producer producer;
    public final int status;
    /**
     * For failures raised before the json.response middleware ran (routing, auth, binding, throttle): the status
     * of the HTML page a client gets without {@code Accept: application/json}; 0 when JSON regardless.
     */
    public final int htmlStatus;

    private ApiError(Producer producer, int status, int htmlStatus, String message) {
        super(message, null, false, false);
        this.producer = producer;
        this.status = status;
        this.htmlStatus = htmlStatus;
    }

    /** {@code $this->error($message, $status)}. */
    public static ApiError responder(int status, String message) {
        return new ApiError(Producer.RESPONDER, status, 0, message);
    }

    /** An exception rendered by the handler as HTTP 200 JSON (validation, uncaught exceptions, ad-hoc errors). */
    public static ApiError handler(String message) {
        return new ApiError(Producer.HANDLER, 200, 0, message);
    }

    /** A handler-rendered exception thrown before json.response: HTML with {@code htmlStatus} unless JSON is wanted. */
    public static ApiError beforeJsonMiddleware(int htmlStatus, String message) {
        return new ApiError(Producer.HANDLER, 200, htmlStatus, message);
    }
}
