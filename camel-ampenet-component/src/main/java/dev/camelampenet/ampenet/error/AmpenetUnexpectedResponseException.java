package dev.camelampenet.ampenet.error;

/** An answer the component cannot read as the API's JSON envelope: an HTML page, a redirect, a 5xx, a wrong-method or unknown-route error. */
public class AmpenetUnexpectedResponseException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetUnexpectedResponseException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetUnexpectedResponseException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }
}
