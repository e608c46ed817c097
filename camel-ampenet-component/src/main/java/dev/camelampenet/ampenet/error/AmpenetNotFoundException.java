package dev.camelampenet.ampenet.error;

/** A group, contact, message or campaign uid the server does not know, or a contact outside the given group. */
public class AmpenetNotFoundException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetNotFoundException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetNotFoundException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }
}
