package dev.camelampenet.ampenet.error;

/** The server refused to send to a recipient: invalid number, region not enabled, blacklist, too many recipients. */
public class AmpenetRecipientRejectedException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetRecipientRejectedException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetRecipientRejectedException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }
}
