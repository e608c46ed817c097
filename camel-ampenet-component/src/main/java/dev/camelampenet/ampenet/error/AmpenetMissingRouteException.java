package dev.camelampenet.ampenet.error;

/**
 * The server has no route for the call: it answered "The route ... could not be found." or "The ... method is not
 * supported for route ...". Either baseUrl does not point at an Ampenet v3 API, or the server's generation predates
 * the operation (no campaign routes before v3.7). The message says which is likely; {@link #getApiMessage()} keeps
 * the server's own text.
 */
public class AmpenetMissingRouteException extends AmpenetUnexpectedResponseException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    public AmpenetMissingRouteException(String operation, int httpStatus, String apiMessage, String hint) {
        super(operation, httpStatus, apiMessage);
        this.hint = hint;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " (" + hint + ")";
    }
}
