package dev.camelampenet.ampenet.error;

/** The server refused the request's content: a required field, a number format, a duplicate, a contact phone it rejects. */
public class AmpenetValidationException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetValidationException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetValidationException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }
}
